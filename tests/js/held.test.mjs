// Edits held after another tab's Erase all (held.js): joinHeld is pure; the
// store holds a tab's pending edits (not locked, or open with a key) instead
// of writing them into the erased store, until Keep or Discard.
import { test } from "node:test";
import assert from "node:assert/strict";

import { joinHeld } from "../../site_overrides/assets/javascripts/held.js";
import { Store } from "../../site_overrides/assets/javascripts/store.js";
import { LockedStore } from "../../site_overrides/assets/javascripts/locked-store.js";
import { storageAdapter } from "../../site_overrides/assets/javascripts/storage.js";
import { KEY } from "../../site_overrides/assets/javascripts/format.js";
import { FakeStorage } from "./fake-storage.mjs";

let tick = 0;
const now = () => new Date(Date.UTC(2030, 0, 1) + (tick += 1000)).toISOString();
const plainStore = (ls) => new Store(storageAdapter(ls), { now }).load();
const lockedStore = (ls) => new LockedStore(storageAdapter(ls), { now, iterations: 1000 }).load();
const stored = (ls) => JSON.parse(ls.getItem(KEY) || "null");
const wb = (worksheets) => ({ version: 1, worksheets });

test("joinHeld: a worksheet with nothing stored takes the held record as it is", () => {
  const held = { s: { answers: { goal: "Walk" }, earlier: { why: "old" } } };
  const next = joinHeld(wb({ o: { answers: { a: 1 } } }), held);
  assert.deepEqual(next.worksheets.s, held.s);
  assert.deepEqual(next.worksheets.o, { answers: { a: 1 } });
  held.s.answers.goal = "changed later";
  assert.equal(next.worksheets.s.answers.goal, "Walk"); // a copy
});

test("joinHeld: held answers win per field; a different stored answer moves to earlier; nothing dropped", () => {
  const data = wb({ s: { answers: { goal: "Swim (typed since)", steps: "Shoes" }, earlier: { why: "kept" } } });
  const next = joinHeld(data, { s: { answers: { goal: "Walk", why: "Energy" }, earlier: { note: "held earlier", dup: "kept" } } });
  const s = next.worksheets.s;
  assert.deepEqual(s.answers, { goal: "Walk", steps: "Shoes", why: "Energy" });
  assert.equal(s.earlier.goal, "Swim (typed since)");
  assert.equal(s.earlier.why, "kept");
  assert.equal(s.earlier.note, "held earlier");
  assert.equal(Object.values(s.earlier).filter((v) => v === "kept").length, 1); // the same text is not kept twice
  assert.equal(data.worksheets.s.answers.goal, "Swim (typed since)"); // pure
  // the same answer on both sides stays one answer
  assert.deepEqual(joinHeld(wb({ s: { answers: { goal: "Walk" } } }), { s: { answers: { goal: "Walk" } } }).worksheets.s, { answers: { goal: "Walk" } });
  // empty held records change nothing
  assert.deepEqual(joinHeld(wb({}), { s: { answers: {} } }), wb({}));
});

/** Tab B has a page with `typed` pending (its flusher puts it) when tab A erases everything. */
function erasedUnder(typed, { b = null, ls = new FakeStorage() } = {}) {
  const a = plainStore(ls);
  a.put("s", { answers: { goal: "Walk daily", supports: "Priya" } });
  b ||= plainStore(ls);
  let pending = typed;
  b.addFlusher(() => {
    if (!pending) return;
    const record = b.worksheet("s");
    Object.assign(record.answers, pending);
    pending = null; // a page's edits are handed over once
    b.put("s", record);
  });
  const events = [];
  b.subscribe((e) => events.push(e.type === "changed" ? `changed:${e.source}` : e.type));
  a.erase(null);
  b.external(ls.getItem(KEY));
  return { ls, a, b, events };
}

