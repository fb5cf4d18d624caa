/**
 * @jest-environment jsdom
 */
/**
 * A text box's description and invalid state reach the control inside its shadow root (controls.ts
 * textField, setFieldProblems). jsdom does not run Fluent, so the text boxes here are stand-ins keeping
 * FAST's contract as Fluent's components do: an open shadow root holding the <input>/<textarea> with
 * id="control", rendered on first connect, then `$fastController.isConnected` notified to subscribers.
 * What Chromium's accessibility tree makes of it is test/browser/field-descriptions.test.ts.
 */
import { setFieldProblems, textField, type TextField } from "../../src/taskpane/controls";

/** Whether the stand-ins' controls get ARIA element reflection (jsdom has none; a test gives it as a plain property). */
let reflection = false;

class StandInTextBox extends HTMLElement {
  value = "";
  private readonly subscribers: { handleChange(subject: unknown, key: unknown): void }[] = [];
  readonly $fastController = {
    isConnected: false,
    subscribe: (subscriber: { handleChange(subject: unknown, key: unknown): void }, key: string) => {
      if (key === "isConnected") this.subscribers.push(subscriber);
    },
  };
  connectedCallback() {
    if (!this.shadowRoot) {
      const control = document.createElement(this.localName === "fluent-textarea" ? "textarea" : "input");
      control.id = "control";
      if (reflection) Object.defineProperty(control, "ariaDescribedByElements", { value: null, writable: true });
      this.attachShadow({ mode: "open" }).append(control);
    }
    this.setConnected(true);
  }
  disconnectedCallback() {
    this.setConnected(false);
  }
  private setConnected(connected: boolean) {
    this.$fastController.isConnected = connected;
    for (const s of this.subscribers) s.handleChange(this.$fastController, "isConnected");
  }
}

const control = (f: TextField) => f.box.shadowRoot?.getElementById("control") ?? null;
/** MutationObserver records are delivered in a microtask. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function urlField(): TextField {
  const f = textField({ id: "url", type: "url", hintId: "url-hint", errorId: "url-error" });
  f.label.textContent = "Feed URL";
  f.hint!.textContent = "An https:// address.";
  return f;
}

beforeAll(() => {
  customElements.define("fluent-text-input", class extends StandInTextBox {});
});

afterEach(() => {
  document.body.replaceChildren();
  reflection = false;
});

test("jsdom has no ARIA element reflection: the description reaches the control as aria-description", () => {
  expect("ariaDescribedByElements" in document.createElement("input")).toBe(false);
});

test("without element reflection: the hint, then hint and error, then the hint again, as the control's aria-description, and aria-invalid with them", async () => {
  const f = urlField();
  // Not in the page yet: nothing rendered, nothing to link.
  expect(control(f)).toBeNull();
  document.body.append(f.field);
  expect(control(f)?.getAttribute("aria-description")).toBe("An https:// address.");
  expect(control(f)?.hasAttribute("aria-invalid")).toBe(false);

  setFieldProblems(f, [["This URL cannot be a feed: it is not https."]]);
  await settled();
  expect(control(f)?.getAttribute("aria-invalid")).toBe("true");
  expect(control(f)?.getAttribute("aria-description")).toBe("An https:// address. This URL cannot be a feed: it is not https.");
  // The host keeps its own (what axe and the CSS read).
  expect(f.box.getAttribute("aria-describedby")).toBe("url-hint url-error");
  expect(f.box.getAttribute("aria-invalid")).toBe("true");

  setFieldProblems(f, []);
  await settled();
  expect(control(f)?.getAttribute("aria-invalid")).toBe("false");
  expect(control(f)?.getAttribute("aria-description")).toBe("An https:// address.");
});

test("the text is taken again at focus: a hint rewritten by the language switch is what is read", () => {
  const f = urlField();
  document.body.append(f.field);
  f.hint!.textContent = "https:// 网址。";
  control(f)!.dispatchEvent(new FocusEvent("focusin", { bubbles: true, composed: true }));
  expect(control(f)?.getAttribute("aria-description")).toBe("https:// 网址。");
});

test("with element reflection: the control refers to the hint and error elements themselves, and has no aria-description", async () => {
  reflection = true;
  const f = urlField();
  document.body.append(f.field);
  const reflected = () => (control(f) as unknown as { ariaDescribedByElements: readonly Element[] | null }).ariaDescribedByElements;
  expect(reflected()).toEqual([f.hint]);
  expect(reflected()![0]).toBe(f.hint);

  setFieldProblems(f, [["Enter the feed's URL."]]);
  await settled();
  expect(reflected()).toHaveLength(2);
  expect(reflected()![1]).toBe(f.error);
  expect(control(f)?.getAttribute("aria-invalid")).toBe("true");

  setFieldProblems(f, []);
  await settled();
  expect(reflected()).toEqual([f.hint]);
  expect(control(f)?.hasAttribute("aria-description")).toBe(false);
});

test("a view's own aria-describedby (an element elsewhere in the page) and aria-invalid on the host reach the control too", async () => {
  const intro = document.createElement("p");
  intro.id = "intro";
  intro.textContent = "Paste a broker note.";
  const f = textField({ id: "ticker", attrs: { "aria-describedby": "intro" } });
  document.body.append(intro, f.field);
  expect(control(f)?.getAttribute("aria-description")).toBe("Paste a broker note.");
  f.box.setAttribute("aria-invalid", "true");
  await settled();
  expect(control(f)?.getAttribute("aria-invalid")).toBe("true");
  f.box.removeAttribute("aria-invalid");
  await settled();
  expect(control(f)?.hasAttribute("aria-invalid")).toBe(false);
});

test("a box made before its element is defined is linked once it is defined and rendered", async () => {
  const f = textField({ id: "mapping", multiline: true, hintId: "mapping-hint", errorId: "mapping-error" });
  f.hint!.textContent = "One column a line.";
  // Undefined: the plain stand-in for jsdom (a value, focusable).
  expect(f.box.value).toBe("");
  document.body.append(f.field);
  expect(control(f)).toBeNull();
  customElements.define("fluent-textarea", class extends StandInTextBox {});
  await settled();
  expect(control(f)?.localName).toBe("textarea");
  expect(control(f)?.getAttribute("aria-description")).toBe("One column a line.");
});
