// The tab's one store, for every module on the page (form, tracker, tools,
// My goals): loaded once from localStorage, kept in step with other tabs
// through the `storage` event, flushed when the page is left on purpose
// (EVENT.FLUSH, leave.js), asking the browser once to keep the data
// (navigator.storage.persist) after the first save, and watched by the lock's
// session policy (idle time, "Lock now" in other tabs). Apart from the
// export UI (tools.js), so modules that only read and write answers do not
// load it.

import { EVENT } from "./contract.js";
import { KEY } from "./format.js";
import { LockedStore } from "./locked-store.js";
import { watchLock } from "./lock-session.js";
import { storageAdapter } from "./storage.js";

let shared = null;

/** The tab's one store: loaded once, kept in step with other tabs. */
export function getStore({ win = window, nav = navigator } = {}) {
  if (shared) return shared;
  shared = new LockedStore(storageAdapter(() => win.localStorage)).load();
  win.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) shared.external(event.newValue);
  });
  // Leaving on purpose (leave.js: quick exit, reload): save every pending
  // edit and let the leaver wait, briefly, for the encrypted write to land.
  win.addEventListener(EVENT.FLUSH, (event) => {
    shared.flush();
    const saved = shared.whenSaved();
    event.detail?.waitUntil?.(event.detail.lock ? saved.then(() => shared.lockNow()) : saved);
  });
  let asked = false;
  shared.subscribe((event) => {
    if (event.type !== "saved" || asked || !nav.storage?.persist) return;
    asked = true;
    nav.storage.persisted()
      .then((already) => already || nav.storage.persist())
      .then((granted) => {
        shared.persist = granted ? "granted" : "denied";
        shared.emit({ type: "persist" });
      })
      .catch(() => {});
  });
  watchLock(shared, { win, doc: win.document });
  return shared;
}
