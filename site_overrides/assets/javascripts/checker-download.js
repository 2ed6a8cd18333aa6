// The checker's downloads (issue 16): the worker fetches Pyodide's gzipped
// runtime itself, inflates it with DecompressionStream as it streams, counts
// the bytes for the progress bar, and reports any failure (blocked, HTTP error,
// truncated, a broken gzip stream) at once to the start under way, so the page
// can say "unavailable" without a fixed timeout and a slow download is never
// cut off.
//
// Apart from checker-worker.mjs because it is one job with no Pyodide in it:
// given a fetch and somewhere to post progress, it runs under node --test.

/**
 * Downloads from the runtime folder `base`, with `fetch`, posting
 * {loaded, total, phase} to `post` at most once per `every` ms (phase is
 * "download", then "starting" once nothing is under way).
 */
export const createDownloads = ({ base, fetch, post, every = 150, now = () => performance.now() }) => {
  const url = (name) => new URL(name, base).href;

  // The first failure of anything a start of Pyodide needs: the worker races it
  // against loadPyodide, which would otherwise wait for ever. One per attempt, so
  // a snapshot that fails to load does not spoil the fresh start after it.
  let reject = null;
  let early = null; // a failure before the first attempt began
  const failure = (what, error) => {
    const wrapped = new Error(`${what}: ${error && error.message ? error.message : error}`);
    wrapped.download = true; // not the snapshot's fault: keep it, and do not start again without it
    if (reject) reject(wrapped);
    else early = wrapped;
    return wrapped;
  };
  // A promise that rejects with this attempt's first failure (or one that came before it).
  const attempt = () => {
    const failed = new Promise((_, no) => (reject = no));
    failed.catch(() => {});
    if (early) reject(early);
    early = null;
    return failed;
  };

  // Bytes received so far, against the sizes runtime.json lists (or the Content-Length).
  const progress = { loaded: 0, total: 0, last: 0, phase: "download" };
  const report = (force = false) => {
    const at = now();
    if (!force && at - progress.last < every) return;
    progress.last = at;
    post({ loaded: progress.loaded, total: Math.max(progress.total, progress.loaded), phase: progress.phase });
  };
  // Downloads still under way; when none is left, Python is "starting".
  const underway = new Set();
  const begin = (name) => underway.add(name);
  const end = (name) => {
    underway.delete(name);
    if (underway.size || progress.phase !== "download") return;
    progress.phase = "starting";
    report(true);
  };
  const sizes = new Map(); // name -> bytes counted in the total
  const expect = (name, bytes) => {
    if (sizes.has(name) || !(bytes > 0)) return;
    sizes.set(name, bytes);
    progress.total += bytes;
  };
  // A file this boot will not download after all: out of the total.
  const skip = (name) => {
    progress.total -= sizes.get(name) || 0;
    sizes.set(name, 0);
  };

  // A stream that passes `source` through and reports its error (or truncation) as a boot failure.
  const watched = (source, what) => {
    const reader = source.getReader();
    return new ReadableStream({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(failure(what, error));
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
  };

  /**
   * Fetch `name` (a .gz file) and return its inflated bytes as a stream, counting
   * the bytes that arrive. A host that already decoded it (Content-Encoding) hands
   * over the plain bytes: those are passed through, never inflated twice.
   */
  const download = async (name) => {
    begin(name);
    let response;
    try {
      response = await fetch(url(name));
    } catch (error) {
      throw failure(name, `${error.message} (blocked, or offline with no saved copy)`);
    }
    if (!response.ok || !response.body) throw failure(name, `HTTP ${response.status}`);
    expect(name, Number(response.headers.get("Content-Length")));
    const reader = response.body.getReader();
    let head;
    try {
      head = await reader.read();
    } catch (error) {
      throw failure(name, error);
    }
    const gzipped = !head.done && head.value[0] === 0x1f && head.value[1] === 0x8b;
    const counted = new ReadableStream({
      start(controller) {
        if (head.done) return controller.close();
        progress.loaded += head.value.byteLength;
        controller.enqueue(head.value);
      },
      async pull(controller) {
        const { done, value } = await reader.read(); // a network error errors this stream
        if (done) {
          controller.close();
          return end(name);
        }
        progress.loaded += value.byteLength;
        report();
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return watched(gzipped ? counted.pipeThrough(new DecompressionStream("gzip")) : counted, name);
  };

  // runtime.json: the download sizes, and a version for the snapshot's key.
  const runtime = async () => {
    let response;
    try {
      response = await fetch(url("runtime.json"));
    } catch (error) {
      throw failure("runtime.json", error);
    }
    if (!response.ok) throw failure("runtime.json", `HTTP ${response.status}`);
    const listed = await response.json();
    for (const [name, bytes] of Object.entries(listed.files || {})) expect(name, bytes);
    report(true);
    return listed;
  };

  return { url, failure, attempt, download, runtime, begin, end, skip };
};
