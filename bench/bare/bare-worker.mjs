// The bare baseline's worker: the same Pyodide files the workbook serves, one Python call.
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";

const started = performance.now();
try {
  const pyodide = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
  const value = pyodide.runPython("sum(range(10))");
  postMessage({ type: "ready", value, ms: Math.round(performance.now() - started) });
} catch (error) {
  postMessage({ type: "unavailable", reason: String(error && error.message ? error.message : error) });
}
