// The stored format and its checks: the one localStorage key, its version
// and migrations, what a sound answer value is, and what to do with the raw
// text found under the key (use it, open it as locked, or set it aside).
// Pure functions, no storage and no DOM: the store (store.js), export and
// import (transfer.js) and the lock (locked-store.js) all check data here, so
// a file and a stored copy are judged by the same rules.

import { WORKBOOK_VERSION as PACKAGE_VERSION, STORAGE_VERSION, isId } from "./contract.js";
import { ENVELOPE_VERSION, checkEnvelope } from "./lock.js";

export const KEY = "workbook:v1";
export const QUARANTINE_PREFIX = "workbook:quarantine:";
export const PREFIX = "workbook:"; // every localStorage key the workbook writes starts so (Erase all removes them)
export const VERSION = STORAGE_VERSION;
export const FORMAT = "therapy-goals-workbook";
export const WORKBOOK_VERSION = PACKAGE_VERSION;
// Lock after this many idle minutes (0: never); kept beside the envelope.
export const IDLE_CHOICES = [5, 15, 30, 60, 0];
export const DEFAULT_IDLE = 15;

// Names that could reach Object.prototype if a careless reader assigned them.
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);
// Limits on one answer, the same when saving (Store.put refuses more, the
// page says so and keeps the typed text on screen), loading and importing, so
// nothing the workbook saved is ever refused when read back. 200,000
// characters is about 80 pages of text. 10,000 list items is a daily tracker
// rating for over 27 years (about 40 bytes each: 400 KB, well inside the
// 5 MB a browser gives localStorage); it was 1,000 (under 3 years of daily
// ratings), which a long-used tracker reached.
export const MAX_TEXT = 200_000;
export const MAX_ITEMS = 10_000;

// Migrations from an older stored version to the next one: {fromVersion: fn}.
// Version 1 is the first; add an entry here with every bump. Stored data and
// export files (transfer.js) both go through them.
export const MIGRATIONS = {};
const LOCKED_KEYS = ["version", "locked", "idle_minutes"];

export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
export const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

export const emptyWorkbook = () => ({ version: VERSION, worksheets: {} });

// ---------------------------------------------------------------- values

/** True for "nothing typed": empty text, no choice, an empty list. */
export function isEmptyValue(value) {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.every((item) => (isObject(item) ? Object.keys(item).length === 0 : isEmptyValue(item)));
  return false;
}

function badKey(key, where) {
  if (FORBIDDEN.has(key)) return `${where} uses the name "${key}", which is not allowed`;
  // Worksheet, field and sub-field ids, as the generator's model allows them (contract.js).
  if (!isId(key)) return `${where} has a name that is not a field id: "${String(key).slice(0, 40)}"`;
  return null;
}

function checkScalar(value, where) {
  if (typeof value === "string") return value.length > MAX_TEXT ? `${where} is too long` : null;
  if (typeof value === "number") return Number.isFinite(value) ? null : `${where} is not a finite number`;
  return `${where} should be text or a number, not ${describe(value)}`;
}

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Why an answer value is not one the workbook writes, or null if it is. */
export function checkValue(value, where) {
  if (!Array.isArray(value)) return checkScalar(value, where);
  if (value.length > MAX_ITEMS) return `${where} has too many items`;
  const objects = value.filter(isObject).length;
  if (objects && objects !== value.length) return `${where} mixes rows and plain items`;
  for (const [i, item] of value.entries()) {
    const at = `${where}[${i}]`;
    if (!isObject(item)) {
      if (typeof item !== "string") return `${at} should be text, not ${describe(item)}`;
      const error = checkScalar(item, at);
      if (error) return error;
      continue;
    }
    for (const [key, sub] of Object.entries(item)) {
      const error = badKey(key, at) || (Array.isArray(sub)
        ? (sub.every((s) => typeof s === "string") ? null : `${at}.${key} should be a list of text`)
        : checkScalar(sub, `${at}.${key}`));
      if (error) return error;
    }
  }
  return null;
}

/** Every problem with a `worksheets` map (stored or imported), or [] when it is sound. */
export function checkWorksheets(worksheets) {
  if (!isObject(worksheets)) return [`"worksheets" should be an object, not ${describe(worksheets)}`];
  const errors = [];
  for (const [id, record] of Object.entries(worksheets)) {
    const where = `worksheet "${String(id).slice(0, 40)}"`;
    const key = badKey(id, "a worksheet");
    if (key) { errors.push(key); continue; }
    if (!isObject(record)) { errors.push(`${where} should be an object`); continue; }
    for (const k of Object.keys(record)) {
      if (!["answers", "updated", "earlier"].includes(k)) errors.push(`${where} has an unknown entry "${String(k).slice(0, 40)}"`);
    }
    if (own(record, "updated") && typeof record.updated !== "string") errors.push(`${where}: "updated" should be a date as text`);
    for (const bucket of ["answers", "earlier"]) {
      if (!own(record, bucket)) {
        if (bucket === "answers") errors.push(`${where} has no answers`);
        continue;
      }
      if (!isObject(record[bucket])) { errors.push(`${where}: "${bucket}" should be an object`); continue; }
      for (const [field, value] of Object.entries(record[bucket])) {
        const error = badKey(field, where) || checkValue(value, `${where}, answer "${field}"`);
        if (error) errors.push(error);
      }
    }
    if (errors.length > 20) break;
  }
  return errors;
}

