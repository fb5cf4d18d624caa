/**
 * The taskpane's Content-Security-Policy in a real browser: the static policy in taskpane.html's meta
 * and the server's header, the feed policy csp.js adds from the saved feed origins, and what they block.
 * Feed origins are answered by the test itself (Playwright routes), after the browser's CSP check:
 * a request the policy blocks never reaches them.
 */
import http from "http";
import type { AddressInfo } from "net";
import type { Route } from "playwright-core";
import { basePolicy, BASE_POLICY, feedPolicy, FEED_ORIGINS_STORAGE_KEY, OFFICE_CDN } from "../../src/taskpane/csp";
import { openTaskpane, useHarness, waitForReady, type OpenedPage, type OpenOptions } from "./harness";

const FEED = "https://feeds.example.test";
const NOT_A_FEED = "https://elsewhere.example.test";

const harness = useHarness();

/** Answers FEED and NOT_A_FEED with a small JSON document (CORS open), recording what reached them. */
function feedRoutes(reached: string[]) {
  return async (route: Route, url: URL) => {
    if (url.origin !== FEED && url.origin !== NOT_A_FEED) return false;
    reached.push(url.href);
    await route.fulfill({
      status: 200,
      contentType: "application/json",
      headers: { "Access-Control-Allow-Origin": "*" },
      body: JSON.stringify({ from: url.origin }),
    });
    return true;
  };
}

async function withPage(options: OpenOptions, body: (opened: OpenedPage) => Promise<void>): Promise<void> {
  const opened = await openTaskpane(harness, options);
  try {
    await waitForReady(opened.page);
    await body(opened);
  } finally {
    await opened.close();
  }
}

/** fetch() from inside the page: "ok <status>" or "blocked <error name>". */
function fetchFrom(opened: OpenedPage, url: string): Promise<string> {
  return opened.page.evaluate(async (target) => {
    try {
      const response = await fetch(target);
      return `ok ${response.status}`;
    } catch (err) {
      return `blocked ${(err as Error).name}`;
    }
  }, url);
}

function headersOf(url: string): Promise<http.IncomingHttpHeaders & { body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ ...res.headers, body }));
      })
      .on("error", reject);
  });
}

