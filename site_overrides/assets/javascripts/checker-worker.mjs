// The SMART checker's worker: boots Pyodide once, loads the checker's Python
// files from this site, and answers a closed set of messages. Errors are
// returned as data, never thrown across the boundary.
//
// The message types and their guards are in contract.js (from generator/contract.py):
// In:  {id, type: "check", text, why, confidence}
// Out: {type: "ready", ms, snapshot} | {type: "unavailable", reason}
//      {id, type: "result", report} | {id, type: "error", message}
//
// Faster on return: the first boot keeps a memory snapshot of the interpreter
// with the checker imported (Pyodide's _makeSnapshot / makeMemorySnapshot),
// taken before any goal is checked, so it holds no answer. Later boots load it
// (_loadSnapshot) and skip interpreter start-up and the checker's imports. It
// lives in Cache Storage under a hash of everything that shapes it (snapshotKey);
// a snapshot that fails to load is deleted and Python starts as before.
//
// A first visit on a slow connection (issue 16): the worker downloads Pyodide
// itself, compressed (generator/assets.py), through checker-download.js (decoded
// as it streams, bytes counted for the progress bar) and hands Pyodide the
// results through its own fetch of those URLs (Pyodide fetches the wasm itself
// and swallows failures); the wasm is compiled as it arrives, from the worker's
// start, and Pyodide's instantiateStreaming gets the compiled module. Any
// failure (blocked, 404, truncated, offline without a cache, a wasm that does
// not compile) rejects at once and the page says "unavailable": no fixed
// timeout, so a slow download is never cut off.

import { loadPyodide, version as PYODIDE_VERSION } from "../pyodide/pyodide.mjs";
import { MESSAGE, isCheckMessage } from "./contract.js";
import { createDownloads } from "./checker-download.js";

const PYODIDE_URL = new URL("../pyodide/", import.meta.url).href;
const PYTHON_URL = new URL("../python/", import.meta.url);
const HOME = "/home/pyodide/checker/";
const SNAPSHOTS = "workbook-python-snapshot";
const WASM = "pyodide.asm.wasm";
const STDLIB = "python_stdlib.zip";
const PROGRESS_EVERY_MS = 150;

const fetchManifest = async () => {
  const response = await fetch(new URL("manifest.json", PYTHON_URL));
  if (!response.ok) throw new Error(`checker manifest: HTTP ${response.status}`);
  return response.json();
};


const writeChecker = (pyodide, files) => {
  for (const [path, bytes] of files) {
    const dir = HOME + path.split("/").slice(0, -1).join("/");
    pyodide.FS.mkdirTree(dir);
    pyodide.FS.writeFile(HOME + path, bytes);
  }
};

const SETUP = [
  "import sys, json",
  `sys.path.insert(0, ${JSON.stringify(HOME)})`,
  "from generator.smart import check_goal",
  "def _check(text, why, confidence):",
  "    return json.dumps(check_goal(text, why=why, confidence=confidence).to_dict())",
].join("\n");

// ---------------------------------------------------------------- downloads

const realFetch = self.fetch.bind(self);
const downloads = createDownloads({
  base: PYODIDE_URL,
  fetch: realFetch,
  post: (counts) => postMessage({ type: MESSAGE.PROGRESS, ...counts }),
  every: PROGRESS_EVERY_MS,
});
const { failure, download, skip } = downloads;
const runtimeURL = downloads.url;

// The worker may import a blob: module unless its own response carried a policy without blob:
// (hosts that send a CSP header; they also compress pyodide.asm.mjs, so the plain file is fine there).
const blobModulesAllowed = async () => {
  try {
    const policy = (await realFetch(import.meta.url, { method: "HEAD" })).headers.get("Content-Security-Policy");
    if (!policy) return true;
    const directive = (name) => policy.split(";").map((d) => d.trim()).find((d) => d.startsWith(name + " "));
    const scripts = directive("script-src") || directive("default-src");
    return !scripts || /(^|\s)blob:(\s|$)/.test(scripts);
  } catch {
    return false;
  }
};

