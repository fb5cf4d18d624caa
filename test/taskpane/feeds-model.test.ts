/**
 * The Feeds section's view model (src/taskpane/tabs/feeds/model.ts): the add-feed form checked before anything
 * is fetched (the URL by sources.ts's rule and the page's policy, the CSV dates and column mapping), a
 * feed's name and status in words, and local times. Pure: no DOM.
 */
import { recogniseHeader } from "../../src/picks/columns";
import { feedIdForUrl, type FeedSource } from "../../src/picks/sources";
import {
  checkFeedForm,
  EMPTY_FEED_FORM,
  feedName,
  HEADER_EXAMPLES,
  feedStatusView,
  localTime,
  parseFeedFormValues,
  parseMappingText,
  type FeedFormValues,
} from "../../src/taskpane/tabs/feeds/model";
import { t } from "../../src/taskpane/i18n";
import { huaxinFocusList } from "./fixtures";

/** An ISO time for 2024-02-26 09:30 on this computer's clock, whatever its time zone. */
const NINE_THIRTY = new Date(2024, 1, 26, 9, 30).toISOString();

const form = (values: Partial<FeedFormValues>): FeedFormValues => ({ ...EMPTY_FEED_FORM, ...values });

describe("checkFeedForm: the URL", () => {
  it("accepts an https feed, and says a reload is needed until its origin is saved", () => {
    const url = "https://feeds.example.com/lists/huaxin.json";
    const fresh = checkFeedForm(form({ url: `  ${url} `, name: " Huaxin focus " }), []);
    expect(fresh).toEqual({
      ok: true,
      url,
      origin: "https://feeds.example.com",
      reloadNeeded: true,
      input: { url, name: "Huaxin focus" },
    });
    expect(checkFeedForm(form({ url }), ["https://feeds.example.com"])).toMatchObject({ ok: true, reloadNeeded: false });
  });

  it("accepts http on this machine (localhost, 127.0.0.1), with the port in the origin", () => {
    expect(checkFeedForm(form({ url: "http://127.0.0.1:8765/focus.json" }), [])).toMatchObject({ ok: true, origin: "http://127.0.0.1:8765" });
    expect(checkFeedForm(form({ url: "http://localhost/focus.csv" }), [])).toMatchObject({ ok: true, origin: "http://localhost" });
  });

  it("refuses an empty URL, plain http elsewhere and credentials, with sources.ts's reason as data", () => {
    expect(checkFeedForm(form({ url: "  " }), [])).toEqual({ ok: false, problems: [{ field: "url", msg: { key: "feedUrlEmpty" } }] });
    const http = checkFeedForm(form({ url: "http://feeds.example.com/a.json" }), []);
    expect(http).toEqual({
      ok: false,
      problems: [
        {
          field: "url",
          msg: { key: "feedUrlInvalid", params: { reason: "http is allowed only for localhost; use https for feeds.example.com" }, data: ["reason"] },
        },
      ],
    });
    const secret = checkFeedForm(form({ url: "https://analyst:hunter2@feeds.example.com/a.json" }), []);
    expect(secret.ok).toBe(false);
    if (!secret.ok) expect(secret.problems[0]!.msg.params!.reason).toMatch(/must not carry a user name or password/);
  });

  it("refuses http://[::1]: sources.ts accepts it, but the page's policy cannot name it", () => {
    expect(checkFeedForm(form({ url: "http://[::1]:8765/focus.json" }), [])).toEqual({ ok: false, problems: [{ field: "url", msg: { key: "feedUrlIpv6" } }] });
    expect(t("en", "feedUrlIpv6")).toContain("http://localhost");
  });
});

describe("checkFeedForm: CSV options", () => {
  const url = "https://feeds.example.com/desk/focus.csv";

  it("uses the CSV fields only when the box is ticked", () => {
    const ignored = checkFeedForm(form({ url, csv: false, title: "Desk focus", mapping: "Px = price" }), []);
    expect(ignored.ok && ignored.input.csv).toBe(undefined);
    const used = checkFeedForm(
      form({ url, csv: true, title: "Desk focus", broker: "华鑫证券", reportDate: "2024-02-18", priceDate: "2024-02-18", mapping: "Px = price\nEPS 24 = eps 2024E" }),
      [],
    );
    expect(used.ok && used.input.csv).toEqual({
      title: { zh: "Desk focus", en: "Desk focus" },
      broker: "华鑫证券",
      reportDate: "2024-02-18",
      priceDate: "2024-02-18",
      mapping: { Px: { kind: "price" }, "EPS 24": { kind: "eps", year: 2024, estimate: true } },
    });
  });

  it("refuses a date that is not a calendar day, naming the field, and reports every problem at once", () => {
    const bad = checkFeedForm(form({ url: "", csv: true, reportDate: "2024-02-30", priceDate: "18/02/2024", mapping: "Px price" }), []);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => [p.field, p.msg.key])).toEqual([
      ["url", "feedUrlEmpty"],
      ["reportDate", "csvReportDateInvalid"],
      ["priceDate", "csvPriceDateInvalid"],
      ["mapping", "mappingLineInvalid"],
    ]);
    expect(t("en", bad.problems[1]!.msg.key, bad.problems[1]!.msg.params)).toBe("The report date “2024-02-30” is not a date (YYYY-MM-DD).");
  });
});

