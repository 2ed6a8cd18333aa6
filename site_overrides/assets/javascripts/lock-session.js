// The lock's session policy, apart from its dialogs (lock-ui.js): when an open
// workbook locks by itself. It locks after `idle_minutes` without a pointer,
// key, wheel, touch, input or scroll (checked every few seconds and when the
// tab is shown again), and "Lock now" in one tab reaches every other tab of
// the site through a BroadcastChannel. Leaving the page (pagehide: closing,
// navigating away, going into the back-forward cache) locks it too, and the
// page stays hidden until that lock is done, so a page restored from the
// cache shows no answers and asks for the passphrase. Pages that want to ask
// for the passphrase again after a lock register with onRelock.

const TICK_MS = 5_000;
const ACTIVITY = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "input", "scroll"];
const CHANNEL = "workbook-lock";
const HIDDEN = "wb-relocking"; // exit.css hides the page while it has this class

let watching = null;
let lastActivity = Date.now();
let channel = null;
const relockers = new Set();

/** True when an open workbook has been left alone for its idle time (0 minutes: never). */
export function idleExpired({ lockState, idleMinutes, lastActivity: last, now }) {
  return lockState === "open" && Boolean(idleMinutes) && now - last >= idleMinutes * 60_000;
}

/** `fn(store)` runs after every lock this module causes (idle, Lock now here or in another tab). */
export function onRelock(fn) {
  relockers.add(fn);
  return () => relockers.delete(fn);
}

/** Start once per tab: the idle timer and the channel that carries "Lock now" to other tabs. */
export function watchLock(store, { win = window, doc = document } = {}) {
  if (watching === store) return;
  watching = store;
  const bump = () => { lastActivity = Date.now(); };
  for (const type of ACTIVITY) win.addEventListener(type, bump, { passive: true, capture: true });
  const check = () => {
    if (idleExpired({ lockState: store.lockState, idleMinutes: store.idleMinutes, lastActivity, now: Date.now() })) lockHere(store);
  };
  setInterval(check, TICK_MS);
  doc.addEventListener("visibilitychange", check);
  store.subscribe((event) => event.type === "lock" && store.lockState === "open" && bump());
  let leaving = null;
  win.addEventListener("pagehide", () => {
    if (store.lockState !== "open") return;
    doc.documentElement.classList.add(HIDDEN);
    leaving = lockHere(store); // pages' edits are written first (lockNow flushes and waits)
  });
  win.addEventListener("pageshow", (event) => {
    if (!event.persisted || !leaving) return;
    const done = () => { leaving = null; doc.documentElement.classList.remove(HIDDEN); };
    leaving.then(done, done);
  });
  if (typeof BroadcastChannel === "function") {
    channel = new BroadcastChannel(CHANNEL);
    channel.addEventListener("message", (event) => event.data === "lock" && lockHere(store));
  }
}

/** Lock this tab; then let the page ask for the passphrase again. */
export async function lockHere(store) {
  await store.lockNow();
  for (const fn of [...relockers]) fn(store);
}

/** "Lock now": this tab and every other tab of the workbook. */
export async function lockEverywhere(store) {
  channel?.postMessage("lock");
  await lockHere(store);
}
