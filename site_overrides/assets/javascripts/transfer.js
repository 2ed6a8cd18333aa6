// Export and import: the export file's shape (plain, or sealed with the
// workbook's passphrase), the checks an import file passes before anything
// changes, the preview of what it would overwrite, and merge or replace.
// Pure functions over the stored format (format.js); tools.js is their page.

import { checkEnvelope } from "./lock.js";
import { earlierKey } from "./answers.js";
import {
  FORMAT, MIGRATIONS, VERSION, WORKBOOK_VERSION, checkWorksheets, clone, isEmptyValue, isObject, own, parseStored,
} from "./format.js";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;


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

// ---------------------------------------------------------------- tracker lists

const ENTRY_KEYS = ["date", "rating", "note"];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a tracker's stored list: {date, rating, note?} entries (tracker.js). */
export const isEntryList = (value) => Array.isArray(value) && value.length > 0 && value.every((e) => isObject(e)
  && typeof e.date === "string" && ISO_DAY.test(e.date) && typeof e.rating === "number"
  && Object.keys(e).every((k) => ENTRY_KEYS.includes(k)));

/**
 * Two tracker lists as one: {list, displaced}. One entry per date, as the
 * tracker allows (it refuses to save a list with two ratings on one date):
 * the file's where both have one. Mine, when it differs, is `displaced`, and
 * the caller keeps it in the worksheet's `earlier` map. Merge must not drop
 * the ratings added on this device since the file was made.
 */
export function joinEntries(mine, theirs) {
  const byDate = new Map(mine.map((e) => [e.date, e]));
  const displaced = [];
  for (const e of theirs) {
    const old = byDate.get(e.date);
    if (old && JSON.stringify(old) !== JSON.stringify(e) && !displaced.includes(old)) displaced.push(old);
    byDate.set(e.date, e);
  }
  // Two entries on one date in one list (older data): the one not kept is displaced, not dropped.
  const list = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const kept = new Set(list.map((e) => JSON.stringify(e)));
  for (const e of mine) if (!kept.has(JSON.stringify(e)) && !displaced.includes(e)) displaced.push(e);
  return { list: clone(list), displaced: clone(displaced) };
}

/** The joined list only (joinEntries). */
export const mergeEntries = (mine, theirs) => joinEntries(mine, theirs).list;

// ---------------------------------------------------------------- preview and apply

/**
 * A field's name for people: its label from the worksheet index
 * (`names[worksheetId].labels`), else its id with spaces.
 */
export function fieldLabel(names, worksheetId, fieldId) {
  const label = names?.[worksheetId]?.labels?.[fieldId];
  return typeof label === "string" && label ? label : fieldId.replace(/[_-]+/g, " ");
}

/** A worksheet's title from the index, else its id. */
export const worksheetTitle = (names, worksheetId) => {
  const title = names?.[worksheetId]?.title;
  return typeof title === "string" && title ? title : worksheetId;
};

/**
 * Check a set-aside copy (raw stored text the workbook once could not use,
 * format.js) as validateImport checks a file, so the Privacy page can import
 * it: {ok, worksheets} | {ok, encrypted} (a locked copy: ask its passphrase,
 * then check the text inside with allowEncrypted false) | {ok: false, error}.
 */
export function validateSetAside(text, byteLength = text.length, { allowEncrypted = true } = {}) {
  if (byteLength > MAX_IMPORT_BYTES) return validateImport(text, byteLength);
  const parsed = parseStored(text);
  // Some answers bad (too long, a wrong type): the sound ones import, `leftOut` says why the rest did not.
  if (parsed.status === "ok") return { ok: true, worksheets: clone(parsed.data.worksheets), exportedAt: null, leftOut: parsed.damaged || null };
  if (parsed.status === "locked" && allowEncrypted) return { ok: true, encrypted: parsed.envelope, idleMinutes: parsed.idleMinutes, exportedAt: null };
  if (parsed.status === "newer") return { ok: false, error: "This copy was saved by a newer version of the workbook. Reload the page to get it, then import the copy again. Nothing was changed." };
  if (parsed.status === "empty") return { ok: false, error: "This copy is empty. Nothing was changed." };
  const reason = parsed.reason || "it holds another locked copy";
  return { ok: false, error: `This copy cannot be imported: ${reason}. Download it to keep it. Nothing was changed.` };
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
    const differs = theirs.filter((f) => mine && own(mine.answers, f) && !isEmptyValue(mine.answers[f])
      && JSON.stringify(mine.answers[f]) !== JSON.stringify(record.answers[f]));
    // Tracker lists on both sides are joined by Merge (mergeEntries), overwritten only by Replace.
    const joined = differs.filter((f) => isEntryList(mine.answers[f]) && isEntryList(record.answers[f]));
    const overwritten = differs.filter((f) => !joined.includes(f));
    const onlyMine = answerIds(mine).filter((f) => !theirs.includes(f));
    rows.push({ id, incoming: theirs.length, existing: answerIds(mine).length, overwritten, onlyMine, joined });
  }
  const dropped = Object.keys(current.worksheets)
    .filter((id) => inScope(id) && !own(incoming, id) && answerIds(current.worksheets[id]).length)
    .map((id) => ({ id, existing: answerIds(current.worksheets[id]).length }));
  const skipped = Object.keys(incoming).filter((id) => !inScope(id));
  return { rows, dropped, skipped };
}

/**
 * The workbook after an import. "merge": the file's answers win field by
 * field, tracker lists are joined (mergeEntries), everything else is kept. "replace": the worksheets in scope become
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
    // Merge: an empty value in the file keeps my answer (the preview counts it as kept).
    const theirs = Object.entries(clone(record.answers)).filter(([, value]) => mode !== "merge" || !isEmptyValue(value));
    const answers = { ...base.answers, ...Object.fromEntries(theirs) };
    const earlier = { ...(base.earlier || {}) };
    if (mode === "merge") {
      for (const [f, value] of theirs) {
        if (!isEntryList(base.answers[f]) || !isEntryList(value)) continue;
        const { list, displaced } = joinEntries(base.answers[f], value);
        answers[f] = list;
        if (displaced.length) earlier[earlierKey(earlier, f)] = displaced; // my rating on a date the file also rated
      }
    }
    // Earlier answers on both sides: mine stay; a different one from the file is added under a new key.
    for (const [key, value] of Object.entries(clone(record.earlier || {}))) {
      if (!own(earlier, key)) earlier[key] = value;
      else if (JSON.stringify(earlier[key]) !== JSON.stringify(value)) earlier[earlierKey(earlier, key)] = value;
    }
    const merged = { ...base, answers, updated: mode === "replace" && record.updated ? record.updated : now };
    if (Object.keys(earlier).length) merged.earlier = earlier;
    else delete merged.earlier;
    next.worksheets[id] = merged;
  }
  return next;
}
