// The only code that touches localStorage. Everything a person types is kept
// under one versioned key; nothing they wrote is ever dropped silently.
//
// The top half is pure functions (parse, validate, migrate, merge, export,
// import checks, answer <-> control mapping), tested under `node --test`.
// The bottom half is the store: an in-memory copy of the workbook, saved
// through a small storage adapter that turns every storage failure (full,
// disabled, private mode) into a status instead of an exception.
// With a passphrase set, the store keeps the key in memory and writes the
// workbook encrypted (lock.js); see "the lock" below.

import { ITERATIONS, checkEnvelope, decrypt, encrypt, newKey, open, toBase64 } from "./lock.js";

export const KEY = "workbook:v1";
export const QUARANTINE_PREFIX = "workbook:quarantine:";
export const VERSION = 1;
export const FORMAT = "therapy-goals-workbook";
export const WORKBOOK_VERSION = "0.1.0";
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
// Lock after this many idle minutes (0: never); kept beside the envelope.
export const IDLE_CHOICES = [5, 15, 30, 60, 0];
export const DEFAULT_IDLE = 15;

// Worksheet, field and sub-field ids, as the generator's model allows them.
const ID = /^[a-z][a-z0-9_-]{0,63}$/;
// Names that could reach Object.prototype if a careless reader assigned them.
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);
const MAX_TEXT = 200_000;
const MAX_ITEMS = 1000;

// Migrations from an older stored version to the next one: {fromVersion: fn}.
// Version 1 is the first; add an entry here with every bump.
const MIGRATIONS = {};
const LOCKED_KEYS = ["version", "locked", "idle_minutes"];

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

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
  if (!ID.test(key)) return `${where} has a name that is not a field id: "${String(key).slice(0, 40)}"`;
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

/** A deep copy made of fresh plain objects (only ever called on checked data). */
export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// ---------------------------------------------------------------- stored data

/**
 * Decide what to do with the raw text under KEY.
 * Returns {status: "empty"} | {status: "ok", data, migrated} | {status: "quarantine", reason}.
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
  if (errors.length) return { status: "quarantine", reason: `the saved answers are damaged: ${errors[0]}` };
  return { status: "ok", data: { version: VERSION, worksheets: clone(parsed.worksheets) }, migrated };
}

export const quarantineKey = (isoTime) => QUARANTINE_PREFIX + isoTime;

// ---------------------------------------------------------------- export and import

/** The export file's object: the whole workbook, or only the worksheets named in `ids`. */
export function buildExport(data, now, ids = null) {
  const worksheets = {};
  for (const [id, record] of Object.entries(data.worksheets)) {
    if (!ids || ids.includes(id)) worksheets[id] = clone(record);
  }
  return { format: FORMAT, version: VERSION, exported_at: now, workbook_version: WORKBOOK_VERSION, worksheets };
}

/** An encrypted export file: the plain export's JSON text, sealed in `envelope`. */
export function buildEncryptedExport(envelope, now) {
  return { format: FORMAT, version: VERSION, exported_at: now, workbook_version: WORKBOOK_VERSION, encrypted: clone(envelope) };
}

export const exportFileName = (now, id = null) => `therapy-goals-${id || "workbook"}-${now.slice(0, 10)}.json`;

/**
 * Check an import file's text before anything changes.
 * Returns {ok: true, worksheets} or {ok: false, error} with a sentence a person can act on.
 */
