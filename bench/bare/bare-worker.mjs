// The bare baseline's worker: stock Pyodide as npm ships it (bench/sites.py copies
// node_modules/pyodide next to this file: the full wasm, stdlib and lock file,
// uncompressed), booted the documented way, and one Python call.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const started = performance.now();
try {
  const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
  const value = pyodide.runPython("sum(range(10))");
  postMessage({ type: "ready", value, ms: Math.round(performance.now() - started) });
} catch (error) {
  postMessage({ type: "unavailable", reason: String(error && error.message ? error.message : error) });
}
