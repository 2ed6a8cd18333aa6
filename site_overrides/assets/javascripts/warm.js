// Start sooner (issue 16): a reading page whose text links to a worksheet may
// fetch the goal checker's download into the browser's HTTP cache, so the
// worksheet's first visit starts from it. Only once the page has loaded and
// the browser is idle (a reading page transfers no Pyodide while it loads),
// never while the person asks to save data or on a 2g / slow-2g connection,
// and only where no offline copy will be made: the offline service worker's
// precache (offline.js) already fetches these files after load + idle, and
// fetching them twice would waste the very bandwidth this saves: workbook.js
// loads this module only when the page will make no offline copy.

import { ATTR, sel } from "./contract.js";

// The build rewrites "../pyodide/" to the versioned folder (generator/versioning.py).
const PYODIDE = new URL("../pyodide/", import.meta.url);
const FILES = ["runtime.json", "pyodide.asm.wasm.br", "brotli_dec_wasm.js", "brotli_dec_wasm_bg.wasm.gz",
  "python_stdlib.zip.gz", "pyodide.asm.mjs.gz", "pyodide.mjs"];
const IDLE_TIMEOUT_MS = 10000;

let warmed = false;

/** Whether this connection should be spared a download nobody asked for yet. */
export const sparing = (connection = globalThis.navigator?.connection) =>
  Boolean(connection && (connection.saveData || /(^|-)2g$/.test(connection.effectiveType || "")));

const linksToWorksheet = () =>
  !document.querySelector(sel(ATTR.smartGoal)) && Boolean(document.querySelector('article a[href*="worksheets/"]'));

const afterLoadAndIdle = () =>
  new Promise((resolve) => {
    const idle = () =>
      "requestIdleCallback" in window ? requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS }) : setTimeout(resolve, 2000);
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  });

// Each file read to its end (so the cache keeps it) at low priority, one after another.
const fetchAll = async () => {
  for (const name of FILES) {
    const response = await fetch(new URL(name, PYODIDE), { priority: "low", credentials: "same-origin" });
    if (!response.ok || !response.body) return;
    await response.body.pipeTo(new WritableStream());
  }
};

export const maybeWarm = async () => {
  if (warmed || sparing() || !linksToWorksheet()) return;
  warmed = true;
  await afterLoadAndIdle();
  if (sparing()) return;
  try {
    await fetchAll();
  } catch {
    // a warm-up only: the worksheet downloads what is missing, and reports real failures
  }
};

// Every page view (Material's instant navigation swaps pages without a load). Not under node --test.
if (typeof window !== "undefined") {
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => maybeWarm());
  else maybeWarm();
}