// Pyodide's Emscripten module (pyodide.asm.mjs): gzipped through a blob: URL where allowed.
const loadAsm = async () => {
  downloads.begin("pyodide.asm.mjs"); // from now, so "starting" never shows while its policy is being asked
  try {
    return await importAsm();
  } finally {
    downloads.end("pyodide.asm.mjs");
  }
};

const importAsm = async () => {
  if (await blobModulesAllowed()) {
    const source = await new Response(await download("pyodide.asm.mjs.gz")).blob();
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    try {
      return (await import(url)).default;
    } catch {
      // refused after all: the plain file below
    } finally {
      URL.revokeObjectURL(url);
    }
  } else {
    skip("pyodide.asm.mjs.gz");
  }
  try {
    return (await import(runtimeURL("pyodide.asm.mjs"))).default;
  } catch (error) {
    throw failure("pyodide.asm.mjs", error);
  }
};

// The checker's sources, one gzipped JSON file beside Pyodide's ({files: {path: source}}, generator/assets.py),
// downloaded with it: one request instead of one per module, a third of the bytes.
const fetchChecker = async () => {
  const { files } = await new Response(await download("checker.json.gz")).json();
  const encoder = new TextEncoder();
  return Object.entries(files).map(([path, source]) => [path, encoder.encode(source)]);
};

// The wasm, decoded as it streams and compiled as it arrives, from the moment the worker starts: not
// when Pyodide's module asks for it (after the snapshot lookup and pyodide.asm.mjs), which left the
// decoded bytes waiting (issue 16: cold first feedback). Pyodide's instantiateStreaming is handed the
// compiled module (watchCompile), which a second start (after a snapshot that failed) uses again.
// A compile failure is a boot failure too.
const wasmResponse = async () =>
  new Response(await download(`${WASM}.br`), { headers: { "Content-Type": "application/wasm" } });
const compileWasm = () =>
  WebAssembly.compileStreaming(wasmResponse()).catch((error) => {
    throw error && error.download ? error : failure(WASM, error);
  });
const stdlibResponse = async () => new Response(await download(`${STDLIB}.gz`), { headers: { "Content-Type": "application/zip" } });

// Downloads start at once, in parallel; a second boot (after a snapshot failed) fetches the standard
// library again and uses the compiled wasm and the module factory again.
const runtime = { wasm: null, stdlib: null, asm: null }; // wasm: the compiled module, asm: the module factory; both reused
const startDownloads = () => {
  runtime.wasm = compileWasm();
  runtime.stdlib = stdlibResponse();
  runtime.asm = loadAsm();
  for (const promise of Object.values(runtime)) promise.catch(() => {});
};
const take = (key, again) => {
  const promise = runtime[key] || again();
  runtime[key] = null;
  return promise;
};

// Pyodide asks for the wasm and the standard library with fetch(): hand it ours.
const pyodideFetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url === runtimeURL(WASM)) return Promise.resolve(new Response(null)); // unread: the module is compiled already
  if (url === runtimeURL(STDLIB)) return take("stdlib", stdlibResponse);
  return realFetch(input, init);
};

const instantiateStreaming = WebAssembly.instantiateStreaming;
const watchCompile = () => {
  WebAssembly.instantiateStreaming = async (_response, imports) => {
    const module = await runtime.wasm;
    try {
      return { module, instance: await WebAssembly.instantiate(module, imports) };
    } catch (error) {
      throw failure(WASM, error);
    }
  };
};

// ---------------------------------------------------------------- snapshots

// Somewhere to keep one (Cache Storage can be missing or refused), and a person not saving data.
const canSnapshot = () => typeof caches !== "undefined" && !(self.navigator.connection && self.navigator.connection.saveData);

// Every input that shapes the snapshot (issue 15): Pyodide's files (their versioned folder, which the
// build names by their hashes, and runtime.json's hash of the downloads), the checker's files
// (the manifest's hash of them) and the set-up code run before the snapshot is taken.
const snapshotKey = async (manifest, runtime) => {
  const inputs = JSON.stringify([PYODIDE_URL, PYODIDE_VERSION, runtime.version, manifest.version, SETUP]);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(inputs)));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return new URL(`snapshot/${hex}.bin`, PYTHON_URL).href;
};

