// The SMART checker's worker: boots Pyodide once, loads the checker's Python
// files from this site, and answers a closed set of messages. Errors are
// returned as data, never thrown across the boundary.
//
// In:  {id, type: "check", text, why, confidence}
// Out: {type: "ready", ms} | {type: "unavailable", reason}
//      {id, type: "result", report} | {id, type: "error", message}

import { loadPyodide } from "../pyodide/pyodide.mjs";

const BOOT_TIMEOUT_MS = 60000; // without 'wasm-unsafe-eval' loadPyodide hangs instead of failing
const PYODIDE_URL = new URL("../pyodide/", import.meta.url).href;
const PYTHON_URL = new URL("../python/", import.meta.url);
const HOME = "/home/pyodide/checker/";

const withTimeout = (promise, ms, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)),
  ]);

// Fetch the checker's sources while Pyodide boots: the two do not depend on each other.
const fetchChecker = async () => {
  const response = await fetch(new URL("manifest.json", PYTHON_URL));
  if (!response.ok) throw new Error(`checker manifest: HTTP ${response.status}`);
  const manifest = await response.json();
  return Promise.all(
    manifest.files.map(async ({ path, sha256 }) => {
      const file = await fetch(new URL(`${path}?v=${sha256}`, PYTHON_URL));
      if (!file.ok) throw new Error(`${path}: HTTP ${file.status}`);
      return [path, new Uint8Array(await file.arrayBuffer())];
    }),
  );
};

const boot = async () => {
  const started = performance.now();
  const [pyodide, files] = await Promise.all([
    withTimeout(loadPyodide({ indexURL: PYODIDE_URL }), BOOT_TIMEOUT_MS, "Starting Python"),
    fetchChecker(),
  ]);
  for (const [path, bytes] of files) {
    const dir = HOME + path.split("/").slice(0, -1).join("/");
    pyodide.FS.mkdirTree(dir);
    pyodide.FS.writeFile(HOME + path, bytes);
  }
  pyodide.runPython(
    [
      "import sys, json",
      `sys.path.insert(0, ${JSON.stringify(HOME)})`,
      "from generator.smart import check_goal",
      "def _check(text, why, confidence):",
      "    return json.dumps(check_goal(text, why=why, confidence=confidence).to_dict())",
    ].join("\n"),
  );
  const check = pyodide.globals.get("_check");
  return { check, ms: Math.round(performance.now() - started) };
};

const booting = boot();

booting.then(
  ({ ms }) => postMessage({ type: "ready", ms }),
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