export function validateImport(text, byteLength = text.length, { allowEncrypted = true } = {}) {
  if (byteLength > MAX_IMPORT_BYTES) {
    return { ok: false, error: `This file is too big (${(byteLength / 1048576).toFixed(1)} MB). A workbook export is much smaller; the limit is 5 MB. Nothing was changed.` };
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: "This file is not a workbook export: it is not JSON. Nothing was changed." };
  }
  if (!isObject(parsed) || parsed.format !== FORMAT) {
    return { ok: false, error: "This file is not a Therapy Goals Workbook export. Nothing was changed." };
  }
  if (parsed.version !== VERSION && !(Number.isInteger(parsed.version) && MIGRATIONS[parsed.version])) {
    return { ok: false, error: `This export is version ${JSON.stringify(parsed.version)?.slice(0, 20)}, which this workbook cannot read (it reads version ${VERSION}). Nothing was changed.` };
  }
  // An encrypted export: the caller asks for the passphrase, decrypts, and
  // checks the text inside with allowEncrypted false (no files in files).
  if (own(parsed, "encrypted")) {
    if (!allowEncrypted) return { ok: false, error: "This file cannot be imported: it holds another encrypted file. Nothing was changed." };
    const error = checkEnvelope(parsed.encrypted);
    if (error) return { ok: false, error: `This encrypted export cannot be opened: ${error.replace(/^the locked data/, "its encryption")}. Nothing was changed.` };
    return { ok: true, encrypted: clone(parsed.encrypted), exportedAt: typeof parsed.exported_at === "string" ? parsed.exported_at : null };
  }
  let body = parsed;
  while (body.version < VERSION) body = MIGRATIONS[body.version](body);
  const errors = checkWorksheets(body.worksheets);
  if (errors.length) {
    return { ok: false, error: `This file cannot be imported: ${errors[0]}. Nothing was changed.` };
  }
  return { ok: true, worksheets: clone(body.worksheets), exportedAt: typeof parsed.exported_at === "string" ? parsed.exported_at : null };
}

const answerIds = (record) => (record ? Object.keys(record.answers).filter((k) => !isEmptyValue(record.answers[k])) : []);

/**
 * What an import would do, per worksheet, as data the page turns into text.
 * `scope` is null (whole workbook) or a list of worksheet ids.
 */
export function importPreview(current, incoming, scope = null) {
  const inScope = (id) => !scope || scope.includes(id);
  const rows = [];
  for (const [id, record] of Object.entries(incoming)) {
    if (!inScope(id)) continue;
    const mine = current.worksheets[id];
    const theirs = answerIds(record);
    const overwritten = theirs.filter((f) => mine && own(mine.answers, f) && !isEmptyValue(mine.answers[f])
      && JSON.stringify(mine.answers[f]) !== JSON.stringify(record.answers[f]));
    const onlyMine = answerIds(mine).filter((f) => !theirs.includes(f));
    rows.push({ id, incoming: theirs.length, existing: answerIds(mine).length, overwritten, onlyMine });
  }
  const dropped = Object.keys(current.worksheets)
    .filter((id) => inScope(id) && !own(incoming, id) && answerIds(current.worksheets[id]).length)
    .map((id) => ({ id, existing: answerIds(current.worksheets[id]).length }));
  const skipped = Object.keys(incoming).filter((id) => !inScope(id));
  return { rows, dropped, skipped };
}

/**
 * The workbook after an import. "merge": the file's answers win field by
 * field, everything else is kept. "replace": the worksheets in scope become
 * exactly the file's. Worksheets out of scope are never touched.
 */
export function applyImport(current, incoming, mode, now, scope = null) {
  const inScope = (id) => !scope || scope.includes(id);
  const next = clone(current);
  if (mode === "replace") {
    for (const id of Object.keys(next.worksheets)) if (inScope(id)) delete next.worksheets[id];
  }
  for (const [id, record] of Object.entries(incoming)) {
    if (!inScope(id)) continue;
    const base = next.worksheets[id] || { answers: {} };
    const merged = { ...base, answers: { ...base.answers, ...clone(record.answers) }, updated: mode === "replace" && record.updated ? record.updated : now };
    if (record.earlier || base.earlier) merged.earlier = { ...(base.earlier || {}), ...clone(record.earlier || {}) };
    next.worksheets[id] = merged;
  }
  return next;
}

// ---------------------------------------------------------------- answers and form controls

/** `first_steps[2].step` -> {repeat: "first_steps", row: 2, sub: "step"}, else null. */
export function parseRowName(name) {
  const m = /^([a-z][a-z0-9_-]*)\[(\d+)\]\.([a-z][a-z0-9_-]*)$/.exec(name);
  return m ? { repeat: m[1], row: Number(m[2]), sub: m[3] } : null;
}

/**
 * The answer held by one field's controls (plain {type, value, checked}
 * objects or real inputs): text -> string, scale -> number, one choice ->
 * string, several -> array of strings. Undefined when nothing is filled.
 */
