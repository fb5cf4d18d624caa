/**
 * The lists a refresh needs, fetched before Excel is asked anything about their tables (refresh.ts): the
 * fetcher over the feed sources, and a fetch that never throws and checks the list before anything is
 * written, so a source that fails (network, timeout, invalid feed) fails its table with nothing written.
 */
import type { PickList } from "../picks/types";
import { validatePickList } from "../picks/validate";
import { fetchListFromOrigin, type FeedEnv, type FetchedList } from "../picks/sources";
import type { ListFetcher } from "./refreshTypes";
import { messageOf } from "./session";
import type { PickTableRecord } from "./workbookRecord";

/** The list fetcher over the feed sources: the catalog, or the feed URL (and CSV options) the record names. */
export function listFetcherFor(env: FeedEnv): ListFetcher {
  return (record) => fetchListFromOrigin(env, record.origin, record.listId);
}

export type Fetched =
  | { ok: true; list: PickList; stale: { since: string; error: string } | null; offlineCopyError: string | null }
  | { ok: false; error: string };

/** A fetch that never throws, and a list checked before anything is written. */
export async function fetchChecked(fetchList: ListFetcher, record: PickTableRecord): Promise<Fetched> {
  let got: PickList | FetchedList;
  try {
    got = await fetchList(record);
  } catch (err) {
    return { ok: false, error: `the source could not be fetched: ${messageOf(err)}` };
  }
  const fetched: FetchedList = "ok" in got && typeof got.ok === "boolean" ? (got as FetchedList) : { ok: true, list: got as PickList, fetchedAt: "", stale: null };
  if (!fetched.ok) return { ok: false, error: fetched.error };
  const checked = validatePickList(fetched.list);
  if (!checked.ok) return { ok: false, error: `the source's list is invalid: ${checked.errors.slice(0, 5).join("; ")}` };
  return { ok: true, list: checked.list, stale: fetched.stale, offlineCopyError: fetched.offlineCopyError ?? null };
}