/**
 * Problems with one worksheet record a page is about to save, as
 * [{field, error}] (field null for the record's shape), or [] when it is
 * sound: the same rules as loading (checkWorksheets), so what is saved loads.
 */
export function checkRecord(id, record) {
  if (!record) return [];
  return checkWorksheets({ [id]: record }).map((error) => ({ field: fieldOfError(record, error), error }));
}

function fieldOfError(record, error) {
  for (const bucket of ["answers", "earlier"]) {
    for (const field of Object.keys(isObject(record[bucket]) ? record[bucket] : {})) {
      if (error.includes(`answer "${field}"`)) return field;
    }
  }
  return null;
}

/**
 * The sound part of a `worksheets` map whose checkWorksheets found problems:
 * a bad answer is left out, a worksheet whose own shape is bad is left out,
 * everything else is kept. The caller sets the whole stored text aside first
 * (byte for byte), so what is left out here is not lost.
 */
export function salvageWorksheets(worksheets) {
  const kept = {};
  for (const [id, record] of Object.entries(worksheets)) {
    if (badKey(id, "a worksheet") || !isObject(record)) continue;
    const next = {};
    if (typeof record.updated === "string") next.updated = record.updated;
    for (const bucket of ["answers", "earlier"]) {
      if (!isObject(record[bucket])) continue;
      const sound = Object.entries(record[bucket]).filter(([field, value]) => !badKey(field, "") && !checkValue(value, ""));
      if (sound.length || bucket === "answers") next[bucket] = Object.fromEntries(sound);
    }
    if (!next.answers) next.answers = {};
    if (Object.keys(next.answers).length || next.earlier) kept[id] = next;
  }
  return clone(kept);
}

/** Whether two checked values hold the same data (the stored form compared: key order counts, as it does on disk). */
export const sameValue = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** A deep copy made of fresh plain objects (only ever called on checked data). */
export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// ---------------------------------------------------------------- stored data

const NEWER = "the saved answers were written by a newer version of the workbook";

/**
 * Decide what to do with the raw text under KEY.
 * Returns {status: "empty"} | {status: "ok", data, migrated, damaged?} (damaged:
 * some answers were left out of data; set the raw text aside before writing) | {status: "locked", envelope, idleMinutes}
 * | {status: "newer", reason} (leave it alone, read-only) | {status: "quarantine", reason}.
 */
export function parseStored(raw) {
  if (raw === null || raw === undefined || raw === "") return { status: "empty", data: emptyWorkbook() };
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { status: "quarantine", reason: "the saved answers could not be read (they are not valid JSON)" };
  }
  if (!isObject(parsed)) return { status: "quarantine", reason: "the saved answers are not in the expected shape" };
  // Written by a newer workbook (a tab left open across an update, or a
  // rollback): readable by that code, not by this one. Not damaged, so not
  // set aside: the page goes read-only and never writes over it.
  if (Number.isInteger(parsed.version) && parsed.version > VERSION) return { status: "newer", reason: NEWER, data: emptyWorkbook() };
  if (own(parsed, "locked") && isObject(parsed.locked) && Number.isInteger(parsed.locked.v) && parsed.locked.v > ENVELOPE_VERSION) {
    return { status: "newer", reason: NEWER, data: emptyWorkbook() };
  }
  // Locked (passphrase set): {version, locked: envelope, idle_minutes}. The
  // envelope holds this same stored text, encrypted; migrations apply to it
  // once it is decrypted (parseStored again), so the outer shape stays.
  if (own(parsed, "locked") && Number.isInteger(parsed.version) && parsed.version >= 1 && parsed.version <= VERSION) {
    const extra = Object.keys(parsed).find((k) => !LOCKED_KEYS.includes(k));
    const idle = own(parsed, "idle_minutes") ? parsed.idle_minutes : DEFAULT_IDLE;
    const error = extra !== undefined
      ? `the locked answers have an unknown entry "${String(extra).slice(0, 40)}"`
      : checkEnvelope(parsed.locked) || (Number.isInteger(idle) && idle >= 0 && idle <= 1440 ? null : "the lock's idle time is not a number of minutes");
    if (error) return { status: "quarantine", reason: error };
    return { status: "locked", envelope: clone(parsed.locked), idleMinutes: idle, data: emptyWorkbook() };
  }
  let version = parsed.version;
  let migrated = false;
  while (Number.isInteger(version) && version < VERSION && MIGRATIONS[version]) {
    parsed = MIGRATIONS[version](parsed);
    version = parsed.version;
    migrated = true;
  }
  if (version !== VERSION) {
    return { status: "quarantine", reason: `the saved answers are from a version of the workbook this page does not know (version ${JSON.stringify(version)?.slice(0, 20)})` };
  }
  const errors = checkWorksheets(parsed.worksheets);
  if (errors.length && !isObject(parsed.worksheets)) return { status: "quarantine", reason: `the saved answers are damaged: ${errors[0]}` };
  // Only some answers are bad (too long, a wrong type): the rest opens as
  // usual and `damaged` says why the caller must set the text aside first.
  if (errors.length) {
    return { status: "ok", data: { version: VERSION, worksheets: salvageWorksheets(parsed.worksheets) }, migrated, damaged: `some saved answers could not be used: ${errors[0]}` };
  }
  return { status: "ok", data: { version: VERSION, worksheets: clone(parsed.worksheets) }, migrated };
}

export const quarantineKey = (isoTime) => QUARANTINE_PREFIX + isoTime;