describe("the policy", () => {
  test("allows scripts only from the page's origin and Office's CDN, no inline code, no eval, no plugins", () => {
    const policy = basePolicy();
    expect(BASE_POLICY["default-src"]).toEqual(["'self'"]);
    expect(BASE_POLICY["script-src"]).toEqual(["'self'", OFFICE_CDN]);
    expect(BASE_POLICY["style-src"]).toEqual(["'self'"]);
    expect(BASE_POLICY["object-src"]).toEqual(["'none'"]);
    expect(BASE_POLICY["base-uri"]).toEqual(["'self'"]);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes/);
    // No wildcard but the ports of this machine's http hosts, which the feed policy narrows to saved origins.
    expect(BASE_POLICY["connect-src"]).toEqual(["'self'", OFFICE_CDN, "https:", "http://localhost:*", "http://127.0.0.1:*"]);
    expect(policy.replace(" http://localhost:* http://127.0.0.1:*;", ";")).not.toContain("*");
    expect(feedPolicy([FEED])).toBe(`connect-src 'self' ${OFFICE_CDN} ${FEED}`);
  });

  test("is in taskpane.html's first <meta> (before any script) and in the server's header", async () => {
    const page = await headersOf(`${harness.server.origin}/taskpane.html`);
    expect(page["content-security-policy"]).toBe(basePolicy());
    const head = page.body.slice(0, page.body.indexOf("</head>"));
    const meta = /<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"/i.exec(head);
    expect(meta?.[1].replace(/&#39;|&apos;/g, "'")).toBe(basePolicy());
    expect(head.indexOf("Content-Security-Policy")).toBeLessThan(head.search(/<script|<link/i));
  });

  test("csp.js adds the feed policy for the saved feed origins before the page's scripts run", async () => {
    const seed = `localStorage.setItem(${JSON.stringify(FEED_ORIGINS_STORAGE_KEY)}, ${JSON.stringify(JSON.stringify([FEED]))});`;
    await withPage({ initScript: seed }, async ({ page }) => {
      const metas = await page.evaluate(() =>
        [...document.head.children].map((el) =>
          el.tagName === "META" && (el as HTMLMetaElement).httpEquiv ? `meta ${(el as HTMLMetaElement).content}` : el.tagName.toLowerCase(),
        ),
      );
      // The base policy first; csp.js's feed policy right after csp.js, before office.js and the bundles.
      const first = metas.findIndex((m) => m.startsWith("meta "));
      expect(metas[first]).toBe(`meta ${basePolicy()}`);
      const cspScript = metas.indexOf("script");
      expect(metas[cspScript + 1]).toBe(`meta ${feedPolicy([FEED])}`);
      expect(first).toBeLessThan(cspScript);
    });
  });
});

describe("connections", () => {
  test("the page's own origin and a saved feed origin are reachable; any other origin is blocked by the policy", async () => {
    const reached: string[] = [];
    const seed = `localStorage.setItem(${JSON.stringify(FEED_ORIGINS_STORAGE_KEY)}, ${JSON.stringify(JSON.stringify([FEED]))});`;
    await withPage({ initScript: seed, route: feedRoutes(reached) }, async (opened) => {
      await expect(fetchFrom(opened, "catalog/index.json")).resolves.toBe("ok 200");
      await expect(fetchFrom(opened, `${FEED}/lists/focus.json`)).resolves.toBe("ok 200");
      await expect(fetchFrom(opened, `${NOT_A_FEED}/lists/focus.json`)).resolves.toBe("blocked TypeError");
      await expect(fetchFrom(opened, "http://127.0.0.2:9/")).resolves.toBe("blocked TypeError");
      expect(reached).toEqual([`${FEED}/lists/focus.json`]);
      // Which policy refused what: the other https origin only by the feed policy (the static one lets
      // https through), plain http to anywhere but localhost and 127.0.0.1 by both (the meta and the header
      // carry the same static policy).
      const violations = (await opened.violations()).filter((v) => v.directive === "connect-src");
      expect([...new Set(violations.map((v) => `${v.blocked} | ${v.policy}`))].sort()).toEqual(
        [
          `${NOT_A_FEED}/lists/focus.json | ${feedPolicy([FEED])}`,
          `http://127.0.0.2:9/ | ${basePolicy()}`,
          `http://127.0.0.2:9/ | ${feedPolicy([FEED])}`,
        ].sort(),
      );
      // Chromium logs each refused fetch as a console error; those two, and nothing else.
      expect(opened.errors.filter((e) => !e.includes(NOT_A_FEED) && !e.includes("127.0.0.2"))).toEqual([]);
    });
  });

  test("a saved feed on this machine (http://127.0.0.1, a real server) is reachable; the same server on another address, and [::1], are not", async () => {
    const reached: string[] = [];
    const server = http.createServer((req, res) => {
      reached.push(req.url ?? "");
      res.writeHead(200, { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" }).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const port = (server.address() as AddressInfo).port;
    const local = `http://127.0.0.1:${port}`;
    // Saved as the feeds form saves it; a hand-edited [::1] entry next to it is dropped, never put in the policy.
    const seed = `localStorage.setItem(${JSON.stringify(FEED_ORIGINS_STORAGE_KEY)}, ${JSON.stringify(JSON.stringify([local, `http://[::1]:${port}`]))});`;
    const letThrough = async (route: Route, url: URL) => {
      if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") return false;
      await route.continue();
      return true;
    };
    try {
      await withPage({ initScript: seed, route: letThrough }, async (opened) => {
        await expect(opened.page.evaluate(() => document.querySelector('meta[data-aic-policy="feeds"]')?.getAttribute("content"))).resolves.toBe(
          feedPolicy([local]),
        );
        await expect(fetchFrom(opened, `${local}/desk/focus.json`)).resolves.toBe("ok 200");
        // The same server by another name: not the saved origin, so the feed policy refuses it.
        await expect(fetchFrom(opened, `http://localhost:${port}/desk/focus.json`)).resolves.toBe("blocked TypeError");
        await expect(fetchFrom(opened, `http://[::1]:${port}/desk/focus.json`)).resolves.toBe("blocked TypeError");
        expect(reached).toEqual(["/desk/focus.json"]);
        const violations = (await opened.violations()).filter((v) => v.directive === "connect-src");
        expect([...new Set(violations.map((v) => `${v.blocked} | ${v.policy}`))].sort()).toEqual(
          [
            `http://localhost:${port}/desk/focus.json | ${feedPolicy([local])}`,
            // [::1] is refused by the static policy too: it can only name localhost and 127.0.0.1.
            `http://[::1]:${port}/desk/focus.json | ${basePolicy()}`,
            `http://[::1]:${port}/desk/focus.json | ${feedPolicy([local])}`,
          ].sort(),
        );
        // Chromium logs each refused fetch; nothing else (no "invalid source" for an unsaved [::1] either).
        expect(opened.errors.filter((e) => !e.includes(`localhost:${port}`) && !e.includes(`[::1]:${port}`))).toEqual([]);
      });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("with no saved feeds, a feed origin is blocked too", async () => {
    const reached: string[] = [];
    await withPage({ route: feedRoutes(reached) }, async (opened) => {
      await expect(opened.page.evaluate(() => document.querySelector('meta[data-aic-policy="feeds"]')?.getAttribute("content"))).resolves.toBe(
        feedPolicy([]),
      );
      await expect(fetchFrom(opened, `${FEED}/lists/focus.json`)).resolves.toBe("blocked TypeError");
      expect(reached).toEqual([]);
    });
  });
});

describe("code and styles", () => {
  /**
   * A script from the page's own origin that tries eval. (Code sent through the DevTools protocol, as
   * page.evaluate does, may eval regardless of the page's policy, so the attempt must come from a page script.)
   */
  const EVAL_PROBE = "/probe/eval.js";
  const probeRoute = async (route: Route, url: URL) => {
    if (url.pathname !== EVAL_PROBE) return false;
    await route.fulfill({
      status: 200,
      contentType: "text/javascript",
      body: 'try { eval("window.__evalRan = true"); } catch (e) { window.__evalRefused = e.name; }',
    });
    return true;
  };

  test("an inline script, an inline style attribute and eval are refused", async () => {
    await withPage({ route: probeRoute }, async (opened) => {
      const outcome = await opened.page.evaluate(async (probe) => {
        const w = window as unknown as { __inlineRan?: boolean; __evalRan?: boolean; __evalRefused?: string };
        const inline = document.createElement("script");
        inline.textContent = "window.__inlineRan = true";
        document.body.appendChild(inline);
        const styled = document.createElement("p");
        styled.setAttribute("style", "color: rgb(255, 0, 0)");
        document.body.appendChild(styled);
        await new Promise<void>((resolve, reject) => {
          const script = document.createElement("script");
          script.src = probe;
          script.onload = () => resolve();
          script.onerror = () => reject(new Error(`${probe} did not load`));
          document.head.appendChild(script);
        });
        return {
          inlineRan: w.__inlineRan === true,
          color: getComputedStyle(styled).color,
          evalRan: w.__evalRan === true,
          evalRefused: w.__evalRefused,
        };
      }, EVAL_PROBE);
      // rgb(36, 36, 36) is the page's own text colour (Fluent colorNeutralForeground1): the red never applied.
      expect(outcome).toEqual({ inlineRan: false, color: "rgb(36, 36, 36)", evalRan: false, evalRefused: "EvalError" });
      const directives = new Set((await opened.violations()).map((v) => v.directive));
      expect([...directives].sort()).toEqual(["script-src", "script-src-elem", "style-src-attr"]);
    });
  });
});
