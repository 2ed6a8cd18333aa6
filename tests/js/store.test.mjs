// Pure storage logic (format.js, transfer.js, answers.js): parse, quarantine,
// validate imports, merge, export, answer <-> control mapping; and the plain
// store (store.js, storage.js) against fake storages
// (one that is full, one that throws on access).
import { test } from "node:test";
import assert from "node:assert/strict";

import { Store } from "../../site_overrides/assets/javascripts/store.js";
import {
  FORMAT, KEY, QUARANTINE_PREFIX, VERSION, checkWorksheets, isEmptyValue, parseStored,
} from "../../site_overrides/assets/javascripts/format.js";
import {
  applyImport, buildExport, exportFileName, importPreview, validateImport,
} from "../../site_overrides/assets/javascripts/transfer.js";
import {
  answersAsText, controlsForValue, orphanAnswers, retireAnswer, valueAsText, valueFromControls,
} from "../../site_overrides/assets/javascripts/answers.js";
import { storageAdapter } from "../../site_overrides/assets/javascripts/storage.js";
import { FakeStorage } from "./fake-storage.mjs";

const NOW = "2030-01-02T03:04:05.000Z";

class FullStorage extends FakeStorage {
  setItem() {
    const e = new Error("The quota has been exceeded.");
    e.name = "QuotaExceededError";
    throw e;
  }
}

const throwing = () => {
  const e = new Error("The operation is insecure.");
  e.name = "SecurityError";
  throw e;
};

const workbook = (worksheets) => ({ version: VERSION, worksheets });
const sample = () => workbook({
  "smart-goal": { answers: { goal: "Walk at lunch", confidence: 7, first_steps: [{ step: "Shoes", by: "2030-01-05" }, {}] }, updated: NOW },
  "areas-of-life": { answers: { common_areas: ["work", "health"] }, updated: NOW },
});
const exportText = (worksheets, extra = {}) => JSON.stringify({ format: FORMAT, version: 1, exported_at: NOW, workbook_version: "0.1.0", worksheets, ...extra });

test("parseStored: empty, sound, not JSON, unknown version, damaged", () => {
  assert.equal(parseStored(null).status, "empty");
  const ok = parseStored(JSON.stringify(sample()));
  assert.equal(ok.status, "ok");
  assert.deepEqual(ok.data, sample());
  assert.equal(parseStored("{not json").status, "quarantine");
  assert.match(parseStored(JSON.stringify({ version: 0, worksheets: {} })).reason, /version 0/);
  assert.equal(parseStored(JSON.stringify({ version: 2, worksheets: {} })).status, "newer");
  assert.equal(parseStored(JSON.stringify([1, 2])).status, "quarantine");
  // one bad answer: the rest opens, and `damaged` tells the store to set the text aside first
  const bad = parseStored(JSON.stringify({ version: 1, worksheets: { x: { answers: { a: { b: 1 } } } } }));
  assert.equal(bad.status, "ok");
  assert.match(bad.damaged, /answer "a"/);
});

test("checkWorksheets rejects hostile keys and wrong types", () => {
  const hostile = JSON.parse('{"x": {"answers": {"__proto__": {"polluted": true}}}}');
  assert.match(checkWorksheets(hostile)[0], /__proto__/);
  assert.match(checkWorksheets({ constructor: { answers: {} } })[0], /constructor/);
  assert.match(checkWorksheets({ "Bad Id": { answers: {} } })[0], /not a field id/);
  assert.match(checkWorksheets({ x: { answers: { a: true } } })[0], /text or a number/);
  assert.match(checkWorksheets({ x: { answers: { a: [1, 2] } } })[0], /should be text/);
  assert.match(checkWorksheets({ x: { answers: { a: ["s", { b: "c" }] } } })[0], /mixes/);
  assert.match(checkWorksheets({ x: { answers: { a: [{ __proto__x: 1 }] } } })[0], /not a field id/);
  assert.match(checkWorksheets({ x: { answers: {}, updated: 5 } })[0], /updated/);
  assert.match(checkWorksheets({ x: { answers: {}, extra: 1 } })[0], /unknown entry/);
  assert.deepEqual(checkWorksheets(sample().worksheets), []);
  assert.deepEqual(checkWorksheets({ p: { answers: { ratings: [{ date: "2030-01-01", rating: 4, note: "ok" }] } } }), []);
  assert.equal({}.polluted, undefined);
});

