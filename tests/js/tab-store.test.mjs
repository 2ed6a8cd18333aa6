// tab-store.js: one store per tab, following other tabs' saves, asking once to persist.
import { test } from "node:test";
import assert from "node:assert/strict";

import { KEY } from "../../site_overrides/assets/javascripts/format.js";
import { LockedStore } from "../../site_overrides/assets/javascripts/locked-store.js";
import { getStore } from "../../site_overrides/assets/javascripts/tab-store.js";
import { FakeStorage } from "./fake-storage.mjs";

test("one store per tab, loaded from localStorage, fed by storage events, persisted once", async () => {
  const listeners = {};
  const on = (type, fn) => { (listeners[type] ||= []).push(fn); };
  const localStorage = new FakeStorage({ [KEY]: JSON.stringify({ version: 1, worksheets: { w: { answers: { a: "stored" } } } }) });
  const win = { localStorage, addEventListener: on, document: { addEventListener() {} } };
  let asked = 0;
  const nav = { storage: { persisted: async () => false, persist: async () => { asked += 1; return true; } } };
  const intervals = [];
  const channels = [];
  const { setInterval: realSetInterval, BroadcastChannel: RealChannel } = globalThis;
  globalThis.setInterval = (fn, ms) => { intervals.push(ms); return 0; };
  globalThis.BroadcastChannel = class { constructor(name) { channels.push(name); } addEventListener() {} };
  try {
    const store = getStore({ win, nav });
    assert.ok(store instanceof LockedStore);
    assert.equal(getStore({ win, nav }), store);
    assert.equal(store.worksheet("w").answers.a, "stored");
    assert.equal(intervals.length, 1); // the idle check runs
    assert.deepEqual(channels, ["workbook-lock"]); // "Lock now" reaches this tab

    const other = JSON.stringify({ version: 1, worksheets: { w: { answers: { a: "from another tab" } } } });
    for (const fn of listeners.storage) fn({ key: "unrelated", newValue: "x" });
    assert.equal(store.worksheet("w").answers.a, "stored");
    for (const fn of listeners.storage) fn({ key: KEY, newValue: other });
    assert.equal(store.worksheet("w").answers.a, "from another tab");

    const persisted = new Promise((resolve) => store.subscribe((e) => e.type === "persist" && resolve()));
    store.setField("w", "b", "one");
    store.setField("w", "b", "two");
    await persisted;
    assert.equal(store.persist, "granted");
    assert.equal(asked, 1);
  } finally {
    globalThis.setInterval = realSetInterval;
    globalThis.BroadcastChannel = RealChannel;
  }
});
