/**
 * The Feeds section: add a feed (checked in words before anything is fetched; fetched and validated by
 * src/picks/sources.ts before anything is saved), list the feeds with their status — up to date, or
 * stale since when and why — fetch one again, remove one, and show each feed's lists with Preview and
 * Insert (inserted with the feed as the table's recorded source, so a refresh fetches from it).
 *
 * The page's Content-Security-Policy lets it connect only to origins saved in localStorage when it
 * loaded (csp.ts). Adding a feed on a new origin therefore saves the origin and reloads the page, after
 * telling the person and with their consent; the app keeps what they typed across the reload and
 * this pane adds the feed right after it (resumeAdd).
 *
 * The form (form-view.ts) is built once, so what is typed survives a language switch; everything else
 * is rebuilt from state by render(), the allowed addresses under the feeds by origins-view.ts.
 */
import { confirmPendingOrigin, readFeedOrigins, removeFeedOrigin, setPendingFeedOrigin, type KeyValueStorage } from "../../csp";
import { addFeedSource, fetchFeed, listFeedSources, originForSource, removeFeedSource, type FeedEnv, type FeedSource } from "../../../picks/sources";
import type { PickList } from "../../../picks/types";
import { openConfirmDialog } from "../../dialog";
import { h, replaceContent, type Child } from "../../dom";
import {
  checkFeedForm,
  copyFromFetch,
  EMPTY_FEED_FORM,
  feedName,
  feedStatusView,
  type FeedCopy,
  type FeedFormField,
  type FeedFormValues,
  type Msg,
  onlineOnlyMsg,
} from "./model";
import { allowedOriginsView, originToRemoveWithFeed } from "./origins";
import { allowedOriginsSection } from "./origins-view";
import { createFeedForm } from "./form-view";
import { rowCountText, tCount } from "../../i18n";
import { errorDetails, errorSentence, errorText } from "../../messages";
import type { PaneKit } from "../../pane";
import { listTitle } from "../../preview/model";
import { tabSection, type MessageArea } from "../../message-bar";
import { createListPreview } from "../../preview/view";
import { dataText, progressBar, rawDetails } from "../../ui";

export interface FeedDeps {
  /** fetch, the store for the feed list and its cached copies (localStorage in the page), a clock. */
  env: FeedEnv;
  /** Where the page's allowed feed origins are saved (csp.ts); null when the browser blocks storage. */
  origins: KeyValueStorage | null;
  /** The origin of a feed being added, allowed for this page load only (csp.ts pendingOriginInForce). */
  pendingOrigin?: string | null;
  /** Every origin allowed for this page load only (csp.ts pendingOriginsInForce): a feed being added, or a refresh's. */
  pendingOrigins?: readonly string[];
}

/** The origins pending for this load (allowed once, saved for good only after a fetch validated them). */
export function pendingFeedOrigins(deps: FeedDeps | undefined): string[] {
  if (!deps) return [];
  return [...new Set([...(deps.pendingOrigins ?? []), ...(deps.pendingOrigin ? [deps.pendingOrigin] : [])])];
}

/** Something the pane asks the app to do across a reload. */
export interface FeedsPaneHooks {
  /** The feeds' lists changed (added, fetched again, removed): the comparison counts them. */
  onListsChanged(): void;
  /** Save the page's state, note that the feed in the form must be added after the reload, and reload. */
  reloadToAdd(origin: string): void;
  /** The element that scrolls this tab. */
  scroller(): HTMLElement | null;
}

export interface FeedsPane {
  section: HTMLElement;
  messages: MessageArea;
  render(): void;
  /** Every list of every feed that has a copy (fresh or stale). */
  lists(): PickList[];
  /** Settles when the saved feeds have been fetched (or failed). */
  loaded: Promise<void>;
  formValues(): FeedFormValues;
  setFormValues(values: FeedFormValues): void;
  /** After the reload made for `origin`: add the feed in the form. */
  resumeAdd(origin: string): Promise<void>;
}

interface FeedItem {
  source: FeedSource;
  /** null while it is being fetched. */
  copy: FeedCopy | null;
}

type ListState = { status: "loading" } | { status: "ready"; items: FeedItem[] };

const IDS = { heading: "aic-feeds-heading" } as const;