test("validateImport: every bad file gets a sentence, and a good one passes", () => {
  assert.match(validateImport("nope").error, /not JSON/);
  assert.match(validateImport(JSON.stringify({ format: "other", version: 1, worksheets: {} })).error, /not a Therapy Goals Workbook export/);
  assert.match(validateImport(exportText({}, { version: 99 })).error, /version 99/);
  assert.match(validateImport("x".repeat(10), 6 * 1024 * 1024).error, /too big/);
  assert.match(validateImport('{"format":"therapy-goals-workbook","version":1,"worksheets":{"__proto__":{"answers":{}}}}').error, /__proto__/);
  assert.match(validateImport(exportText({ x: { answers: { a: { nested: 1 } } } })).error, /cannot be imported/);
  assert.match(validateImport(exportText([])).error, /"worksheets" should be an object/);
  const good = validateImport(exportText(sample().worksheets));
  assert.equal(good.ok, true);
  assert.deepEqual(good.worksheets, sample().worksheets);
});

test("export: the documented shape, for the whole workbook or one worksheet", () => {
  const all = buildExport(sample(), NOW);
  assert.deepEqual(Object.keys(all), ["format", "version", "exported_at", "workbook_version", "worksheets"]);
  assert.equal(all.format, "therapy-goals-workbook");
  assert.deepEqual(all.worksheets, sample().worksheets);
  assert.deepEqual(Object.keys(buildExport(sample(), NOW, ["smart-goal"]).worksheets), ["smart-goal"]);
  assert.equal(exportFileName(NOW), "therapy-goals-workbook-2030-01-02.json");
  assert.equal(exportFileName(NOW, "smart-goal"), "therapy-goals-smart-goal-2030-01-02.json");
  assert.equal(validateImport(JSON.stringify(all)).ok, true);
});

test("import preview and merge or replace", () => {
  const incoming = { "smart-goal": { answers: { goal: "Swim", why: "Health" } }, "what-i-want": { answers: { matters_most: "Calm" } } };
  const preview = importPreview(sample(), incoming);
  assert.deepEqual(preview.rows[0], { id: "smart-goal", incoming: 2, existing: 3, overwritten: ["goal"], onlyMine: ["confidence", "first_steps"], joined: [] });
  assert.deepEqual(preview.dropped, [{ id: "areas-of-life", existing: 1 }]);
  const scoped = importPreview(sample(), incoming, ["smart-goal"]);
  assert.deepEqual(scoped.skipped, ["what-i-want"]);
  assert.deepEqual(scoped.dropped, []);

  const merged = applyImport(sample(), incoming, "merge", NOW);
  assert.equal(merged.worksheets["smart-goal"].answers.goal, "Swim");
  assert.equal(merged.worksheets["smart-goal"].answers.confidence, 7);
  assert.deepEqual(merged.worksheets["areas-of-life"], sample().worksheets["areas-of-life"]);
  const replaced = applyImport(sample(), incoming, "replace", NOW);
  assert.deepEqual(Object.keys(replaced.worksheets).sort(), ["smart-goal", "what-i-want"]);
  assert.equal(replaced.worksheets["smart-goal"].answers.confidence, undefined);
  const scopedReplace = applyImport(sample(), incoming, "replace", NOW, ["smart-goal"]);
  assert.deepEqual(Object.keys(scopedReplace.worksheets).sort(), ["areas-of-life", "smart-goal"]);
});

