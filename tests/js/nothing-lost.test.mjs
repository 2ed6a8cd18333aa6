// Review 1's loss paths in the store and import logic, each a repro that
// failed before its fix: one long answer or a long tracker wiping the
// workbook on reload (#1), a second tab writing over text it cannot read (#2),
// Merge overwriting earlier answers (#5) or erasing an answer with an empty
// value (#6), and a locked tab writing held edits in plain text after Erase
// all elsewhere (#7).
import { test } from "node:test";
import assert from "node:assert/strict";

import { Store } from "../../site_overrides/assets/javascripts/store.js";
import { LockedStore } from "../../site_overrides/assets/javascripts/locked-store.js";
import { storageAdapter } from "../../site_overrides/assets/javascripts/storage.js";
import { KEY, MAX_ITEMS, MAX_TEXT, parseStored } from "../../site_overrides/assets/javascripts/format.js";
import { applyImport, importPreview, validateImport, validateSetAside } from "../../site_overrides/assets/javascripts/transfer.js";
import { encrypt, newKey } from "../../site_overrides/assets/javascripts/lock.js";
import { FakeStorage } from "./fake-storage.mjs";

let tick = 0;
const now = () => new Date(Date.UTC(2030, 0, 1) + (tick += 1000)).toISOString();
const plainStore = (ls) => new Store(storageAdapter(ls), { now }).load();
const lockedStore = (ls) => new LockedStore(storageAdapter(ls), { now, iterations: 1000 }).load();
const days = (n) => Array.from({ length: n }, (_, i) => ({ date: new Date(Date.UTC(2000, 0, 1) + i * 864e5).toISOString().slice(0, 10), rating: 5 }));

test("#1 an answer over the limit is refused on save, and the rest of the workbook reloads", () => {
  const ls = new FakeStorage();
  const a = plainStore(ls);
  assert.equal(a.put("other", { answers: { goal: "keep me" } }).ok, true);
  const refused = a.put("journal", { answers: { notes: "x".repeat(MAX_TEXT + 1), short: "also here" } });
  assert.equal(refused.ok, false);
  assert.equal(refused.error, "too-big");
  assert.deepEqual(refused.problems.map((p) => p.field), ["notes"]);
  const b = plainStore(ls);
  assert.equal(b.quarantine, null);
  assert.equal(b.worksheet("other").answers.goal, "keep me");
  assert.equal(a.put("journal", { answers: { notes: "x".repeat(MAX_TEXT) } }).ok, true); // at the limit: saved
  assert.equal(plainStore(ls).worksheet("journal").answers.notes.length, MAX_TEXT);
});

test("#1 a tracker keeps more than 1,000 ratings and reloads them; past the limit it refuses", () => {
  const ls = new FakeStorage();
  const a = plainStore(ls);
  assert.equal(a.setField("tracker", "weekly", days(1001)).ok, true);
  const b = plainStore(ls);
  assert.equal(b.quarantine, null);
  assert.equal(b.worksheet("tracker").answers.weekly.length, 1001);
  assert.equal(b.setField("tracker", "weekly", days(MAX_ITEMS + 1)).error, "too-big");
  assert.equal(plainStore(ls).worksheet("tracker").answers.weekly.length, 1001);
});

test("#1 stored data with one bad answer: the text is set aside whole, everything else opens", () => {
  const raw = JSON.stringify({ version: 1, worksheets: {
    other: { answers: { goal: "keep me" } },
    journal: { answers: { notes: "x".repeat(MAX_TEXT + 1), mood: "fine" }, earlier: { old: "kept too" } },
  } });
  const ls = new FakeStorage({ [KEY]: raw });
  const b = plainStore(ls);
  assert.equal(b.quarantine.raw, raw);
  assert.equal(ls.getItem(b.quarantine.key), raw); // byte for byte
  assert.match(b.quarantine.reason, /too long/);
  assert.equal(b.quarantine.partial, true);
  assert.equal(b.worksheet("other").answers.goal, "keep me");
  assert.deepEqual(b.worksheet("journal").answers, { mood: "fine" });
  assert.deepEqual(b.worksheet("journal").earlier, { old: "kept too" });
  // the sound part was written back: the next load sets nothing aside again
  const c = plainStore(ls);
  assert.equal(c.quarantine, null);
  assert.equal(c.quarantineKeys().length, 1);
  // the set-aside copy imports its sound answers and says what it left out
  const copy = validateSetAside(raw);
  assert.equal(copy.ok, true);
  assert.equal(copy.worksheets.other.answers.goal, "keep me");
  assert.match(copy.leftOut, /too long/);
  // a file exported from this workbook imports
  assert.equal(validateImport(JSON.stringify({ format: "therapy-goals-workbook", version: 1, worksheets: c.data.worksheets })).ok, true);
});

