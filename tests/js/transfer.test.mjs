// transfer.js: export files and import checks (the store-independent half).
import { test } from "node:test";
import assert from "node:assert/strict";

import { VERSION, WORKBOOK_VERSION } from "../../site_overrides/assets/javascripts/format.js";
import {
  MAX_IMPORT_BYTES, applyImport, buildEncryptedExport, buildExport, validateImport,
} from "../../site_overrides/assets/javascripts/transfer.js";

const NOW = "2030-01-02T03:04:05.000Z";
const envelope = { v: 1, alg: "AES-GCM-256", kdf: "PBKDF2-SHA-256", iterations: 600000, salt: "A".repeat(22) + "==", iv: "A".repeat(16), data: "A".repeat(24) };

test("exports carry the stored version and the package version", () => {
  const file = buildExport({ version: VERSION, worksheets: {} }, NOW);
  assert.equal(file.version, VERSION);
  assert.equal(file.workbook_version, WORKBOOK_VERSION);
  const sealed = buildEncryptedExport(envelope, NOW);
  assert.deepEqual(Object.keys(sealed), ["format", "version", "exported_at", "workbook_version", "encrypted"]);
  assert.deepEqual(sealed.encrypted, envelope);
  assert.notEqual(sealed.encrypted, envelope);
});

test("an encrypted export is recognised, but never one inside another", () => {
  const text = JSON.stringify(buildEncryptedExport(envelope, NOW));
  const outer = validateImport(text);
  assert.equal(outer.ok, true);
  assert.deepEqual(outer.encrypted, envelope);
  assert.equal(outer.exportedAt, NOW);
  assert.match(validateImport(text, text.length, { allowEncrypted: false }).error, /another encrypted file/);
  assert.match(validateImport(JSON.stringify(buildEncryptedExport({ ...envelope, alg: "ROT13" }, NOW))).error, /cannot be opened/);
});

test("the size limit is 5 MB, checked before the text is read", () => {
  assert.equal(MAX_IMPORT_BYTES, 5 * 1024 * 1024);
  assert.equal(validateImport("{}", MAX_IMPORT_BYTES + 1).ok, false);
});

test("merge keeps earlier answers from both sides; replace takes the file's time", () => {
  const current = { version: VERSION, worksheets: { w: { answers: { a: "1" }, earlier: { old: "x" }, updated: "then" } } };
  const incoming = { w: { answers: { b: "2" }, earlier: { older: "y" }, updated: "file" } };
  const merged = applyImport(current, incoming, "merge", NOW);
  assert.deepEqual(merged.worksheets.w, { answers: { a: "1", b: "2" }, earlier: { old: "x", older: "y" }, updated: NOW });
  assert.equal(applyImport(current, incoming, "replace", NOW).worksheets.w.updated, "file");
  assert.deepEqual(current.worksheets.w.answers, { a: "1" });
});

// Issue 14, path 5: Merge replaced whole tracker lists, so ratings added on
// this device since the export were lost.
test("merge joins tracker lists by date and note; the file's rating wins on a tie; replace keeps only the file's", async () => {
  const { applyImport, importPreview, fieldLabel, worksheetTitle } = await import("../../site_overrides/assets/javascripts/transfer.js");
  const here = { version: 1, worksheets: { p: { answers: { goal: "Walk", ratings: [
    { date: "2030-01-01", rating: 3, note: "start" },
    { date: "2030-01-08", rating: 5 }, // added on this device after the export
  ] } } } };
  const file = { p: { answers: { ratings: [
    { date: "2030-01-01", rating: 4, note: "start" }, // corrected in the file
    { date: "2030-01-03", rating: 2, note: "rainy" },
  ] } } };
  const merged = applyImport(here, file, "merge", "2030-02-01T00:00:00.000Z");
  assert.deepEqual(merged.worksheets.p.answers.ratings, [
    { date: "2030-01-01", rating: 4, note: "start" },
    { date: "2030-01-03", rating: 2, note: "rainy" },
    { date: "2030-01-08", rating: 5 },
  ]);
  assert.equal(merged.worksheets.p.answers.goal, "Walk");
  assert.deepEqual(applyImport(here, file, "replace", "2030-02-01T00:00:00.000Z").worksheets.p.answers.ratings, file.p.answers.ratings);
  // The preview tells the two apart: joined by Merge, not overwritten.
  const row = importPreview(here, file).rows[0];
  assert.deepEqual([row.overwritten, row.joined], [[], ["ratings"]]);
  // Labels from the worksheet index, ids with spaces without one.
  const names = { p: { title: "Progress tracker", labels: { ratings: "How close am I?" } } };
  assert.equal(fieldLabel(names, "p", "ratings"), "How close am I?");
  assert.equal(fieldLabel(null, "p", "first_steps"), "first steps");
  assert.equal(worksheetTitle(names, "p"), "Progress tracker");
});

// Issue 14, path 2: set-aside copies can be imported from the Privacy page.
test("a set-aside copy is checked as stored data: plain imports, locked asks its passphrase, newer and damaged say why", async () => {
  const { validateSetAside } = await import("../../site_overrides/assets/javascripts/transfer.js");
  const copy = JSON.stringify({ version: 1, worksheets: { w: { answers: { a: "kept" } } } });
  assert.deepEqual(validateSetAside(copy).worksheets, { w: { answers: { a: "kept" } } });
  const envelope = { v: 1, alg: "AES-GCM-256", kdf: "PBKDF2-SHA-256", iterations: 1000, salt: "A".repeat(24), iv: "A".repeat(16), data: "A".repeat(24) };
  assert.deepEqual(validateSetAside(JSON.stringify({ version: 1, locked: envelope })).encrypted, envelope);
  assert.equal(validateSetAside(JSON.stringify({ version: 1, locked: envelope }), 10, { allowEncrypted: false }).ok, false);
  assert.match(validateSetAside(JSON.stringify({ version: 9, worksheets: {} })).error, /newer version/);
  assert.match(validateSetAside("{broken").error, /not valid JSON/);
});