export function valueFromControls(kind, controls) {
  if (!controls.length) return undefined;
  if (kind === "checklist" || (kind === "choice" && controls[0].type === "checkbox")) {
    const picked = controls.filter((c) => c.checked).map((c) => c.value);
    return picked.length ? picked : undefined;
  }
  if (kind === "scale" || kind === "choice") {
    const picked = controls.find((c) => c.checked);
    if (!picked) return undefined;
    return kind === "scale" ? Number(picked.value) : picked.value;
  }
  const text = controls[0].value;
  return text === "" ? undefined : text;
}

/**
 * How to show a stored answer in a field's controls: {fits, states} where
 * states[i] is {value} or {checked} for controls[i]. `fits` is false when the
 * controls cannot show all of it (a field changed kind, an option is gone):
 * the caller keeps the stored value rather than overwrite it.
 */
export function controlsForValue(kind, value, controls) {
  const empty = value === undefined || value === null;
  const multi = kind === "checklist" || (kind === "choice" && controls[0]?.type === "checkbox");
  if (multi) {
    const list = empty ? [] : value;
    if (!Array.isArray(list) || !list.every((v) => typeof v === "string")) return { fits: false, states: controls.map(() => ({ checked: false })) };
    const values = controls.map((c) => c.value);
    return { fits: list.every((v) => values.includes(v)), states: controls.map((c) => ({ checked: list.includes(c.value) })) };
  }
  if (kind === "scale" || kind === "choice") {
    const ok = empty || (kind === "scale" ? typeof value === "number" : typeof value === "string");
    const hit = ok && !empty && controls.some((c) => c.value === String(value));
    return { fits: empty || hit, states: controls.map((c) => ({ checked: hit && c.value === String(value) })) };
  }
  const ok = empty || typeof value === "string" || typeof value === "number";
  return { fits: ok, states: controls.map((_, i) => ({ value: ok && !empty && i === 0 ? String(value) : "" })) };
}

/** Answers whose field id is not among `fieldIds`: kept, shown as earlier answers. */
export function orphanAnswers(answers, fieldIds) {
  const known = new Set(fieldIds);
  return Object.fromEntries(Object.entries(answers).filter(([id, v]) => !known.has(id) && !isEmptyValue(v)));
}