test("Erase all in another tab: an unlocked tab's pending edits are held, not written, until Keep", () => {
  const { ls, b, events } = erasedUnder({ why: "More energy" });
  assert.equal(ls.getItem(KEY), null); // nothing written into the erased store
  assert.deepEqual(b.held, { s: { answers: { why: "More energy" } } }); // what was typed, not the erased answers
  assert.equal(b.heldWhy, "typed");
  assert.ok(events.includes("held"));
  assert.deepEqual(b.worksheet("s").answers, {});
  b.flush(); // a later flush (leaving, export) writes nothing either
  assert.equal(ls.getItem(KEY), null);
  assert.equal(b.keepHeld().ok, true);
  assert.deepEqual(stored(ls).worksheets.s.answers, { why: "More energy" });
  assert.equal(b.held, null);
  assert.ok(events.includes("changed:held"));
});

test("Erase all in another tab: Discard drops the held edits and the tab saves as usual after", () => {
  const { ls, b, events } = erasedUnder({ why: "More energy" });
  b.discardHeld();
  assert.equal(b.held, null);
  assert.equal(ls.getItem(KEY), null);
  assert.ok(events.includes("changed:held")); // pages show the stored (erased) answers again
  assert.equal(b.put("s", { answers: { goal: "New start" } }).ok, true);
  assert.deepEqual(stored(ls).worksheets.s.answers, { goal: "New start" });
});

test("Erase all in another tab with nothing pending here: nothing held, nothing asked", () => {
  const { ls, b, events } = erasedUnder(null);
  assert.equal(b.held, null);
  assert.ok(!events.includes("held"));
  assert.deepEqual(b.data.worksheets, {});
  assert.equal(ls.getItem(KEY), null);
});

test("Erase all in another tab: a worksheet whose write failed here is held too, not written on its own", () => {
  const ls = new FakeStorage();
  const b = plainStore(ls);
  const setItem = ls.setItem.bind(ls);
  ls.setItem = () => { throw new Error("QuotaExceededError"); };
  assert.equal(b.put("t", { answers: { goal: "Could not save" } }).ok, false);
  ls.setItem = setItem;
  const erased = erasedUnder(null, { b, ls });
  assert.equal(erased.ls.getItem(KEY), null);
  assert.deepEqual(b.held.t.answers, { goal: "Could not save" });
  assert.equal(b.keepHeld().ok, true);
  assert.equal(stored(ls).worksheets.t.answers.goal, "Could not save");
});

/** Tab A set a passphrase over s = {goal: "Walk daily"}; tab B is open (key in memory). */
async function openInTwoTabs() {
  const ls = new FakeStorage();
  const a = lockedStore(ls);
  a.put("s", { answers: { goal: "Walk daily" } });
  await a.setPassphrase("correct horse battery");
  const b = lockedStore(ls);
  assert.deepEqual(await b.unlock("correct horse battery"), { ok: true });
  assert.equal(b.lockState, "open");
  return { ls, a, b };
}

test("Erase all in another tab while this tab is open (key in memory): pending edits are held, asked as 'open'", async () => {
  const { ls, a, b } = await openInTwoTabs();
  b.addFlusher(() => b.put("s", { ...b.worksheet("s"), answers: { ...b.worksheet("s").answers, why: "typed in B" } }));
  a.erase(null);
  b.external(ls.getItem(KEY));
  await b.whenSaved();
  assert.equal(ls.getItem(KEY), null); // neither plain nor encrypted
  assert.equal(b.lockState, "none");
  assert.equal(b.heldWhy, "open");
  assert.deepEqual(b.held.s.answers, { why: "typed in B" });
});

test("Erase all here while edits are held: held goes, and the page hears it (the question or notice goes)", () => {
  const { b, events } = erasedUnder({ why: "More energy" });
  events.length = 0;
  b.erase();
  assert.equal(b.held, null);
  assert.ok(events.includes("held"));
});

/** openInTwoTabs, then B's encrypted write of its edit to "s" waits at the encryption (a slow crypto) until release(). */
async function writing() {
  const tabs = await openInTwoTabs();
  const { b } = tabs;
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let sealing = null;
  const seal = b.sealStored.bind(b);
  b.sealStored = (...args) => {
    sealing?.();
    return gate.then(() => seal(...args));
  };
  const started = new Promise((resolve) => { sealing = resolve; });
  assert.equal(b.put("s", { answers: { goal: "Walk daily", why: "typed in B" } }).value, "pending");
  await started; // the write has taken "s" and waits for its encryption
  return { ...tabs, release };
}

