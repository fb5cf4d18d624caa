/**
 * A confirmation before an action that reloads the pane or discards something the analyst did: a Fluent
 * Dialog (fluent-dialog, type modal) with a title, the sentence, and two buttons.
 *
 * fluent-dialog wraps a native <dialog> opened with showModal(): the rest of the page is inert while it
 * is open (focus stays inside), Escape cancels it, and it sits in the top layer (nothing covers it).
 * When it closes, however it closes, focus goes back to the control that opened it (or, when a
 * re-render replaced that control, to its equivalent: the same data-focus-key).
 *
 * The dialog's name is its title, given as aria-label: fluent-dialog copies aria-label onto the <dialog>
 * in its shadow root, where an aria-labelledby pointing into the page could not reach.
 *
 * Under jsdom (fluent-dialog undefined) the element stays a plain one marked `open`, and close() does
 * the same clean-up, so the view's logic is tested there too.
 */
import { fluentButton } from "./controls";
import { fl, h, type Child } from "./dom";

export interface ConfirmDialogOptions {
  /** For tests and styling: data-dialog="…". */
  name: string;
  title: string;
  body: Child[];
  confirmLabel: string;
  cancelLabel: string;
  /** Which button has focus when it opens: the safe one ("cancel") when confirming discards something. */
  initialFocus: "confirm" | "cancel";
  onConfirm(): void;
  onCancel?(): void;
}

export interface ConfirmDialog {
  readonly element: HTMLElement;
  /** Closes it as a cancel would (no callback). */
  close(): void;
}

interface FluentDialogElement extends HTMLElement {
  show?: () => void;
  hide?: () => void;
}

/** Opens the dialog inside `container` (any element in the page; the dialog renders in the top layer). */
export function openConfirmDialog(container: HTMLElement, o: ConfirmDialogOptions): ConfirmDialog {
  const doc = container.ownerDocument;
  const invoker = doc.activeElement instanceof HTMLElement && doc.activeElement !== doc.body ? doc.activeElement : null;
  const invokerKey = invoker?.getAttribute("data-focus-key") ?? null;
  /** How it was closed; null: by fluent-dialog itself (Escape, the backdrop), which counts as cancel. */
  let settled: "confirm" | "cancel" | "none" | null = null;
  let closed = false;

  const confirm = fluentButton(o.confirmLabel, {
    appearance: "primary",
    focusKey: `dialog:${o.name}:confirm`,
    attrs: { slot: "action", autofocus: o.initialFocus === "confirm" },
    onClick: () => finish("confirm"),
  });
  const cancel = fluentButton(o.cancelLabel, {
    focusKey: `dialog:${o.name}:cancel`,
    attrs: { slot: "action", autofocus: o.initialFocus === "cancel" },
    onClick: () => finish("cancel"),
  });
  const dialog: FluentDialogElement = fl(
    "fluent-dialog",
    { className: "aic-dialog", attrs: { type: "modal", "aria-label": o.title, "data-dialog": o.name } },
    [
      fl("fluent-dialog-body", {}, [
        h("h2", { className: "aic-dialog-title", attrs: { slot: "title" } }, [o.title]),
        h("p", { className: "aic-dialog-text" }, o.body),
        confirm,
        cancel,
      ]),
    ],
  );

  /** Removes the dialog, returns focus, then runs the choice (Escape and the backdrop count as cancel). */
  function cleanUp() {
    if (closed) return;
    closed = true;
    dialog.remove();
    const back = invoker?.isConnected
      ? invoker
      : invokerKey
        ? doc.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(invokerKey)}"]`)
        : null;
    back?.focus();
    if (settled === "confirm") o.onConfirm();
    else if (settled !== "none") o.onCancel?.();
  }

  function finish(choice: "confirm" | "cancel" | "none") {
    if (closed) return;
    settled = choice;
    if (typeof dialog.hide === "function") dialog.hide();
    cleanUp();
  }

  // fluent-dialog says it closed (Escape, or hide()) with a "toggle" event whose newState is "closed".
  dialog.addEventListener("toggle", (event) => {
    const state = (event as unknown as CustomEvent<{ newState?: string } | null>).detail?.newState;
    if (state === "closed") cleanUp();
  });

  container.appendChild(dialog);
  if (typeof dialog.show === "function") dialog.show();
  else {
    // Not upgraded (jsdom): open, and focus the chosen button as fluent-dialog would.
    dialog.setAttribute("open", "");
    (o.initialFocus === "confirm" ? confirm : cancel).focus();
  }
  return { element: dialog, close: () => finish("none") };
}
