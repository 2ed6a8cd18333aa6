// Issue 14, path 4: the encrypted save queued when the page is left (quick
// exit, reload) did not finish: exit.js sent wb:flush and nothing listened.
// leave.js sends it and waits (bounded); tab-store.js answers it.
import { test } from "node:test";
import assert from "node:assert/strict";

import { EVENT } from "../../site_overrides/assets/javascripts/contract.js";
import { KEY } from "../../site_overrides/assets/javascripts/format.js";
import { FLUSH_WAIT_MS, flushBeforeLeaving } from "../../site_overrides/assets/javascripts/leave.js";
import { FakeStorage } from "./fake-storage.mjs";

const JS = new URL("../../site_overrides/assets/javascripts/", import.meta.url);

/** A fresh tab-store.js module (its own getStore) on a fake window; `base` can point at an older copy. */
export async function tabWithStore(storage, base = JS) {
  const win = new EventTarget();
  win.localStorage = storage;
  win.document = new EventTarget();
  const { setInterval: realSetInterval, BroadcastChannel: RealChannel } = globalThis;
  globalThis.setInterval = () => 0; // no idle timer in a test
  globalThis.BroadcastChannel = class { addEventListener() {} postMessage() {} };
  try {
    const { getStore } = await import(`${new URL("tab-store.js", base).href}?tab=${Math.random()}`);
    return { win, store: getStore({ win, nav: {} }) };
  } finally {
    globalThis.setInterval = realSetInterval;
    globalThis.BroadcastChannel = RealChannel;
  }
}

/** An open locked tab with one edit its page has not handed over yet; resolves what leaving finds. */
export async function leaveWithAnEdit(base = JS) {
  const storage = new FakeStorage({ [KEY]: JSON.stringify({ version: 1, worksheets: { w: { answers: { a: "before" } } } }) });
  const { win, store } = await tabWithStore(storage, base);
  assert.deepEqual(await store.setPassphrase("correct horse"), { ok: true });
  const before = storage.getItem(KEY);
  let typed = "typed just before leaving";
  store.addFlusher(() => { if (typed) { store.setField("w", "a", typed); typed = null; } }); // the form's pending edit
  const outcome = await flushBeforeLeaving({ win, ms: 5_000 });
  return { outcome, written: storage.getItem(KEY) !== before, pending: store.unsaved.size, lastRaw: store.lastRaw === storage.getItem(KEY) };
}

test("leaving waits for the encrypted save of the last edit", async () => {
  assert.deepEqual(await leaveWithAnEdit(), { outcome: "saved", written: true, pending: 0, lastRaw: true });
});

test("leaving is never held up longer than its bound, and goes at once when nothing saves", async () => {
  assert.ok(FLUSH_WAIT_MS <= 150);
  const win = new EventTarget();
  assert.equal(await flushBeforeLeaving({ win }), "none");
  win.addEventListener(EVENT.FLUSH, (event) => event.detail.waitUntil(new Promise(() => {})));
  const start = Date.now();
  assert.equal(await flushBeforeLeaving({ win, ms: 50 }), "timeout");
  assert.ok(Date.now() - start < 1000);
});

test("quick exit (lock: true) writes the last edit, then locks an open workbook", async () => {
  const storage = new FakeStorage({ [KEY]: JSON.stringify({ version: 1, worksheets: { w: { answers: { a: "before" } } } }) });
  const { win, store } = await tabWithStore(storage);
  assert.deepEqual(await store.setPassphrase("correct horse"), { ok: true });
  const before = storage.getItem(KEY);
  let typed = "typed as someone came in";
  store.addFlusher(() => { if (typed) { store.setField("w", "a", typed); typed = null; } });
  assert.equal(await flushBeforeLeaving({ win, ms: 5_000, lock: true }), "saved");
  assert.notEqual(storage.getItem(KEY), before);
  assert.equal(store.lockState, "locked");
  assert.deepEqual(store.data.worksheets, {}); // the answers left memory
});