const readSnapshot = async (key) => {
  if (!canSnapshot()) return null;
  try {
    const response = await (await caches.open(SNAPSHOTS)).match(key);
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
};

// Keep only the snapshot for these versions.
const storeSnapshot = async (key, bytes) => {
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
    await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch {
    // no room, or storage refused: the next visit starts Python the slow way
  }
};

const dropSnapshot = async (key) => {
  try {
    await (await caches.open(SNAPSHOTS)).delete(key);
  } catch {
    // nothing to drop
  }
};

// ---------------------------------------------------------------- boot

const start = async (options) => {
  const failed = downloads.attempt();
  watchCompile();
  self.fetch = pyodideFetch;
  try {
    const pyodide = loadPyodide({
      indexURL: PYODIDE_URL,
      stdLibURL: runtimeURL(STDLIB),
      createPyodideModule: async (settings) => (await runtime.asm)(settings),
      ...options,
    });
    return await Promise.race([pyodide, failed]);
  } finally {
    self.fetch = realFetch;
    WebAssembly.instantiateStreaming = instantiateStreaming;
  }
};

// From a snapshot: the checker is imported already; its files are still written
// for any import that happens later.
const fromSnapshot = async (bytes, files) => {
  const pyodide = await start({ _loadSnapshot: bytes });
  writeChecker(pyodide, await files);
  const check = pyodide.globals.get("_check");
  if (typeof check !== "function") throw new Error("snapshot has no checker");
  return check;
};

const fresh = async (files, key) => {
  const snapshot = Boolean(key) && canSnapshot();
  const pyodide = await start(snapshot ? { _makeSnapshot: true } : {});
  writeChecker(pyodide, await files);
  pyodide.runPython(SETUP);
  if (snapshot) {
    try {
      // Before any goal is checked: the snapshot holds the checker, never an answer.
      pyodide.runPython("import gc; gc.collect()");
      storeSnapshot(key, pyodide.makeMemorySnapshot()); // written in the background
    } catch {
      // snapshots are an optimisation only
    }
  }
  return pyodide.globals.get("_check");
};

const boot = async () => {
  const started = performance.now();
  startDownloads();
  const versions = downloads.runtime();
  versions.catch(() => {});
  const manifest = fetchManifest();
  const files = fetchChecker();
  files.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  const key = await Promise.all([manifest, versions]).then(([m, r]) => snapshotKey(m, r)).catch(() => null);
  const saved = key ? await readSnapshot(key) : null;
  let check = null;
  if (saved) {
    try {
      check = await fromSnapshot(saved, files);
    } catch (error) {
      if (error && error.download) throw error;
      await dropSnapshot(key);
    }
  }
  const snapshot = Boolean(check);
  if (!check) check = await fresh(files, key);
  return { check, snapshot, ms: Math.round(performance.now() - started) };
};

const booting = boot();

booting.then(
  ({ ms, snapshot }) => postMessage({ type: MESSAGE.READY, ms, snapshot }),
  (error) => postMessage({ type: MESSAGE.UNAVAILABLE, reason: String(error && error.message ? error.message : error) }),
);

const answer = async (message) => {
  if (!message || typeof message !== "object" || typeof message.id !== "number") {
    return { id: null, type: MESSAGE.ERROR, message: "malformed message" };
  }
  const { id, type } = message;
  if (!isCheckMessage(message)) return { id, type: MESSAGE.ERROR, message: `unknown message type: ${String(type)}` };
  let runtime;
  try {
    runtime = await booting;
  } catch (error) {
    return { id, type: MESSAGE.ERROR, message: `checker unavailable: ${String(error && error.message)}` };
  }
  try {
    const text = typeof message.text === "string" ? message.text : "";
    const why = typeof message.why === "string" && message.why.trim() ? message.why : null;
    const confidence = Number.isInteger(message.confidence) ? message.confidence : null;
    return { id, type: MESSAGE.RESULT, report: JSON.parse(runtime.check(text, why, confidence)) };
  } catch (error) {
    return { id, type: MESSAGE.ERROR, message: String(error && error.message ? error.message : error) };
  }
};

addEventListener("message", async (event) => postMessage(await answer(event.data)));
