// Leaving the page on purpose (quick exit, a reload the page asks for): give
// the page's store a moment to finish what it is saving. With a passphrase
// set, saves are encrypted asynchronously, so a queued save could still be
// running when the page goes; the store (tab-store.js) answers EVENT.FLUSH by
// writing every pending edit and handing back a promise of the finished
// write. Waiting is bounded, so leaving is never held up for long.

import { EVENT } from "./contract.js";

export const FLUSH_WAIT_MS = 150;

/**
 * Send EVENT.FLUSH; listeners call `event.detail.waitUntil(promise)`. With
 * `lock` (quick exit) an unlocked workbook is locked too once it is written.
 * Resolves "saved" when every promise settled, "timeout" after `ms`, or
 * "none" when nothing on the page was saving.
 */
export function flushBeforeLeaving({ win = window, ms = FLUSH_WAIT_MS, lock = false } = {}) {
  const waits = [];
  win.dispatchEvent(new CustomEvent(EVENT.FLUSH, { detail: { lock, waitUntil: (promise) => waits.push(promise) } }));
  if (!waits.length) return Promise.resolve("none");
  let timer;
  return Promise.race([
    Promise.allSettled(waits).then(() => "saved"),
    new Promise((resolve) => { timer = setTimeout(() => resolve("timeout"), ms); }),
  ]).finally(() => clearTimeout(timer));
}