test("#1 a locked workbook with one bad answer unlocks with the rest, the sealed text set aside", async () => {
  const k = await newKey("correct horse battery", 1000);
  const inner = JSON.stringify({ version: 1, worksheets: { "smart-goal": { answers: { goal: "Walk daily", why: "y".repeat(MAX_TEXT + 1) } } } });
  const env = await encrypt(k.key, inner, k.salt, 1000, 15);
  const raw = JSON.stringify({ version: 1, locked: env, idle_minutes: 15 });
  const ls = new FakeStorage({ [KEY]: raw });
  const s = lockedStore(ls);
  assert.deepEqual(await s.unlock("correct horse battery"), { ok: true });
  assert.equal(s.worksheet("smart-goal").answers.goal, "Walk daily");
  assert.equal(ls.getItem(s.quarantine.key), raw);
});

test("#2 a second tab sets aside stored text it cannot read before writing", () => {
  const ls = new FakeStorage();
  const b = plainStore(ls);
  const damaged = '{"version": 1, "worksheets": {"other": {"answers": {"goal": "A\'s goal"}}'; // cut short
  ls.setItem(KEY, damaged);
  b.external(damaged); // the storage event: not usable here
  b.put("mine", { answers: { goal: "B" } });
  const keys = b.quarantineKeys();
  assert.equal(keys.length, 1);
  assert.equal(ls.getItem(keys[0]), damaged);
  assert.equal(JSON.parse(ls.getItem(KEY)).worksheets.mine.answers.goal, "B");
});

test("#2 a second tab keeps the sound worksheets of partly bad stored data", () => {
  const ls = new FakeStorage();
  const b = plainStore(ls);
  const raw = JSON.stringify({ version: 1, worksheets: { other: { answers: { goal: "A's goal" } }, journal: { answers: { notes: "x".repeat(MAX_TEXT + 1) } } } });
  ls.setItem(KEY, raw);
  b.put("mine", { answers: { goal: "B" } });
  const stored = JSON.parse(ls.getItem(KEY));
  assert.equal(stored.worksheets.other.answers.goal, "A's goal");
  assert.equal(stored.worksheets.mine.answers.goal, "B");
  assert.equal(ls.getItem(b.quarantineKeys()[0]), raw);
});

test("#2 with nowhere to set it aside, the second tab writes nothing", () => {
  const ls = new FakeStorage();
  const b = plainStore(ls);
  ls.setItem(KEY, "{broken");
  const setItem = ls.setItem.bind(ls);
  ls.setItem = (k, v) => { if (k !== KEY) throw new Error("QuotaExceededError"); setItem(k, v); };
  assert.equal(b.put("mine", { answers: { goal: "B" } }).ok, false);
  assert.equal(ls.getItem(KEY), "{broken");
  assert.equal(b.storage, "blocked");
});

test("parseStored: a bad answer leaves the rest usable; a bad worksheets map is still set aside whole", () => {
  const r = parseStored(JSON.stringify({ version: 1, worksheets: { w: { answers: { a: 5, b: { c: 1 } } } } }));
  assert.equal(r.status, "ok");
  assert.deepEqual(r.data.worksheets.w.answers, { a: 5 });
  assert.match(r.damaged, /answer "b"/);
  assert.equal(parseStored(JSON.stringify({ version: 1, worksheets: [] })).status, "quarantine");
});

test("earlier.js Remove these: only the answers the dialog counted, with the values it showed", async () => {
  const { removeShown } = await import("../../site_overrides/assets/javascripts/earlier.js");
  const shown = { old_goal: "retired", gone_field: "orphan" };
  // while the dialog was open a save retired another answer, and another tab changed gone_field
  const record = { answers: { goal: "now", gone_field: "changed elsewhere" }, earlier: { old_goal: "retired", why: "retired meanwhile" } };
  const next = removeShown(record, shown, ["goal", "why"]);
  assert.deepEqual(next.earlier, { why: "retired meanwhile" });
  assert.equal(next.answers.gone_field, "changed elsewhere");
  assert.equal(next.answers.goal, "now");
  assert.deepEqual(removeShown({ answers: { x: "orphan" }, earlier: { a: "1" } }, { x: "orphan", a: "1" }, []), { answers: {} });
});

test("#5 Merge keeps my earlier answers when the file has another under the same key", () => {
  const current = { version: 1, worksheets: { s: { answers: { goal: "new" }, earlier: { old_goal: "MY retired text", same: "x" } } } };
  const incoming = { s: { answers: { goal: "new" }, earlier: { old_goal: "theirs", same: "x", only_theirs: "t" } } };
  const next = applyImport(current, incoming, "merge", "2030-01-01T00:00:00Z");
  assert.deepEqual(next.worksheets.s.earlier, { old_goal: "MY retired text", same: "x", "old_goal-2": "theirs", only_theirs: "t" });
});

