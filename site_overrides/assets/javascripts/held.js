// Edits a tab holds back when another tab erased everything (Erase all), so
// they are neither written into the erased store nor dropped without asking:
// the page asks (held-ui.js) and the store keeps or discards them. Two ways
// in: a tab that was locked (store.js becomePlain: its edits were meant to be
// saved encrypted) and a tab with edits not yet saved, locked or not
// (holdTyped: its pages' pending edits). The joining is pure (joinHeld), so
// it runs under node --test.

import { clone, isEmptyValue, sameValue } from "./format.js";
import { earlierKey, retireAnswer } from "./answers.js";

const hasAnswers = (record) => Boolean(record) && (Object.keys(record.answers || {}).length > 0 || Object.keys(record.earlier || {}).length > 0);

/**
 * The workbook `data` with the `held` records ({id: record}) joined in,
 * worksheet by worksheet. A worksheet with no record in `data` takes the
 * held one as it is. Otherwise each held answer is written over the field,
 * and a different answer stored there (another tab's, or typed since) moves
 * to the record's `earlier` first; held earlier answers are added. Nothing in
 * either is dropped. Pure: returns new data.
 */
export function joinHeld(data, held) {
  const next = clone(data);
  for (const [id, record] of Object.entries(held || {})) {
    if (!hasAnswers(record)) continue;
    let current = next.worksheets[id];
    if (!current) {
      next.worksheets[id] = clone(record);
      continue;
    }
    for (const [fieldId, value] of Object.entries(record.answers || {})) {
      if (!sameValue(current.answers?.[fieldId], value)) current = retireAnswer(current, fieldId);
      if (!isEmptyValue(value)) current = { ...current, answers: { ...current.answers, [fieldId]: clone(value) } };
    }
    const earlier = { ...(current.earlier || {}) };
    for (const [key, value] of Object.entries(record.earlier || {})) {
      if (!Object.values(earlier).some((v) => sameValue(v, value))) earlier[earlierKey(earlier, key)] = clone(value);
    }
    if (Object.keys(earlier).length) current = { ...current, earlier };
    next.worksheets[id] = current;
  }
  return next;
}

/**
 * What `record` changed from `before` (the stored record the edits were made on): the answers that
 * differ, not empty, and the earlier answers `before` lacks. An edit held after an erase elsewhere
 * is only this, so Keep brings back no erased saved answer. Pure.
 */
export function editsOf(record, before) {
  const answers = Object.fromEntries(Object.entries(record?.answers || {}).filter(([f, v]) => !isEmptyValue(v) && !sameValue(v, before?.answers?.[f])));
  const kept = Object.values(before?.earlier || {});
  const earlier = Object.fromEntries(Object.entries(record?.earlier || {}).filter(([, v]) => !kept.some((k) => sameValue(k, v))));
  return Object.keys(earlier).length ? { answers, earlier } : { answers };
}

/** The edits of the worksheets `ids` not yet stored (`store.known`: the stored records they were made on). */
export function pendingEdits(store, ids) {
  const pending = {};
  for (const id of ids) if (store.data.worksheets[id]) pending[id] = editsOf(store.data.worksheets[id], store.known.worksheets[id]);
  return pending;
}

// Closing the tab (or leaving the site) while edits are held would drop them without a choice: the
// browser asks first, for as long as something is held, whichever page of the site shows.
const warnHeld = (event) => {
  event.preventDefault();
  event.returnValue = "";
};

/** Tell the page whether edits are held now (the question, the close-tab warning). */
export function heldChanged(store) {
  if (typeof window !== "undefined") {
    if (store.held) window.addEventListener("beforeunload", warnHeld);
    else window.removeEventListener("beforeunload", warnHeld);
  }
  store.emit({ type: "held" });
}

/** Put `records` among the store's held edits (joined to any already held) and tell the page. */
export function hold(store, records, why) {
  const wanted = Object.fromEntries(Object.entries(records).filter(([, record]) => hasAnswers(record)));
  if (!Object.keys(wanted).length) return false;
  store.held = store.held ? joinHeld({ worksheets: store.held }, wanted).worksheets : wanted;
  store.heldWhy = store.heldWhy || why;
  heldChanged(store);
  return true;
}

/**
 * Another tab erased everything while this tab, not locked, had edits not
 * yet saved: worksheets whose write is pending here, and the pages' typed
 * edits (their flushers, asked to hand them over now). The pages show the
 * erased workbook with what was typed still in its fields; nothing is written
 * until the person chooses (keepHeld or discardHeld). `why`: "typed" (no
 * passphrase was set) or "open" (a passphrase was set; it went with the erase).
 */
export function holdTyped(store, data, why = "typed") {
  const pending = pendingEdits(store, store.unsavedAll ? Object.keys(store.data.worksheets) : store.unsaved);
  store.unsaved.clear();
  store.unsavedAll = false;
  store.applyExternal(data); // fields being typed in keep their text
  store.holding = pending; // Store.put hands records here instead of saving them
  try {
    store.flush();
  } finally {
    store.holding = null;
  }
  hold(store, pending, why);
}

/**
 * Keep the held edits: saved now, joined to what is stored (encrypted if a passphrase was set since and
 * this tab is open). Locked (set elsewhere meanwhile): nothing saved, still held, error "locked". Edits
 * typed since stay pending.
 */
export function keepHeld(store) {
  const held = store.held;
  if (!held) return { ok: false, error: "nothing held" };
  if (store.lockState === "locked") return { ok: false, error: "locked" };
  store.held = null;
  store.heldWhy = null;
  const ids = Object.keys(held);
  store.data = joinHeld(store.data, held);
  const result = store.save(ids);
  heldChanged(store);
  store.emit({ type: "changed", ids, source: "held" }); // fields typed in since keep their text, and save after
  return result;
}

/** Drop the held edits; the pages show what is stored. */
export function discardHeld(store) {
  const ids = Object.keys(store.held || {});
  store.held = null;
  store.heldWhy = null;
  heldChanged(store);
  if (ids.length) store.emit({ type: "changed", ids, source: "held" });
}
