// "Erase all" beyond the answers: what the workbook keeps in this browser
// outside localStorage (the store erases that, store.js). The unlock-tries
// counter in sessionStorage, every Cache Storage entry of the workbook (the
// offline copy of the site, the checker's Python snapshot, PDFs) and the
// offline service worker's registration. "Keep the offline copy" keeps the
// precache and the service worker, which hold no answers.

const SESSION_PREFIX = "workbook:";
const CACHE_PREFIX = "workbook-"; // Workbox's prefix in sw.js.j2, "workbook-pdf", "workbook-python-snapshot"
const OFFLINE_COPY = "workbook-precache";
const SITE_ROOT = new URL("../../", import.meta.url).href;

/**
 * Remove the workbook's session keys, caches and service worker (unless
 * `keepOffline`). Resolves with what was removed and what failed:
 * {sessionKeys, caches, workers, failed: [text]}. Every step is tried.
 */
export async function eraseBrowserCopies({ keepOffline = false, win = globalThis, root = SITE_ROOT } = {}) {
  const report = { sessionKeys: 0, caches: 0, workers: 0, failed: [] };
  const attempt = async (what, fn) => {
    try {
      await fn();
    } catch (error) {
      report.failed.push(`${what}: ${error?.message || error}`);
    }
  };
  await attempt("session storage", () => {
    const session = win.sessionStorage;
    const keys = Array.from({ length: session.length }, (_, i) => session.key(i)).filter((k) => k?.startsWith(SESSION_PREFIX));
    for (const key of keys) session.removeItem(key);
    report.sessionKeys = keys.length;
  });
  if (win.caches) {
    await attempt("caches", async () => {
      const names = (await win.caches.keys()).filter((n) => n.startsWith(CACHE_PREFIX) && !(keepOffline && n.startsWith(OFFLINE_COPY)));
      const gone = await Promise.all(names.map((n) => win.caches.delete(n)));
      report.caches = gone.filter(Boolean).length;
    });
  }
  if (!keepOffline && win.navigator?.serviceWorker?.getRegistrations) {
    await attempt("service worker", async () => {
      const mine = (await win.navigator.serviceWorker.getRegistrations()).filter((r) => r.scope.startsWith(root));
      const gone = await Promise.all(mine.map((r) => r.unregister()));
      report.workers = gone.filter(Boolean).length;
    });
  }
  return report;
}
