// After "A new version is ready — Reload": reload once the new version answers navigations.
//
// The page asks the waiting service worker to take over (SKIP_WAITING) and must reload only when
// that worker is active: a reload before then is served by the old worker, the old page's code
// finds the newer build and reloads a second time (a locked workbook then asked for the passphrase
// twice). A fixed 3 s timer did exactly that on a slow machine. So: reload when the worker reaches
// "activated", when this page is already controlled by it, or when it became redundant (a newer one
// replaced it, and that one is active); only if none of that happens within FALLBACK_MS does the
// page reload anyway, so the button never does nothing.

export const FALLBACK_MS = 15000;

/** Ask `worker` (the waiting ServiceWorker) to take over and call `reload` once, when it has. */
export function takeOverThenReload(worker, reload, { controller = () => navigator.serviceWorker?.controller,
                                                     fallbackMs = FALLBACK_MS, timers = globalThis } = {}) {
  let done = false;
  let timer = null;
  const once = () => {
    if (done) return;
    done = true;
    timers.clearTimeout(timer);
    worker.removeEventListener("statechange", check);
    reload();
  };
  const check = () => {
    if (worker.state === "activated" || worker.state === "redundant" || controller() === worker) once();
  };
  worker.addEventListener("statechange", check);
  timer = timers.setTimeout(once, fallbackMs);
  check(); // it may have taken over already (another tab asked first)
  if (!done) worker.postMessage({ type: "SKIP_WAITING" });
}
