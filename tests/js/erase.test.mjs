// Erase all means all (issue 14): every workbook:* key in localStorage
// (store.js), the unlock-tries counter in sessionStorage, the workbook's
// caches and its service worker (erase.js); other sites' things stay.
import { test } from "node:test";
import assert from "node:assert/strict";

import { Store } from "../../site_overrides/assets/javascripts/store.js";
import { eraseBrowserCopies } from "../../site_overrides/assets/javascripts/erase.js";
import { KEY } from "../../site_overrides/assets/javascripts/format.js";
import { storageAdapter } from "../../site_overrides/assets/javascripts/storage.js";
import { FakeStorage } from "./fake-storage.mjs";

test("store: erasing everything removes every workbook: key, and only those", () => {
  const storage = new FakeStorage({
    [KEY]: JSON.stringify({ version: 1, worksheets: { w: { answers: { a: "x" } } } }),
    "workbook:quarantine:2030-01-01T00:00:00.000Z": "{broken",
    "workbook:some-later-key": "1",
    "/.__palette": "{\"index\":1}", // the theme's
  });
  const store = new Store(storageAdapter(storage)).load();
  assert.equal(store.erase().ok, true);
  assert.deepEqual([...storage.map.keys()], ["/.__palette"]);
});

const fakeWindow = () => {
  const cacheNames = new Set(["workbook-precache-v2-https://x.test/", "workbook-runtime-https://x.test/", "workbook-pdf", "workbook-python-snapshot", "other-app"]);
  const registrations = [
    { scope: "https://x.test/", unregister: async function () { registrations.splice(registrations.indexOf(this), 1); return true; } },
    { scope: "https://x.test-other/", unregister: async () => true },
  ];
  return {
    cacheNames, registrations,
    sessionStorage: new FakeStorage({ "workbook:unlock-tries": "{\"failures\":2}", other: "1" }),
    caches: { keys: async () => [...cacheNames], delete: async (n) => cacheNames.delete(n) },
    navigator: { serviceWorker: { getRegistrations: async () => [...registrations] } },
  };
};

test("erase.js: the unlock-tries counter, every workbook cache and the service worker go", async () => {
  const win = fakeWindow();
  const report = await eraseBrowserCopies({ win, root: "https://x.test/" });
  assert.deepEqual(report, { sessionKeys: 1, caches: 4, workers: 1, failed: [] });
  assert.deepEqual([...win.sessionStorage.map.keys()], ["other"]);
  assert.deepEqual([...win.cacheNames], ["other-app"]);
  assert.deepEqual(win.registrations.map((r) => r.scope), ["https://x.test-other/"]);
});

test("erase.js: 'keep the offline copy' keeps the precache and the service worker, nothing else", async () => {
  const win = fakeWindow();
  const report = await eraseBrowserCopies({ win, root: "https://x.test/", keepOffline: true });
  assert.equal(report.workers, 0);
  assert.deepEqual([...win.cacheNames].sort(), ["other-app", "workbook-precache-v2-https://x.test/"]);
});
