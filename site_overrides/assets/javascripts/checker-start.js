// Loaded (async, from <head>) only on worksheet pages with a goal field: start
// the checker's worker at once, so Pyodide boots while the page is still
// loading. workbook.js later imports the same module and binds the fields.
import { startWorker } from "./checker.js";

startWorker();
