// The checker's downloads (issue 16): the worker fetches Pyodide's compressed
// runtime itself, decompresses it as it streams (gzip with DecompressionStream;
// the wasm is brotli, 0.67 MB smaller, with brotli-dec-wasm's streaming decoder
// because browsers' DecompressionStream takes no brotli), counts the bytes for
// the progress bar, and reports any failure (blocked, HTTP error, truncated, a
// broken stream) at once to the start under way, so the page can say
// "unavailable" without a fixed timeout and a slow download is never cut off.
//
// Apart from checker-worker.mjs because it is one job with no Pyodide in it:
// given a fetch and somewhere to post progress, it runs under node --test.

// The brotli decoder (npm brotli-dec-wasm, generator/assets.py ships it beside Pyodide): its
// JavaScript, imported, and its wasm, gzipped and downloaded (and counted) like the rest.
const DECODER = "brotli_dec_wasm.js";
const DECODER_WASM = "brotli_dec_wasm_bg.wasm.gz";
const DECODED_CHUNK = 1 << 18; // at most this many bytes out of one call of the decoder
// The only brotli file is a wasm: a host that already decoded it (Content-Encoding: br) sends these first.
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

// A TransformStream that decodes brotli with the decoder module `brotli`; a cut or broken stream errors it.
const unbrotli = (brotli) => {
  const { NeedsMoreOutput, ResultSuccess } = brotli.BrotliStreamResultCode;
  const decoder = new brotli.DecompressStream();
  let code = 0;
  return new TransformStream({
    transform(chunk, controller) {
      let offset = 0;
      do {
        const result = decoder.decompress(chunk.subarray(offset), DECODED_CHUNK); // throws on broken data
        ({ code } = result);
        offset += result.input_offset;
        const out = result.buf;
        result.free();
        if (out.byteLength) controller.enqueue(out);
      } while (code === NeedsMoreOutput);
    },
    flush() {
      decoder.free();
      if (code !== ResultSuccess) throw new Error("the brotli stream ends before its last block (truncated)");
    },
  });
};

/**
 * Downloads from the runtime folder `base`, with `fetch`, posting
 * {loaded, total, phase} to `post` at most once per `every` ms (phase is
 * "download", then "starting" once nothing is under way). `importModule`
 * loads the brotli decoder's JavaScript from its URL.
 */
export const createDownloads = ({
  base, fetch, post, every = 150, now = () => performance.now(), importModule = (href) => import(href),
}) => {
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
    else early ||= wrapped; // the first one (a cut wasm is also one that does not compile)
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

  // The brotli decoder, loaded once (again after a failure); its download counts toward the total.
  // Its JavaScript and its wasm are fetched side by side (issue 16: they were one after the other).
  let decoder = null;
  const loadDecoder = () =>
    (decoder ||= (async () => {
      const imported = importModule(url(DECODER)).catch((error) => {
        throw failure(DECODER, error);
      });
      const wasm = download(DECODER_WASM).then((stream) => new Response(stream).arrayBuffer());
      wasm.catch(() => {}); // awaited below, after the import; not an unhandled rejection meanwhile
      const brotli = await imported;
      const bytes = await wasm;
      try {
        await brotli.default({ module_or_path: await WebAssembly.compile(bytes) });
      } catch (error) {
        throw failure(DECODER_WASM, error);
      }
      return brotli;
    })().catch((error) => {
      decoder = null;
      throw error.download ? error : failure(DECODER_WASM, error);
    }));

  /**
   * Fetch `name` (a .gz file, or the wasm as .br) and return its decoded bytes as a
   * stream, counting the bytes that arrive. A host that already decoded it
   * (Content-Encoding) hands over the plain bytes: those are passed through, never
   * decoded twice (the first bytes tell).
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
    const starts = (magic) => !head.done && magic.every((byte, i) => head.value[i] === byte);
    const brotli = name.endsWith(".br") && !starts(WASM_MAGIC);
    if (name.endsWith(".br") && !brotli) skip(DECODER_WASM); // decoded by the host: no decoder to download
    const gzipped = !brotli && starts([0x1f, 0x8b]);
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
    let decoding = null;
    if (brotli) {
      try {
        decoding = unbrotli(await loadDecoder());
      } catch (error) {
        reader.cancel(error).catch(() => {});
        throw error;
      }
    } else if (gzipped) decoding = new DecompressionStream("gzip");
    return watched(decoding ? counted.pipeThrough(decoding) : counted, name);
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