test("controls: values out, values in, and what does not fit", () => {
  const radios = ["0", "1", "2"].map((value) => ({ type: "radio", value, checked: value === "2" }));
  assert.equal(valueFromControls("scale", radios), 2);
  assert.equal(valueFromControls("choice", radios), "2");
  const boxes = ["a", "b", "c"].map((value) => ({ type: "checkbox", value, checked: value !== "b" }));
  assert.deepEqual(valueFromControls("checklist", boxes), ["a", "c"]);
  assert.deepEqual(valueFromControls("choice", boxes), ["a", "c"]);
  assert.equal(valueFromControls("text", [{ type: "text", value: "" }]), undefined);
  assert.equal(valueFromControls("textarea", [{ type: "textarea", value: "hi\nthere" }]), "hi\nthere");

  assert.deepEqual(controlsForValue("scale", 1, radios), { fits: true, states: [{ checked: false }, { checked: true }, { checked: false }] });
  assert.equal(controlsForValue("scale", 9, radios).fits, false);
  assert.equal(controlsForValue("scale", "1", radios).fits, false);
  assert.deepEqual(controlsForValue("checklist", ["b"], boxes).states.map((s) => s.checked), [false, true, false]);
  assert.equal(controlsForValue("checklist", ["gone"], boxes).fits, false);
  assert.equal(controlsForValue("checklist", "a", boxes).fits, false);
  assert.deepEqual(controlsForValue("text", "hello", [{ type: "text" }]), { fits: true, states: [{ value: "hello" }] });
  assert.equal(controlsForValue("text", ["a"], [{ type: "text" }]).fits, false);
  assert.deepEqual(controlsForValue("date", undefined, [{ type: "date" }]), { fits: true, states: [{ value: "" }] });
});

test("orphans, text forms, retiring, emptiness", () => {
  assert.deepEqual(orphanAnswers({ goal: "a", old: "b", blank: "" }, ["goal"]), { old: "b" });
  assert.equal(valueAsText(["a", "b"]), "a, b");
  assert.equal(valueAsText([{ step: "x", by: "y" }]), "1. step: x; by: y");
  assert.equal(answersAsText({ a: "1", b: "two\nlines" }), "a: 1\n\nb:\ntwo\nlines");
  const record = retireAnswer({ answers: { a: "old", b: 1 }, earlier: { a: "older" } }, "a");
  assert.deepEqual(record, { answers: { b: 1 }, earlier: { a: "older", "a-2": "old" } });
  assert.equal(isEmptyValue([{}, {}]), true);
  assert.equal(isEmptyValue([{ a: "x" }]), false);
  assert.equal(isEmptyValue(0), false);
});

test("store: saves under the key, keeps other tabs' worksheets, erases", () => {
  const storage = new FakeStorage();
  const store = new Store(storageAdapter(storage), { now: () => NOW }).load();
  const events = [];
  store.subscribe((e) => events.push(e.type));
  store.setField("smart-goal", "goal", "Walk");
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), workbook({ "smart-goal": { answers: { goal: "Walk" }, updated: NOW } }));
  assert.ok(events.includes("saved"));
  // another tab saved a different worksheet meanwhile: a save here keeps it
  const other = JSON.parse(storage.getItem(KEY));
  other.worksheets["what-i-want"] = { answers: { matters_most: "Calm" }, updated: NOW };
  storage.setItem(KEY, JSON.stringify(other));
  store.setField("smart-goal", "why", "Health");
  assert.deepEqual(Object.keys(JSON.parse(storage.getItem(KEY)).worksheets).sort(), ["smart-goal", "what-i-want"]);
  store.erase("smart-goal");
  assert.deepEqual(Object.keys(JSON.parse(storage.getItem(KEY)).worksheets), ["what-i-want"]);
  store.erase();
  assert.equal(storage.getItem(KEY), null);
});

test("store: another tab's save arrives as a change", () => {
  const store = new Store(storageAdapter(new FakeStorage()), { now: () => NOW }).load();
  const seen = [];
  store.subscribe((e) => e.type === "changed" && seen.push(e));
  store.external(JSON.stringify(sample()));
  assert.deepEqual(seen[0].ids.sort(), ["areas-of-life", "smart-goal"]);
  assert.equal(seen[0].source, "tab");
  store.external("garbage");
  assert.equal(seen.length, 1);
  assert.equal(store.worksheet("smart-goal").answers.goal, "Walk at lunch");
});