/** An answer as plain text, for the earlier-answers box, copying and previews. */
export function valueAsText(value) {
  if (value === undefined || value === null) return "";
  if (!Array.isArray(value)) return String(value);
  if (value.every((v) => !isObject(v))) return value.map(String).join(", ");
  return value
    .map((row, i) => `${i + 1}. ${Object.entries(row).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`).join("; ")}`)
    .join("\n");
}

/** Copy-friendly text of several answers: "label: value" blocks. */
export function answersAsText(answers) {
  return Object.entries(answers)
    .map(([id, value]) => {
      const text = valueAsText(value);
      return text.includes("\n") ? `${id}:\n${text}` : `${id}: ${text}`;
    })
    .join("\n\n");
}

/**
 * Move a stored answer a field can no longer show into the record's
 * `earlier` bucket before the field is overwritten. Pure: returns a new record.
 */
export function retireAnswer(record, fieldId) {
  if (!record || !own(record.answers, fieldId) || isEmptyValue(record.answers[fieldId])) return record;
  const earlier = { ...(record.earlier || {}) };
  let key = fieldId;
  for (let n = 2; own(earlier, key); n += 1) key = `${fieldId}-${n}`.slice(0, 64);
  earlier[key] = record.answers[fieldId];
  const answers = { ...record.answers };
  delete answers[fieldId];
  return { ...record, answers, earlier };
}

// ---------------------------------------------------------------- storage adapter

const isQuota = (e) => e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);

/**
 * Wrap a Storage (or a function returning one, which may throw on access).
 * Every method returns {ok, value?, error?}; error is "quota" or "unavailable".
 */
export function storageAdapter(source) {
  const storage = () => (typeof source === "function" ? source() : source);
  const attempt = (fn) => {
    try {
      return { ok: true, value: fn(storage()) };
    } catch (e) {
      return { ok: false, error: isQuota(e) ? "quota" : "unavailable" };
    }
  };
  return {
    get: (key) => attempt((s) => s.getItem(key)),
    set: (key, value) => attempt((s) => s.setItem(key, value)),
    remove: (key) => attempt((s) => s.removeItem(key)),
    keys: () => attempt((s) => Array.from({ length: s.length }, (_, i) => s.key(i))),
  };
}

// ---------------------------------------------------------------- the store

/**
 * The workbook in memory, saved through `adapter`. Status:
 *   storage: "ok" | "quota" | "unavailable" | "blocked" (bad data we could not set aside)
 *   quarantine: {key, raw, reason} when unreadable data was set aside on load.
 *   lockState: "none" (no passphrase) | "locked" (a passphrase is set and
 *     this tab has no key: no answers in memory) | "open" (key in memory).
 * Listeners get {type: "status"}, {type: "saved"}, {type: "lock"} (lockState
 * changed), or {type: "changed", ids, source} when answers changed under a
 * page: source "tab" (another tab saved), "here" (import, erase), "lock"
 * (the answers left memory) or "unlock" (they came back).
 *
 * The lock: with a passphrase set, KEY holds {version, locked: envelope,
 * idle_minutes} and the envelope holds the plain stored text, encrypted.
 * Encryption is async, so while open, saves are queued on one chain (one
 * task at a time, and a queued write takes the latest answers); setting,
 * changing and removing the passphrase run on the same chain, so an old key
 * never writes after a new one. Worksheets whose record here has not reached
 * storage are in `unsaved`: while locked (another tab set a passphrase, a
 * write failed) they wait in memory and win over the stored record, per
 * worksheet, once unlocked, as two tabs' plain saves do.
 */
export class Store {
  constructor(adapter, { now = () => new Date().toISOString(), iterations = ITERATIONS } = {}) {
    this.adapter = adapter;
    this.now = now;
    this.iterations = iterations;
    this.data = emptyWorkbook();
    this.storage = "ok";
    this.quarantine = null;
    this.saves = 0;
    this.listeners = new Set();
    this.flushers = new Set();
    this.lockState = "none";
    this.idleMinutes = DEFAULT_IDLE;
    this.vault = null; // {key, salt, saltText, iterations} while open
    this.lastRaw = null; // the locked text last written or read here
    this.unsaved = new Set();
    this.unsavedAll = false; // a whole-workbook write (import, replace) is pending
    this.chain = Promise.resolve();
    this.writeQueued = false;
  }

  /** Pages register a function that writes their not-yet-saved edits. */
  addFlusher(fn) {
    this.flushers.add(fn);
    return () => this.flushers.delete(fn);
  }

  /** Save every pending edit now (before export, import, erase, leaving). */
  flush() {
    for (const fn of [...this.flushers]) fn();
  }

  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(event) {
    for (const fn of [...this.listeners]) fn(event);
  }

  setStorage(state) {
    if (state !== this.storage) {
      this.storage = state;
      this.emit({ type: "status" });
    }
  }

  load() {
    const read = this.adapter.get(KEY);
    if (!read.ok) {
      this.setStorage("unavailable");
      return this;
    }
    const result = parseStored(read.value);
    if (result.status === "locked") {
      this.lockState = "locked";
      this.lastRaw = read.value;
      this.idleMinutes = result.idleMinutes;
      return this;
    }
    if (result.status !== "quarantine") {
      this.data = result.data;
      return this;
    }
    this.setAside(read.value, result.reason);
    if (this.quarantine.key) this.adapter.remove(KEY);
    this.emit({ type: "status" });
    return this;
  }

  /** Copy unreadable stored text, byte for byte, under a quarantine key. */
  setAside(raw, reason) {
    const key = quarantineKey(this.now());
    const kept = this.adapter.set(key, raw);
    this.quarantine = { key: kept.ok ? key : null, raw, reason };
    if (!kept.ok) this.storage = "blocked"; // never write over data we could not set aside
    return kept.ok;
  }

  worksheet(id) {
    return clone(this.data.worksheets[id]) || { answers: {} };
  }

  /** Replace one worksheet's record in memory (and save it). */
  put(id, record) {
    const current = this.data.worksheets[id];
    const same = (a, b) => JSON.stringify(a || {}) === JSON.stringify(b || {});
    if (current && record && same(current.answers, record.answers) && same(current.earlier, record.earlier) && this.storage === "ok") {
      return { ok: true, value: "unchanged" };
    }
    if (record && (Object.keys(record.answers).length || Object.keys(record.earlier || {}).length)) {
      this.data.worksheets[id] = { ...clone(record), updated: this.now() };
    } else {
      delete this.data.worksheets[id];
    }
    return this.save([id]);
  }

  /** Set one field's answer (for other modules, e.g. the tracker). */
  setField(id, fieldId, value) {
    const record = this.worksheet(id);
    if (isEmptyValue(value)) delete record.answers[fieldId];
    else record.answers[fieldId] = clone(value);
    return this.put(id, record);
  }

  markUnsaved(ids) {
    if (!ids) this.unsavedAll = true;
    for (const id of ids || Object.keys(this.data.worksheets)) this.unsaved.add(id);
  }

  /**
   * Write the named worksheets (null: all). Read-modify-write, so another
   * tab's saves to other worksheets survive. With a passphrase set the write
   * is queued and encrypted; {ok: true, value: "pending"} then means queued.
   */
  save(ids = null) {
    if (this.storage === "blocked") return { ok: false, error: "blocked" };
    if (this.lockState !== "none") {
      this.markUnsaved(ids);
      if (this.lockState === "locked") return { ok: false, error: "locked" };
      this.queueWrite();
      return { ok: true, value: "pending" };
    }
    let base = this.data;
    const read = this.adapter.get(KEY);
    const parsed = read.ok ? parseStored(read.value) : null;
    if (parsed?.status === "locked") {
      // Another tab set a passphrase: never write plain text over it.
      this.markUnsaved(ids);
      this.becomeLocked(read.value, parsed);
      return { ok: false, error: "locked" };
    }
    const todo = ids && !this.unsavedAll ? [...new Set([...ids, ...this.unsaved])] : null;
    if (todo && parsed && parsed.status !== "quarantine") {
      base = parsed.data;
      for (const id of todo) {
        if (this.data.worksheets[id]) base.worksheets[id] = this.data.worksheets[id];
        else delete base.worksheets[id];
      }
    }
    const result = Object.keys(base.worksheets).length
      ? this.adapter.set(KEY, JSON.stringify(base))
      : this.adapter.remove(KEY);
    if (result.ok) {
      this.data = base;
      this.unsaved.clear();
      this.unsavedAll = false;
      this.saves += 1;
      this.setStorage("ok");
      this.emit({ type: "saved" });
    } else {
      this.markUnsaved(ids);
      this.setStorage(result.error);
    }
    return result;
  }

  /** The whole workbook becomes `data` (import, erase). */
  replace(data) {
    const ids = new Set([...Object.keys(this.data.worksheets), ...Object.keys(data.worksheets)]);
    this.data = clone(data);
    const result = this.save(null);
    this.emit({ type: "changed", ids: [...ids], source: "here" });
    return result;
  }

  /** Erase one worksheet, or everything (with set-aside copies, and the passphrase) when id is null. */
  erase(id = null) {
    if (id) {
      const result = this.put(id, null);
      this.emit({ type: "changed", ids: [id], source: "here" });
      return result;
    }
    const ids = Object.keys(this.data.worksheets);
    this.data = emptyWorkbook();
    this.unsaved.clear();
    this.unsavedAll = false;
    const wasLocked = this.lockState !== "none";
    this.vault = null;
    this.lockState = "none";
    this.lastRaw = null;
    const removed = this.quarantineKeys().filter((key) => this.adapter.remove(key).ok).length;
    const result = this.adapter.remove(KEY);
    if (result.ok) this.setStorage("ok");
    if (wasLocked) this.emit({ type: "lock" });
    this.emit({ type: "changed", ids, source: "here" });
    return { ...result, removedCopies: removed };
  }

  quarantineKeys() {
    const keys = this.adapter.keys();
    return keys.ok ? keys.value.filter((k) => k && k.startsWith(QUARANTINE_PREFIX)).sort() : [];
  }

  readRaw(key) {
    const read = this.adapter.get(key);
    return read.ok ? read.value : null;
  }

  /** Another tab changed KEY (a `storage` event): take its data if it is sound. */
  external(raw) {
    const result = parseStored(raw);
    if (result.status === "quarantine") return undefined;
    if (result.status === "locked") return this.externalLocked(raw, result);
    if (this.lockState !== "none") return this.becomePlain(result.data); // removed or erased in another tab
    this.applyExternal(result.data);
    return undefined;
  }

  /** Take `data` as the stored workbook, keeping worksheets not yet saved from here. */
  applyExternal(data, source = "tab") {
    const before = this.data.worksheets;
    const next = clone(data);
    for (const id of this.unsaved) {
      if (before[id]) next.worksheets[id] = before[id];
      else delete next.worksheets[id];
    }
    this.data = next;
    const ids = new Set([...Object.keys(before), ...Object.keys(next.worksheets)]);
    const changed = [...ids].filter((id) => JSON.stringify(before[id]) !== JSON.stringify(next.worksheets[id]));
    if (changed.length) this.emit({ type: "changed", ids: changed, source });
  }

  // ------------------------------------------------------------ the lock

  /** Run `task` after every queued write and lock task (one at a time). */
  run(task) {
    const done = this.chain.then(task);
    this.chain = done.catch((error) => console.error("workbook:", error));
    return done;
  }

  /** Resolves when every queued write has finished. */
  async whenSaved() {
    let seen;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
  }

  lockedText(envelope) {
    return JSON.stringify({ version: VERSION, locked: envelope, idle_minutes: this.idleMinutes });
  }

  queueWrite() {
    if (this.writeQueued) return;
    this.writeQueued = true;
    this.run(async () => {
      this.writeQueued = false;
      await this.writeEncrypted();
    });
  }

  async writeEncrypted() {
    const vault = this.vault;
    if (!vault || this.lockState !== "open") return;
    const all = this.unsavedAll;
    const ids = [...this.unsaved];
    const mine = clone(this.data);
    this.unsaved.clear();
    this.unsavedAll = false;
    const giveBack = () => {
      for (const id of ids) this.unsaved.add(id);
      if (all) this.unsavedAll = true;
    };
    try {
      let base = mine;
      const read = all ? { ok: false } : this.adapter.get(KEY);
      if (read.ok && read.value !== this.lastRaw) {
        const parsed = parseStored(read.value);
        if (parsed.status === "locked") {
          let text = null;
          if (parsed.envelope.salt === vault.saltText) text = await decrypt(vault.key, parsed.envelope).catch(() => null);
          const inner = text === null ? null : parseStored(text);
          if (!inner || inner.status !== "ok") { // another passphrase now
            giveBack();
            if (this.vault === vault) this.becomeLocked(read.value, parsed);
            return;
          }
          base = inner.data;
        } else if (parsed.status === "ok" && read.value !== null) { // the passphrase was removed in another tab
          giveBack();
          if (this.vault === vault) this.becomePlain(parsed.data);
          return;
        } else {
          base = emptyWorkbook(); // erased or unreadable: never go back to plain text on our own
        }
        for (const id of ids) {
          if (mine.worksheets[id]) base.worksheets[id] = mine.worksheets[id];
          else delete base.worksheets[id];
        }
      }
      const envelope = await encrypt(vault.key, JSON.stringify(base), vault.salt, vault.iterations);
      if (this.vault !== vault) { // locked or erased meanwhile
        giveBack();
        return;
      }
      const raw = this.lockedText(envelope);
      const result = this.adapter.set(KEY, raw);
      if (!result.ok) {
        giveBack();
        this.setStorage(result.error);
        return;
      }
      this.lastRaw = raw;
      if (!this.unsavedAll) {
        for (const id of new Set([...Object.keys(base.worksheets), ...Object.keys(this.data.worksheets)])) {
          if (this.unsaved.has(id)) continue; // edited while this write ran: the next write takes it
          if (base.worksheets[id]) this.data.worksheets[id] = base.worksheets[id];
          else delete this.data.worksheets[id];
        }
      }
      this.saves += 1;
      this.setStorage("ok");
      this.emit({ type: "saved" });
    } catch (error) {
      giveBack();
      this.setStorage("unavailable");
      throw error;
    }
  }

  externalLocked(raw, parsed) {
    if (this.lockState === "none") return this.becomeLocked(raw, parsed);
    this.idleMinutes = parsed.idleMinutes;
    if (this.lockState === "locked") {
      this.lastRaw = raw;
      return undefined;
    }
    if (raw === this.lastRaw) return undefined;
    const vault = this.vault;
    if (parsed.envelope.salt !== vault.saltText) return this.becomeLocked(raw, parsed);
    return this.run(async () => {
      if (this.vault !== vault || this.readRaw(KEY) !== raw) return; // storage moved on: its own event follows
      const text = await decrypt(vault.key, parsed.envelope).catch(() => null);
      if (this.vault !== vault) return;
      const inner = text === null ? null : parseStored(text);
      if (!inner || inner.status !== "ok") {
        this.becomeLocked(raw, parsed);
        return;
      }
      this.lastRaw = raw;
      this.applyExternal(inner.data);
    });
  }

  /** A passphrase is set (here or in another tab): pages hand over their edits, then the answers leave memory. */
  becomeLocked(raw, parsed) {
    this.lastRaw = raw;
    this.idleMinutes = parsed.idleMinutes;
    if (this.lockState === "locked") return;
    this.lockState = "locked";
    this.vault = null;
    this.flush(); // edits typed here join `unsaved`
    const ids = Object.keys(this.data.worksheets);
    if (!this.unsavedAll) {
      const kept = emptyWorkbook();
      for (const id of this.unsaved) if (this.data.worksheets[id]) kept.worksheets[id] = this.data.worksheets[id];
      this.data = kept;
    }
    this.emit({ type: "lock" });
    this.emit({ type: "changed", ids, source: "lock" });
  }

  becomePlain(data) {
    this.vault = null;
    this.lockState = "none";
    this.lastRaw = null;
    this.emit({ type: "lock" });
    this.applyExternal(data, "unlock");
    if (this.unsaved.size || this.unsavedAll) this.save(this.unsavedAll ? null : [...this.unsaved]);
  }

  /** Open the stored answers: {ok: true} or {ok: false, error: "wrong" | "unreadable"}. */
  async unlock(passphrase) {
    if (this.lockState !== "locked") return { ok: true };
    const read = this.adapter.get(KEY);
    const parsed = read.ok ? parseStored(read.value) : null;
    if (!parsed || parsed.status !== "locked") {
      if (parsed && parsed.status !== "quarantine") {
        this.becomePlain(parsed.data); // removed or erased in another tab meanwhile
        return { ok: true };
      }
      return { ok: false, error: "unreadable" };
    }
    const opened = await open(passphrase, parsed.envelope);
    if (!opened.ok) return { ok: false, error: "wrong" };
    if (this.lockState !== "locked") return { ok: true };
    if (this.readRaw(KEY) !== read.value) return this.unlock(passphrase); // another tab saved meanwhile
    let vault = { key: opened.key, salt: opened.salt, saltText: parsed.envelope.salt, iterations: opened.iterations };
    let rewrite = false;
    if (opened.iterations < this.iterations) { // written with fewer rounds than this page uses: re-key now
      const fresh = await newKey(passphrase, this.iterations);
      if (this.lockState !== "locked") return { ok: true };
      vault = { ...fresh, saltText: toBase64(fresh.salt) };
      rewrite = true;
    }
    let inner = parseStored(opened.text);
    if (inner.status === "locked") inner = { status: "quarantine", reason: "the locked answers hold another lock" };
    if (inner.status === "quarantine") {
      // Decrypted but not readable here (a newer workbook wrote it): set the
      // encrypted text aside as it is and start clean, still encrypted.
      this.setAside(read.value, inner.reason);
      this.emit({ type: "status" });
      rewrite = true;
    }
    const base = inner.status === "quarantine" ? emptyWorkbook() : inner.data;
    this.vault = vault;
    this.lastRaw = rewrite ? null : read.value;
    this.idleMinutes = parsed.idleMinutes;
    this.lockState = "open";
    const held = this.unsavedAll ? this.data : null;
    this.emit({ type: "lock" });
    this.applyExternal(held || base, "unlock");
    if (rewrite) this.unsavedAll = true;
    if (this.unsaved.size || this.unsavedAll) this.queueWrite();
    return { ok: true };
  }

  /** Forget the key and the answers here, after the last write has finished. */
  async lockNow() {
    if (this.lockState !== "open") return;
    this.flush();
    await this.whenSaved();
    if (this.lockState !== "open") return;
    const read = this.adapter.get(KEY);
    const parsed = read.ok ? parseStored(read.value) : null;
    this.becomeLocked(read.ok ? read.value : this.lastRaw, parsed?.status === "locked" ? parsed : { idleMinutes: this.idleMinutes });
  }

  /** True when `passphrase` opens what this tab last wrote (before change or remove). */
  async checkPassphrase(passphrase) {
    if (this.lockState !== "open") return false;
    await this.whenSaved();
    const parsed = parseStored(this.lastRaw ?? this.readRaw(KEY));
    if (parsed.status !== "locked") return false;
    return (await open(passphrase, parsed.envelope)).ok;
  }

  /**
   * Set a passphrase (from "none") or change it (from "open"): a new salt and
   * key, everything re-encrypted in one write. {ok} or {ok: false, error}.
   */
  setPassphrase(passphrase) {
    if (this.lockState === "locked") return Promise.resolve({ ok: false, error: "locked" });
    if (this.storage === "blocked") return Promise.resolve({ ok: false, error: "blocked" });
    this.flush();
    return this.run(async () => {
      const fresh = await newKey(passphrase, this.iterations);
      if (this.lockState === "locked") return { ok: false, error: "locked" };
      if (this.lockState === "none") {
        const read = this.adapter.get(KEY);
        const parsed = read.ok ? parseStored(read.value) : null;
        if (parsed?.status === "locked") { // another tab set one meanwhile
          this.becomeLocked(read.value, parsed);
          return { ok: false, error: "locked" };
        }
      }
      let text;
      let envelope;
      do { // plain saves may land while this encrypts: take the latest
        text = JSON.stringify(this.data);
        envelope = await encrypt(fresh.key, text, fresh.salt, fresh.iterations);
      } while (text !== JSON.stringify(this.data));
      const raw = this.lockedText(envelope);
      const result = this.adapter.set(KEY, raw);
      if (!result.ok) {
        this.setStorage(result.error);
        return { ok: false, error: result.error };
      }
      this.vault = { ...fresh, saltText: envelope.salt };
      this.lastRaw = raw;
      this.unsaved.clear();
      this.unsavedAll = false;
      this.setStorage("ok");
      if (this.lockState !== "open") {
        this.lockState = "open";
        this.emit({ type: "lock" });
      }
      return { ok: true };
    });
  }

  /** Remove the passphrase: every answer is written back as plain text. */
  removePassphrase() {
    if (this.lockState !== "open") return Promise.resolve({ ok: false, error: this.lockState });
    this.flush();
    return this.run(async () => {
      if (this.lockState !== "open") return { ok: false, error: this.lockState };
      const result = this.adapter.set(KEY, JSON.stringify(this.data));
      if (!result.ok) {
        this.setStorage(result.error);
        return { ok: false, error: result.error };
      }
      this.vault = null;
      this.lockState = "none";
      this.lastRaw = null;
      this.unsaved.clear();
      this.unsavedAll = false;
      this.setStorage("ok");
      this.emit({ type: "lock" });
      return { ok: true };
    });
  }

  /** Lock after `minutes` idle (0: never); saved beside the envelope. */
  setIdle(minutes) {
    this.idleMinutes = minutes;
    if (this.lockState === "open") this.queueWrite();
    return this.whenSaved();
  }

  /** An encrypted export file (the plain export object sealed with this tab's key). */
  async sealExport(body) {
    if (this.lockState !== "open") throw new Error("the workbook is locked");
    const vault = this.vault;
    return buildEncryptedExport(await encrypt(vault.key, JSON.stringify(body), vault.salt, vault.iterations), body.exported_at);
  }
}
