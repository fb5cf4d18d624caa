/**
 * One feed request, bounded: answered within the timeout or abandoned, its body read as a stream and no
 * further than the byte cap (an endless body stops at the cap), a redirect allowed only onto an address
 * the feed rule allows (feedUrl.ts), the caller's AbortSignal honoured, and the bytes decoded as notes are
 * (encoding.ts: BOM, UTF-16, UTF-8, GB18030). Every failure is a FeedFetchError whose message, in words,
 * names the URL; a cancellation is a FeedCancelledError, so the caller can tell it from a failing feed.
 *
 * Apart from sources.ts because it is the only code that talks to the network, and the limits it keeps
 * hold for every request a feed makes (the feed itself, an index, each list of an index).
 */
import { decodeBytes, type DecodeFailure, type TextEncodingName } from "./encoding";
import { DEFAULT_FEED_TIMEOUT_MS, DEFAULT_MAX_FEED_BYTES, type FeedEnv, type FetchResponseLike } from "./feedEnv";
import { checkFeedUrl } from "./feedUrl";

/** An error's message in words; Node's fetch keeps the real reason in the cause. */
export function messageOf(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const e = err as { message?: unknown; cause?: unknown };
    const message = typeof e.message === "string" ? e.message : String(err);
    // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED ...) is in the cause.
    const cause = typeof e.cause === "object" && e.cause !== null ? (e.cause as { message?: unknown }).message : undefined;
    return typeof cause === "string" && cause !== "" && cause !== message ? `${message}: ${cause}` : message;
  }
  return String(err);
}

export class FeedFetchError extends Error {}
/** The caller's AbortSignal fired: not a failure of the feed, so no stale copy stands in. */
export class FeedCancelledError extends FeedFetchError {}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1e6) * 10) / 10} MB`;
}

function tooLarge(url: string, maxBytes: number, declared?: number): FeedFetchError {
  const size = declared !== undefined ? `${megabytes(declared)} (as the server declares)` : `larger than ${megabytes(maxBytes)}`;
  return new FeedFetchError(`${url}: ${size}, more than the ${megabytes(maxBytes)} a feed may have; reading stopped at the limit`);
}

/**
 * A response body as bytes, reading no more than `maxBytes` (plus the chunk that crossed it): a body
 * that never ends, or one far larger than a feed can be, is cancelled at the cap instead of filling memory.
 */
export async function readBodyBytes(response: FetchResponseLike, url: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers?.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes, declared);
  }
  if (response.body) {
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // A body that ignores the request's abort (timeout, cancel) is stopped here, chunk by chunk.
      if (signal?.aborted) {
        await reader.cancel().catch(() => undefined);
        throw new FeedFetchError(`${url}: reading stopped`);
      }
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(url, maxBytes);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
  }
  if (!response.arrayBuffer) throw new FeedFetchError(`${url}: the response has no body`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw tooLarge(url, maxBytes);
  return bytes;
}

/** Why a feed's bytes are not text, in words (encoding.ts's reasons, said of a feed). */
export const FEED_DECODE_FAILURE_TEXT: Record<DecodeFailure, string> = {
  empty: "the feed sent nothing (an empty body)",
  binary: "the feed is not text (binary data)",
  undecodable: "the feed's bytes are neither UTF-8, UTF-16 nor GB18030/GBK text",
};

/** A feed body as text, with the encoding it was read in. */
export interface FeedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

/**
 * GET `url` within the timeout, its body within the byte cap, decoded; the error, in words, names the
 * URL. With `checkRedirect`, the address the response finally came from (after redirects) must pass
 * checkFeedUrl too: a feed on an allowed address cannot hand the add-in data from a refused one.
 */
export async function fetchText(env: FeedEnv, url: string, checkRedirect: boolean): Promise<FeedText> {
  const timeoutMs = env.timeoutMs ?? DEFAULT_FEED_TIMEOUT_MS;
  const maxBytes = env.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onCancel: (() => void) | undefined;
  // The races also guard against a fetch (or a body) that ignores the abort signal.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new FeedFetchError(`${url}: no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  const cancelled = new Promise<never>((_, reject) => {
    const signal = env.signal;
    if (!signal) return;
    onCancel = () => {
      controller.abort();
      reject(new FeedCancelledError(`${url}: cancelled`));
    };
    if (signal.aborted) onCancel();
    else signal.addEventListener("abort", onCancel, { once: true });
  });
  const request = (async (): Promise<FeedText> => {
    const response = await env.fetch(url, { signal: controller.signal });
    const finalUrl = typeof response.url === "string" && response.url !== "" ? response.url : url;
    if (checkRedirect && finalUrl !== url) {
      const allowed = checkFeedUrl(finalUrl);
      if (!allowed.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new FeedFetchError(`${url}: redirected to ${finalUrl}, which is not an allowed feed address (${allowed.error}); refused`);
      }
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedFetchError(`${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    }
    if (!response.body && !response.arrayBuffer && response.text) {
      // A double that hands over text, already decoded (a real fetch always has a body stream).
      const text = await response.text();
      if (text.length > maxBytes) throw tooLarge(url, maxBytes);
      return { text, encoding: "UTF-8", bom: false };
    }
    const bytes = await readBodyBytes(response, url, maxBytes, controller.signal);
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) throw new FeedFetchError(`${url}: ${FEED_DECODE_FAILURE_TEXT[decoded.reason]}`);
    return { text: decoded.text, encoding: decoded.encoding, bom: decoded.bom };
  })();
  try {
    return await Promise.race([request, timeout, cancelled]);
  } catch (err) {
    if (err instanceof FeedFetchError) throw err;
    throw new FeedFetchError(`${url}: could not be fetched (${messageOf(err)})`);
  } finally {
    clearTimeout(timer);
    if (onCancel) env.signal?.removeEventListener("abort", onCancel);
    // Whatever ended the race, nothing may keep reading: stop the request and its body.
    controller.abort();
    request.catch(() => undefined);
  }
}