test("#6 Merge: an empty value in the file does not erase my answer, as the preview says", () => {
  const v = validateImport(JSON.stringify({ format: "therapy-goals-workbook", version: 1, worksheets: { s: { answers: { goal: "", steps: [{}], why: "x" } } } }));
  assert.ok(v.ok);
  const current = { version: 1, worksheets: { s: { answers: { goal: "Walk daily", steps: [{ step: "Shoes" }], why: "y" } } } };
  const row = importPreview(current, v.worksheets).rows[0];
  assert.deepEqual(row.overwritten, ["why"]);
  const next = applyImport(current, v.worksheets, "merge", "now");
  assert.deepEqual(next.worksheets.s.answers, { goal: "Walk daily", steps: [{ step: "Shoes" }], why: "x" });
  // Replace still takes the file as it is
  assert.equal(applyImport(current, v.worksheets, "replace", "now").worksheets.s.answers.goal, "");
});

test("tracker Merge keeps one rating per date; my differing rating on that date goes to earlier answers", () => {
  const here = { version: 1, worksheets: { p: { answers: { ratings: [{ date: "2030-01-01", rating: 3, note: "mine" }, { date: "2030-01-02", rating: 1 }] } } } };
  const file = { p: { answers: { ratings: [{ date: "2030-01-01", rating: 4, note: "theirs" }, { date: "2030-01-02", rating: 1 }] } } };
  const next = applyImport(here, file, "merge", "now").worksheets.p;
  assert.deepEqual(next.answers.ratings.map((e) => e.date), ["2030-01-01", "2030-01-02"]);
  assert.equal(next.answers.ratings[0].note, "theirs");
  assert.deepEqual(next.earlier, { ratings: [{ date: "2030-01-01", rating: 3, note: "mine" }] });
  // and the store saves the result (the tracker's one-per-date rule would refuse two)
  const s = plainStore(new FakeStorage());
  assert.equal(s.replace({ version: 1, worksheets: { p: next } }).ok, true);
});

test("#7 Erase all in another tab: a locked tab's held edits are not written in plain text; the person chooses", async () => {
  const setup = async () => {
    const ls = new FakeStorage();
    const a = lockedStore(ls);
    const b = lockedStore(ls);
    a.put("s", { answers: { goal: "A" } });
    b.external(ls.getItem(KEY));
    b.addFlusher(() => b.put("s", { answers: { goal: "private words typed in B" } })); // B's page had a pending edit
    await a.setPassphrase("correct horse battery");
    b.external(ls.getItem(KEY)); // B hears of the passphrase: hands over its edit, locks
    assert.equal(b.lockState, "locked");
    a.erase(null); // forgotten passphrase: Erase all
    const events = [];
    b.subscribe((e) => events.push(e.type));
    b.external(ls.getItem(KEY));
    return { ls, b, events };
  };
  const kept = await setup();
  assert.equal(kept.ls.getItem(KEY), null);
  assert.ok(kept.events.includes("held"));
  assert.equal(kept.b.held.s.answers.goal, "private words typed in B");
  assert.equal(kept.b.lockState, "none");
  assert.equal(kept.b.keepHeld().ok, true); // the person chose Keep
  assert.equal(JSON.parse(kept.ls.getItem(KEY)).worksheets.s.answers.goal, "private words typed in B");
  const dropped = await setup();
  dropped.b.discardHeld();
  assert.equal(dropped.b.held, null);
  dropped.b.put("other", { answers: { goal: "later" } });
  assert.equal(JSON.parse(dropped.ls.getItem(KEY)).worksheets.s, undefined);
});

test("a tab blocked by text it could not set aside saves again once another tab writes good data", () => {
  const ls = new FakeStorage({ [KEY]: "{broken" });
  const setItem = ls.setItem.bind(ls);
  ls.setItem = (k, v) => { if (k !== KEY) throw new Error("QuotaExceededError"); setItem(k, v); };
  const b = plainStore(ls);
  assert.equal(b.storage, "blocked");
  assert.equal(b.put("mine", { answers: { goal: "B" } }).ok, false);
  const good = JSON.stringify({ version: 1, worksheets: { other: { answers: { goal: "A" } } } });
  setItem(KEY, good);
  b.external(good);
  assert.equal(b.storage, "ok");
  assert.equal(b.worksheet("mine").answers.goal, "B"); // the refused edit waited in memory
  assert.equal(b.put("later", { answers: { goal: "C" } }).ok, true);
  assert.deepEqual(Object.keys(JSON.parse(ls.getItem(KEY)).worksheets).sort(), ["later", "mine", "other"]);
});
