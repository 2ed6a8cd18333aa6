// format.js: the stored format's constants come from the contract, and its
// checks judge stored text (locked or plain) before anything uses it.
import { test } from "node:test";
import assert from "node:assert/strict";

import { STORAGE_VERSION, WORKBOOK_VERSION as PACKAGE_VERSION } from "../../site_overrides/assets/javascripts/contract.js";
import {
  DEFAULT_IDLE, IDLE_CHOICES, KEY, VERSION, WORKBOOK_VERSION, checkValue, clone, emptyWorkbook, isEmptyValue,
  parseStored, quarantineKey, sameValue,
} from "../../site_overrides/assets/javascripts/format.js";

const envelope = { v: 1, alg: "AES-GCM-256", kdf: "PBKDF2-SHA-256", iterations: 600000, salt: "A".repeat(22) + "==", iv: "A".repeat(16), data: "A".repeat(24) };

test("versions come from the contract: stored format and package", () => {
  assert.equal(VERSION, STORAGE_VERSION);
  assert.equal(WORKBOOK_VERSION, PACKAGE_VERSION);
  assert.match(WORKBOOK_VERSION, /^\d+\.\d+\.\d+/);
  assert.equal(KEY, "workbook:v1");
  assert.deepEqual(emptyWorkbook(), { version: VERSION, worksheets: {} });
  assert.equal(quarantineKey("2030-01-01T00:00:00.000Z"), "workbook:quarantine:2030-01-01T00:00:00.000Z");
});

test("checkValue: text, numbers, lists of text and rows; nothing else", () => {
  assert.equal(checkValue("hi", "a"), null);
  assert.equal(checkValue(3, "a"), null);
  assert.match(checkValue(Infinity, "a"), /finite/);
  assert.match(checkValue("x".repeat(200_001), "a"), /too long/);
  assert.equal(checkValue([{ step: "x", tags: ["a"] }], "a"), null);
  assert.match(checkValue([{ step: { deep: 1 } }], "a"), /text or a number/);
  assert.match(checkValue([{ tags: [1] }], "a"), /list of text/);
  assert.equal(checkValue(Array(1001).fill("x"), "a"), null); // a tracker used daily for years (format.js MAX_ITEMS)
  assert.match(checkValue(Array(10_001).fill("x"), "a"), /too many/);
});

test("parseStored: a locked shape is recognised, checked and never read as answers", () => {
  const locked = parseStored(JSON.stringify({ version: 1, locked: envelope, idle_minutes: 30 }));
  assert.equal(locked.status, "locked");
  assert.equal(locked.idleMinutes, 30);
  assert.deepEqual(locked.envelope, envelope);
  assert.deepEqual(locked.data, emptyWorkbook());
  assert.equal(parseStored(JSON.stringify({ version: 1, locked: envelope })).idleMinutes, DEFAULT_IDLE);
  assert.match(parseStored(JSON.stringify({ version: 1, locked: envelope, extra: 1 })).reason, /unknown entry "extra"/);
  assert.match(parseStored(JSON.stringify({ version: 1, locked: envelope, idle_minutes: -1 })).reason, /idle time/);
  // a newer envelope is a newer workbook's, left alone (read-only), not set aside as damaged
  assert.equal(parseStored(JSON.stringify({ version: 1, locked: { ...envelope, v: 99 } })).status, "newer");
  assert.equal(parseStored(JSON.stringify({ version: 1, locked: { ...envelope, v: 0 } })).status, "quarantine");
  assert.ok(IDLE_CHOICES.includes(DEFAULT_IDLE) && IDLE_CHOICES.includes(0));
});

test("emptiness and copies", () => {
  assert.equal(isEmptyValue(""), true);
  assert.equal(isEmptyValue(["", []]), true);
  assert.equal(isEmptyValue(["a"]), false);
  const original = { a: [{ b: "c" }] };
  const copy = clone(original);
  assert.deepEqual(copy, original);
  assert.notEqual(copy.a, original.a);
  assert.equal(clone(undefined), undefined);
});

test("sameValue: equal stored data, whatever the object; different text, rows or missing values differ", () => {
  assert.equal(sameValue({ a: ["x", ["y"]] }, { a: ["x", ["y"]] }), true);
  assert.equal(sameValue(undefined, undefined), true);
  assert.equal(sameValue("x", "x "), false);
  assert.equal(sameValue(["a", "b"], ["b", "a"]), false);
  assert.equal(sameValue({ a: "x" }, undefined), false);
  assert.equal(sameValue(3, "3"), false);
});
