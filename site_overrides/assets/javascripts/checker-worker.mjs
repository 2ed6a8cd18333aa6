// The SMART checker's worker: boots Pyodide once, loads the checker's Python
// files from this site, and answers a closed set of messages. Errors are
// returned as data, never thrown across the boundary.
//
// In:  {id, type: "check", text, why, confidence}
// Out: {type: "ready", ms, snapshot} | {type: "unavailable", reason}
//      {id, type: "result", report} | {id, type: "error", message}
//
// Faster on return: the first boot keeps a memory snapshot of the interpreter
// with the checker imported (Pyodide's _makeSnapshot / makeMemorySnapshot),
// taken before any goal is checked, so it holds no answer. Later boots load it
// (_loadSnapshot) and skip interpreter start-up and the checker's imports. It
// lives in Cache Storage under a key naming the Pyodide and checker versions;
// a snapshot that fails to load is deleted and Python starts as before.

import { loadPyodide, version as PYODIDE_VERSION } from "../pyodide/pyodide.mjs";

const BOOT_TIMEOUT_MS = 60000; // without 'wasm-unsafe-eval' loadPyodide hangs instead of failing
const PYODIDE_URL = new URL("../pyodide/", import.meta.url).href;
const PYTHON_URL = new URL("../python/", import.meta.url);
const HOME = "/home/pyodide/checker/";
const SNAPSHOTS = "workbook-python-snapshot";

const withTimeout = (promise, ms, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)),
  ]);

const fetchManifest = async () => {
  const response = await fetch(new URL("manifest.json", PYTHON_URL));
  if (!response.ok) throw new Error(`checker manifest: HTTP ${response.status}`);
  return response.json();
};

// Fetch the checker's sources while Pyodide boots: the two do not depend on each other.
const fetchChecker = async (manifest) =>
  Promise.all(
    (await manifest).files.map(async ({ path, sha256 }) => {
      const file = await fetch(new URL(`${path}?v=${sha256}`, PYTHON_URL));
      if (!file.ok) throw new Error(`${path}: HTTP ${file.status}`);
      return [path, new Uint8Array(await file.arrayBuffer())];
    }),
  );

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

// ---------------------------------------------------------------- snapshots

// Somewhere to keep one (Cache Storage can be missing or refused), and a person not saving data.
const canSnapshot = () => typeof caches !== "undefined" && !(self.navigator.connection && self.navigator.connection.saveData);

const snapshotKey = (manifest) => new URL(`snapshot/${PYODIDE_VERSION}/${manifest.version}.bin`, PYTHON_URL).href;

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

const start = (options) => withTimeout(loadPyodide({ indexURL: PYODIDE_URL, ...options }), BOOT_TIMEOUT_MS, "Starting Python");

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
  const manifest = fetchManifest();
  const files = fetchChecker(manifest);
  files.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  const key = await manifest.then(snapshotKey, () => null);
  const saved = key ? await readSnapshot(key) : null;
  let check = null;
  if (saved) {
    try {
      check = await fromSnapshot(saved, files);
    } catch {
      await dropSnapshot(key);
    }
  }
  const snapshot = Boolean(check);
  if (!check) check = await fresh(files, key);
  return { check, snapshot, ms: Math.round(performance.now() - started) };
};

const booting = boot();

booting.then(
  ({ ms, snapshot }) => postMessage({ type: "ready", ms, snapshot }),
  (error) => postMessage({ type: "unavailable", reason: String(error && error.message ? error.message : error) }),
);

const answer = async (message) => {
  if (!message || typeof message !== "object" || typeof message.id !== "number") {
    return { id: null, type: "error", message: "malformed message" };
  }
  const { id, type } = message;
  if (type !== "check") return { id, type: "error", message: `unknown message type: ${String(type)}` };
  let runtime;
  try {
    runtime = await booting;
  } catch (error) {
    return { id, type: "error", message: `checker unavailable: ${String(error && error.message)}` };
  }
  try {
    const text = typeof message.text === "string" ? message.text : "";
    const why = typeof message.why === "string" && message.why.trim() ? message.why : null;
    const confidence = Number.isInteger(message.confidence) ? message.confidence : null;
    return { id, type: "result", report: JSON.parse(runtime.check(text, why, confidence)) };
  } catch (error) {
    return { id, type: "error", message: String(error && error.message ? error.message : error) };
  }
};

addEventListener("message", async (event) => postMessage(await answer(event.data)));