test("A passphrase changed in another tab while this tab's encrypted write is under way: the edit waits, and is saved after unlocking", async () => {
  const { ls, a, b, release } = await writing();
  assert.equal((await a.setPassphrase("another passphrase")).ok, true);
  b.external(ls.getItem(KEY));
  assert.equal(b.lockState, "locked");
  assert.equal(b.data.worksheets.s?.answers.why, "typed in B"); // waits in memory
  release();
  await b.whenSaved();
  assert.deepEqual(await b.unlock("another passphrase"), { ok: true });
  await b.whenSaved();
  const c = lockedStore(ls);
  assert.deepEqual(await c.unlock("another passphrase"), { ok: true });
  assert.deepEqual(c.worksheet("s").answers, { goal: "Walk daily", why: "typed in B" });
});

/** Tab B open (key in memory) with its encrypted write of "s" held at the encryption (a slow crypto), when A erases all. */
async function writingWhenErased() {
  const { ls, a, b, release } = await writing();
  a.erase(null);
  b.external(ls.getItem(KEY));
  return { ls, a, b, release };
}

test("Erase all in another tab while this tab's encrypted write is under way: the edit being written is held, never given back", async () => {
  const { ls, a, b, release } = await writingWhenErased();
  assert.equal(b.lockState, "none");
  assert.equal(b.heldWhy, "open");
  assert.deepEqual(b.held?.s, { answers: { why: "typed in B" } }); // held (what B typed, not the erased goal), asked about
  release();
  await b.whenSaved();
  assert.equal(ls.getItem(KEY), null); // the write found the vault gone: nothing written
  a.put("s", { answers: { goal: "After the erase, in A" } }); // another tab's later write
  b.external(ls.getItem(KEY));
  assert.equal(b.put("u", { answers: { goal: "Another worksheet" } }).ok, true);
  assert.equal(stored(ls).worksheets.s?.answers.goal, "After the erase, in A"); // not deleted by B's next save
  assert.equal(b.keepHeld().ok, true);
  assert.equal(stored(ls).worksheets.s.answers.why, "typed in B");
});

test("Held edits are only what this tab changed: erased saved answers do not come back with Keep (a failed write)", () => {
  const ls = new FakeStorage();
  const c = plainStore(ls);
  c.put("s", { answers: { goal: "Walk daily", supports: "Priya" } });
  const b = plainStore(ls);
  const setItem = ls.setItem.bind(ls);
  ls.setItem = () => { throw new Error("QuotaExceededError"); };
  assert.equal(b.put("s", { answers: { goal: "Walk daily", supports: "Priya", why: "Typed, not saved" } }).ok, false);
  ls.setItem = setItem;
  c.erase(null);
  b.external(ls.getItem(KEY));
  assert.deepEqual(b.held, { s: { answers: { why: "Typed, not saved" } } });
  assert.equal(b.keepHeld().ok, true);
  assert.deepEqual(stored(ls).worksheets.s.answers, { why: "Typed, not saved" });
});

test("Held edits are only what this tab changed: a tab that locked holding an edit keeps only that edit", async () => {
  const ls = new FakeStorage();
  const a = lockedStore(ls);
  a.put("s", { answers: { goal: "Walk daily", supports: "Priya" }, earlier: { goal: "Run" } });
  const b = lockedStore(ls);
  let typed = true;
  b.addFlusher(() => {
    if (!typed) return;
    typed = false;
    const record = b.worksheet("s");
    b.put("s", { ...record, answers: { ...record.answers, why: "typed in B" }, earlier: { ...record.earlier, why: "older why" } });
  });
  await a.setPassphrase("correct horse battery");
  b.external(ls.getItem(KEY)); // locks b: its typed edit waits in memory
  assert.equal(b.lockState, "locked");
  a.erase(null);
  b.external(ls.getItem(KEY));
  assert.equal(b.heldWhy, "locked");
  assert.deepEqual(b.held, { s: { answers: { why: "typed in B" }, earlier: { why: "older why" } } });
});