describe("parseMappingText", () => {
  it("the hint's example headers are ones a CSV is read by without a mapping (years where EPS and P/E need one)", () => {
    for (const header of HEADER_EXAMPLES) {
      const recognised = recogniseHeader(header);
      expect({ header, kind: recognised?.rule.kind ?? null }).toEqual({ header, kind: expect.any(String) });
      if (recognised!.rule.perYear) expect({ header, year: recognised!.year }).toEqual({ header, year: 2024 });
    }
  });

  it("reads header = kind lines: years with E for estimates, % for percentage points, ignore, comments", () => {
    expect(parseMappingText("# the desk's export\nPx = price\n\nEPS 2023 = eps 2023\nEPS 24 = EPS 2024E\nChg = change %\nMemo = ignore\nA=B = text")).toEqual({
      ok: true,
      mapping: {
        Px: { kind: "price" },
        "EPS 2023": { kind: "eps", year: 2023, estimate: false },
        "EPS 24": { kind: "eps", year: 2024, estimate: true },
        Chg: { kind: "change", percent: true },
        Memo: "ignore",
        // The last "=" separates: a header may contain one.
        "A=B": { kind: "text" },
      },
    });
    expect(parseMappingText("   ")).toEqual({ ok: true, mapping: {} });
  });

  it("names the line of each problem", () => {
    const result = parseMappingText("Px = price\nPE = pe\nRating = grade\nPx = number\nPx2 = price 2024E %\nnonsense");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((m) => t("en", m.key, m.params))).toEqual([
      "Column mapping, line 2: pe needs its year, for example “PE = pe 2024E”.",
      "Column mapping, line 3: “grade” is not a kind. Use one of: ticker, name, price, change, eps, pe, pb, rating, theme, text, number, ignore.",
      "Column mapping, line 4: the header “Px” is mapped twice.",
      "Column mapping, line 5: “Px2 = price 2024E %” is not understood. Write header = kind, for example Px = price.",
      "Column mapping, line 6: “nonsense” is not understood. Write header = kind, for example Px = price.",
    ]);
    expect(t("zh", result.problems[0]!.key, result.problems[0]!.params)).toBe("列映射第 2 行：pe 须注明年份，例如“PE = pe 2024E”。");
  });

  it("reads the registration's JSON form (docs/refresh.md) and names entries it cannot read", () => {
    expect(parseMappingText('{"Px": {"kind": "price"}, "EPS": {"kind": "eps", "year": 2024, "estimate": true}, "Cmt": "ignore"}')).toEqual({
      ok: true,
      mapping: { Px: { kind: "price" }, EPS: { kind: "eps", year: 2024, estimate: true }, Cmt: "ignore" },
    });
    const bad = parseMappingText('{"Px": {"kind": "prize"}}');
    expect(bad.ok === false && bad.problems.map((m) => m.params!.reason)).toEqual(['"Px": not a mapping of a known kind']);
    const broken = parseMappingText('{"Px": ');
    expect(broken.ok === false && broken.problems[0]!.key).toBe("mappingJsonInvalid");
  });
});

describe("a feed in words", () => {
  const source: FeedSource = { id: feedIdForUrl("https://feeds.example.com/lists/huaxin-focus.json"), kind: "url", url: "https://feeds.example.com/lists/huaxin-focus.json", addedAt: "2024-02-26T01:30:00.000Z" };

  it("is named by its given name, else its file name", () => {
    expect(feedName(source)).toBe("huaxin-focus");
    expect(feedName({ ...source, name: "Desk picks" })).toBe("Desk picks");
  });

  it("shows times in this computer's time zone", () => {
    expect(localTime(NINE_THIRTY)).toBe("2024-02-26 09:30");
    expect(localTime("not a time")).toBe("not a time");
  });

  it("is fresh with when, stale since when with why, or failed with why", () => {
    const lists = [huaxinFocusList()];
    expect(feedStatusView({ ok: true, lists, fetchedAt: NINE_THIRTY, stale: null })).toEqual({
      tone: "ok",
      msg: { key: "feedFresh", params: { time: "2024-02-26 09:30" } },
      reason: null,
    });
    const stale = feedStatusView({ ok: true, lists, fetchedAt: NINE_THIRTY, stale: { since: NINE_THIRTY, error: "https://feeds.example.com/lists/huaxin-focus.json: HTTP 503 Service Unavailable" } });
    expect(stale.tone).toBe("warning");
    expect(t("en", stale.msg.key, stale.msg.params)).toBe("Stale since 2024-02-26 09:30: the last fetch failed, so these are the lists as fetched then.");
    expect(stale.reason).toBe("https://feeds.example.com/lists/huaxin-focus.json: HTTP 503 Service Unavailable");
    expect(feedStatusView({ ok: false, error: "no answer within 10 s" })).toEqual({ tone: "error", msg: { key: "feedFailed" }, reason: "no answer within 10 s" });
  });
});

describe("parseFeedFormValues (what was typed, kept across a reload)", () => {
  it("keeps string fields and the CSV box, and nothing else", () => {
    expect(parseFeedFormValues({ url: "https://a.example/x.csv", csv: true, mapping: "Px = price", name: 42, extra: "x" })).toEqual({
      ...EMPTY_FEED_FORM,
      url: "https://a.example/x.csv",
      csv: true,
      mapping: "Px = price",
    });
    expect(parseFeedFormValues("https://a.example")).toBeNull();
  });
});