export function createFeedsPane(kit: PaneKit, deps: FeedDeps | undefined, hooks: FeedsPaneHooks): FeedsPane {
  const usable = deps !== undefined && deps.origins !== null;
  /** The origins the page's policy allows: read once, as csp-boot read them when the page loaded (saved, and the one pending). */
  const allowed: readonly string[] = deps ? [...readFeedOrigins(deps.origins), ...pendingFeedOrigins(deps)] : [];
  let list: ListState = { status: "loading" };
  /** The form's problems (checked before anything is fetched), each shown at its field. */
  let problems: readonly { field: FeedFormField; msg: Msg }[] = [];
  /** A feed is being added: another submit waits. */
  let adding = false;

  // ---- skeleton: the form is built once ----
  const heading = h("h2", { attrs: { tabindex: -1 } });
  const intro = h("p", { className: "aic-intro" });
  const unavailable = h("p", { className: "aic-muted" });

  // The form (form-view.ts): a submit waits while a feed is being added.
  const form = createFeedForm(kit, () => {
    if (usable && !adding) void submit();
  });
  const listBody = h("div", { className: "aic-feed-list-body" });
  /** The allowed addresses (csp.ts), under the feeds. */
  const originsArea = h("div", { className: "aic-origins-area" });
  const addHeading = h("h3", { className: "aic-subheading" });
  // The feeds first (what there is), then the form (adding one more).
  const messages = kit.messageArea("feeds", () => heading);
  const listArea = h("div", { className: "aic-list-area" }, [intro, unavailable, listBody, originsArea, addHeading, form.element]);
  const preview = createListPreview(kit, { tab: "feeds", listArea, messages, scroller: hooks.scroller });
  const sectionEl = tabSection(IDS.heading, heading, messages, [listArea, preview.element], "aic-section-feeds");
  if (!usable) {
    form.element.hidden = true;
    addHeading.hidden = true;
  }
  unavailable.hidden = usable;

  // ---- actions ----
  /** The outcome of adding a feed: added (with the lists it holds; a warning when no offline copy could be stored). */
  function showAdded(name: string, count: number, encoding: string, offlineCopyError: string | null) {
    messages.show({
      intent: offlineCopyError ? "warning" : "success",
      topic: "add",
      body: () => [
        tCount(kit.lang(), "feedAdded", count, { name }),
        // The encoding is said when it is not the usual UTF-8 (a GBK or UTF-16 export).
        ...(encoding !== "UTF-8" ? [" ", ...kit.msg({ key: "feedsReadAs", params: { encoding }, data: ["encoding"] })] : []),
        ...(offlineCopyError ? [" ", kit.tr("feedsOnlineOnlyNote")] : []),
      ],
      // Why no offline copy could be stored (the browser's words): under Details.
      details: offlineCopyError ? () => [offlineCopyError] : undefined,
    });
  }

  /** A feed action failed with an exception: the sentence for it, the raw text under Details, and Retry. */
  function showFailed(topic: string, err: unknown, retry: () => void) {
    const details = errorDetails(err);
    messages.show({
      intent: "error",
      topic,
      body: () => kit.msg({ key: "feedActionFailed", params: { reason: errorSentence(err, kit.lang()) } }),
      details: details ? () => [details] : undefined,
      retry,
    });
  }

  function showUnavailable() {
    messages.show({ intent: "error", topic: "add", body: () => [kit.tr("feedsUnavailable")] });
  }

  async function submit() {
    messages.clear();
    const check = checkFeedForm(form.values(), allowed);
    problems = check.ok ? [] : check.problems;
    renderProblems();
    if (!check.ok) {
      form.focusField(check.problems[0]!.field);
      kit.announce(check.problems.map((p) => msgText(p.msg)).join(" "));
      return;
    }
    if (check.reloadNeeded) {
      // A reload, confirmed in a dialog (Cancel or Escape: nothing saved, focus back where it was).
      const { origin, url } = check;
      openConfirmDialog(sectionEl, {
        name: "feed-reload",
        title: kit.tr("dialogReloadTitle"),
        body: kit.msg({ key: "feedReloadNeeded", params: { origin }, data: ["origin"] }),
        confirmLabel: kit.tr("allowAndReload"),
        cancelLabel: kit.tr("cancelButton"),
        initialFocus: "confirm",
        onConfirm: () => allowAndReload(origin, url),
      });
      return;
    }
    adding = true;
    messages.progress({ label: kit.tr("feedAdding") });
    kit.announce(kit.tr("feedAdding"));
    try {
      const result = await addFeedSource(deps!.env, check.input);
      if (!result.ok) {
        // src/picks' words (English), each naming the row and column: under Details, unchanged.
        const errors = result.errors.length > 0 ? result.errors : [result.error];
        messages.show({ intent: "error", topic: "add", body: () => [kit.tr("feedNotAdded")], details: () => errors, retry: () => void submit() });
      } else {
        const items = list.status === "ready" ? list.items : [];
        list = {
          status: "ready",
          items: [
            ...items,
            {
              source: result.source,
              copy: { ok: true, lists: result.lists, fetchedAt: result.source.addedAt ?? new Date().toISOString(), stale: null, offlineCopyError: result.offlineCopyError },
            },
          ],
        };
        // Only now, fetched and validated, is its origin saved for good (until now it was allowed for this load only).
        // (storage blocked: the feed works this session; the next load will offer to allow it again)
        confirmPendingOrigin(deps!.origins, allowed, result.source.url);
        form.setValues(EMPTY_FEED_FORM);
        showAdded(feedName(result.source), result.lists.length, result.encoding, result.offlineCopyError);
        hooks.onListsChanged();
      }
    } catch (err) {
      showFailed("add", err, () => void submit());
    } finally {
      adding = false;
      messages.progress(null);
    }
    kit.keepingFocus(renderList);
  }

  function allowAndReload(origin: string, url: string) {
    // Allowed for the next load only: saved for good once the feed is fetched and validated (submit).
    const saved = setPendingFeedOrigin(deps!.origins!, url);
    if (!saved.ok) {
      showUnavailable();
      return;
    }
    hooks.reloadToAdd(origin);
  }

  async function refetch(item: FeedItem) {
    messages.clear();
    item.copy = null;
    kit.keepingFocus(renderList);
    try {
      item.copy = copyFromFetch(await fetchFeed(deps!.env, item.source));
    } catch (err) {
      item.copy = { ok: false, error: errorText(err, kit.lang()) };
    }
    kit.keepingFocus(renderList);
    // The feed's status stays in its row; the outcome of fetching it again is the tab's message.
    const view = feedStatusView(item.copy);
    const name = feedName(item.source);
    messages.show({
      intent: view.tone === "ok" ? "success" : view.tone,
      topic: "refetch",
      body: () => kit.msg({ key: "feedStatusAnnounce", params: { name, status: msgText(view.msg) }, data: ["name"] }),
      // The reason a fetch failed is sources.ts' (English, often a server's words): under Details.
      details: view.reason ? () => [view.reason!] : undefined,
      retry: view.tone === "ok" ? undefined : () => void refetch(item),
    });
    hooks.onListsChanged();
  }

  async function remove(item: FeedItem) {
    messages.clear();
    const name = feedName(item.source);
    let droppedOrigin: string | null = null;
    try {
      await removeFeedSource(deps!.env, item.source.id);
      if (list.status === "ready") list = { status: "ready", items: list.items.filter((i) => i !== item) };
      const remaining = list.status === "ready" ? list.items.map((i) => i.source) : [];
      const dropped = deps!.origins ? originToRemoveWithFeed(item.source, remaining, readFeedOrigins(deps!.origins)) : null;
      if (dropped !== null && removeFeedOrigin(deps!.origins!, dropped)) droppedOrigin = dropped;
    } catch (err) {
      // (storage refused: the feed may be gone from the list already; the list shows what is saved)
      kit.keepingFocus(renderList);
      showFailed("remove", err, () => void remove(item));
      return;
    }
    problems = [];
    renderProblems();
    renderList();
    // The button that had focus is gone: focus the section, whose heading says where the person is (the message under it).
    heading.focus();
    messages.show({
      intent: "success",
      topic: "remove",
      body: () => [
        ...kit.msg({ key: "feedRemoved", params: { name }, data: ["name"] }),
        ...(droppedOrigin ? [" ", ...kit.msg({ key: "feedsOriginRemovedWithFeed", params: { origin: droppedOrigin }, data: ["origin"] })] : []),
      ],
    });
    hooks.onListsChanged();
  }

  function removeOrigin(origin: string) {
    if (!deps?.origins) return;
    messages.clear();
    try {
      removeFeedOrigin(deps.origins, origin);
    } catch (err) {
      showFailed("origin", err, () => removeOrigin(origin));
      return;
    }
    renderList();
    heading.focus();
    messages.show({ intent: "success", topic: "origin", body: () => kit.msg({ key: "feedsOriginRemoved", params: { origin }, data: ["origin"] }) });
  }

  // ---- rendering ----
  function msgText(m: Msg): string {
    return kit.tr(m.key, m.params);
  }

  function renderStatic() {
    heading.textContent = kit.tr("feedsHeading");
    intro.textContent = kit.tr("feedsIntro");
    addHeading.textContent = kit.tr("feedAddHeading");
    unavailable.textContent = kit.tr("feedsUnavailable");
    form.renderText();
  }

  /** Each problem the form's check found, at its field (Fluent field validation: its message slot, aria-invalid). */
  function renderProblems() {
    form.showProblems(problems);
  }

  function feedItemView(item: FeedItem): HTMLElement {
    const name = feedName(item.source);
    const status: Child[] = [];
    if (item.copy === null) status.push(progressBar({ label: kit.tr("feedFetching") }));
    else {
      const view = feedStatusView(item.copy);
      // The reason a fetch failed is sources.ts' (English, often a server's words): under Details.
      status.push(h("p", { className: `aic-feed-status aic-tone-${view.tone}` }, kit.msg(view.msg)), rawDetails(kit.tr("detailsSummary"), [view.reason]));
      const onlineOnly = item.copy.ok ? onlineOnlyMsg(item.copy.offlineCopyError) : null;
      if (onlineOnly) status.push(h("p", { className: "aic-feed-status aic-tone-warning aic-feed-online-only" }, kit.msg(onlineOnly)));
    }
    const lists = item.copy?.ok ? item.copy.lists : [];
    const source = originForSource(item.source);
    return h("li", { className: "aic-feed", attrs: { "data-feed-id": item.source.id, "aria-busy": String(item.copy === null) } }, [
      h("div", { className: "aic-feed-head" }, [
        h("div", { className: "aic-list-text" }, [
          dataText(name, "span", "aic-feed-name"),
          dataText(item.source.url, "span", "aic-meta aic-feed-url"),
          item.copy?.ok ? h("span", { className: "aic-meta" }, [tCount(kit.lang(), "listCount", lists.length)]) : null,
        ]),
        h("div", { className: "aic-list-actions" }, [
          kit.actionButton(kit.tr("refetchFeedButton"), {
            label: kit.tr("refetchFeedLabel", { name }),
            focusKey: `feed:refetch:${item.source.id}`,
            small: true,
            needs: null,
            onClick: () => void refetch(item),
          }),
          kit.actionButton(kit.tr("removeFeedButton"), {
            label: kit.tr("removeFeedLabel", { name }),
            focusKey: `feed:remove:${item.source.id}`,
            small: true,
            needs: null,
            onClick: () => void remove(item),
          }),
        ]),
      ]),
      ...status,
      lists.length > 0
        ? h("ul", { className: "aic-list-list", attrs: { "aria-label": kit.tr("feedListsLabel", { name }) } }, lists.map((l) => {
            const title = listTitle(l.title, kit.lang());
            return h("li", { className: "aic-list-item", attrs: { "data-feed-list-id": l.id } }, [
              h("div", { className: "aic-list-text" }, [
                dataText(title, "span", "aic-list-title"),
                h("span", { className: "aic-meta" }, [rowCountText(kit.lang(), l.rows.length)]),
              ]),
              preview.listActions(l, title, { from: "feed", feedId: item.source.id, listId: l.id }, source),
            ]);
          }))
        : null,
    ]);
  }

  function renderList() {
    listBody.setAttribute("aria-busy", String(usable && list.status === "loading"));
    replaceContent(originsArea, []);
    if (!usable) {
      replaceContent(listBody, []);
      return;
    }
    if (list.status === "loading") {
      replaceContent(listBody, [progressBar({ label: kit.tr("feedsLoading") })]);
      return;
    }
    if (list.items.length === 0) {
      replaceContent(listBody, [h("p", { className: "aic-muted" }, [kit.tr("feedsEmpty")])]);
      replaceContent(originsArea, [originsView()]);
      return;
    }
    replaceContent(listBody, [h("ul", { className: "aic-feed-list" }, list.items.map(feedItemView))]);
    replaceContent(originsArea, [originsView()]);
  }

  /** The saved addresses the page may connect to, each with the feeds using it and a remove button. */
  function originsView(): HTMLElement {
    const saved = deps?.origins ? readFeedOrigins(deps.origins) : [];
    return allowedOriginsSection(kit, allowedOriginsView(saved, list.status === "ready" ? list.items.map((i) => i.source) : []), removeOrigin);
  }

  function render() {
    renderStatic();
    messages.render();
    preview.render();
    renderProblems();
    renderList();
  }

  // ---- start: fetch every saved feed ----
  const loaded = (async () => {
    if (!usable) return;
    let sources: FeedSource[] = [];
    try {
      sources = (await listFeedSources(deps!.env)).filter((s) => s.kind === "url");
    } catch {
      sources = []; // storage unreadable: no saved feeds
    }
    const items: FeedItem[] = sources.map((source) => ({ source, copy: null }));
    list = { status: "ready", items };
    kit.keepingFocus(renderList);
    await Promise.all(
      items.map(async (item) => {
        try {
          item.copy = copyFromFetch(await fetchFeed(deps!.env, item.source));
        } catch (err) {
          item.copy = { ok: false, error: errorText(err, kit.lang()) };
        }
        kit.keepingFocus(renderList);
      }),
    );
    hooks.onListsChanged();
  })();

  return {
    section: sectionEl,
    messages,
    render,
    lists: () => (list.status === "ready" ? list.items.flatMap((i) => (i.copy?.ok ? i.copy.lists : [])) : []),
    loaded,
    formValues: form.values,
    setFormValues: form.setValues,
    resumeAdd: async (origin) => {
      await loaded;
      if (!usable || !allowed.includes(origin)) {
        // The origin did not persist across the reload (storage blocked): reloading again would loop.
        showUnavailable();
        return;
      }
      kit.announce(kit.tr("feedResumed", { origin }));
      await submit();
    },
  };
}