test("store: unreadable data is set aside under a quarantine key, and we start clean", () => {
  for (const raw of ["{broken", JSON.stringify({ version: "7", worksheets: {} }), JSON.stringify({ version: 0, worksheets: {} })]) {
    const storage = new FakeStorage({ [KEY]: raw });
    const store = new Store(storageAdapter(storage), { now: () => NOW }).load();
    assert.equal(storage.getItem(QUARANTINE_PREFIX + NOW), raw);
    assert.equal(storage.getItem(KEY), null);
    assert.deepEqual(store.data.worksheets, {});
    assert.equal(store.quarantine.raw, raw);
    assert.deepEqual(store.quarantineKeys(), [QUARANTINE_PREFIX + NOW]);
    store.erase();
    assert.equal(storage.length, 0);
  }
});

test("store: when the data cannot even be set aside, it is never written over", () => {
  const storage = new FullStorage({ [KEY]: "{broken" });
  const store = new Store(storageAdapter(storage), { now: () => NOW }).load();
  assert.equal(store.storage, "blocked");
  assert.equal(store.setField("x", "a", "b").ok, false);
  assert.equal(storage.getItem(KEY), "{broken");
  assert.equal(store.worksheet("x").answers.a, "b");
});

test("store: a full storage keeps answers in memory and says so; export still works", () => {
  const store = new Store(storageAdapter(new FullStorage()), { now: () => NOW }).load();
  const result = store.setField("smart-goal", "goal", "Walk");
  assert.deepEqual(result, { ok: false, error: "quota" });
  assert.equal(store.storage, "quota");
  assert.equal(buildExport(store.data, NOW).worksheets["smart-goal"].answers.goal, "Walk");
});

test("store: storage that throws on access works from memory", () => {
  const store = new Store(storageAdapter(throwing), { now: () => NOW }).load();
  assert.equal(store.storage, "unavailable");
  store.setField("smart-goal", "goal", "Walk");
  assert.equal(store.worksheet("smart-goal").answers.goal, "Walk");
  assert.deepEqual(store.quarantineKeys(), []);
  assert.equal(store.erase().ok, false);
});

test("store: flush calls every registered page", () => {
  const store = new Store(storageAdapter(new FakeStorage()));
  let n = 0;
  const off = store.addFlusher(() => { n += 1; });
  store.flush();
  off();
  store.flush();
  assert.equal(n, 1);
});

// Issue 14, path 2: old code wrote over data it could not read (a newer
// `version` from a tab left open across an update, or a rollback).
test("store: data from a newer workbook is read-only here: edits stay in memory, nothing is ever written", () => {
  const newer = JSON.stringify({ version: VERSION + 1, worksheets: { "smart-goal": { answers: { goal: "from the new code" } } }, extra: "new" });
  // an old page loads it
  const storage = new FakeStorage({ [KEY]: newer });
  const store = new Store(storageAdapter(storage), { now: () => NOW }).load();
  assert.equal(store.storage, "newer");
  assert.deepEqual(store.setField("smart-goal", "why", "typed in the old tab"), { ok: false, error: "newer" });
  assert.equal(store.worksheet("smart-goal").answers.why, "typed in the old tab"); // kept in memory (Export works)
  assert.equal(storage.getItem(KEY), newer);
  assert.deepEqual(store.quarantineKeys(), []); // not damaged: nothing set aside, nothing removed

  // an old page that was open when newer code saved (the storage event, then a save)
  const shared = new FakeStorage({ [KEY]: JSON.stringify(sample()) });
  const open = new Store(storageAdapter(shared), { now: () => NOW }).load();
  shared.setItem(KEY, newer);
  open.external(newer);
  assert.equal(open.storage, "newer");
  open.setField("smart-goal", "goal", "old tab");
  assert.equal(shared.getItem(KEY), newer);
  // ...or saved without hearing of it first (the event not yet delivered)
  const late = new Store(storageAdapter(new FakeStorage({ [KEY]: JSON.stringify(sample()) })), { now: () => NOW }).load();
  late.adapter.set(KEY, newer);
  assert.deepEqual(late.setField("smart-goal", "goal", "late"), { ok: false, error: "newer" });
  assert.equal(late.readRaw(KEY), newer);
  assert.equal(late.storage, "newer");
});
