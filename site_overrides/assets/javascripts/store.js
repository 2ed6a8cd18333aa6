// The plain store: the workbook in memory, loaded from and saved to one
// localStorage key through the storage adapter (storage.js), read-modify-write
// so other tabs' saves survive, with unreadable data set aside and every
// failure kept as a status. It also follows the lock's state changes that
// need no key (another tab set or removed a passphrase); the encrypted store,
// which holds a key and writes ciphertext, extends it in locked-store.js.

import {
  DEFAULT_IDLE, KEY, PREFIX, QUARANTINE_PREFIX, checkRecord, clone, emptyWorkbook, isEmptyValue, parseStored, quarantineKey, sameValue,
} from "./format.js";
import { discardHeld, heldChanged, hold, holdTyped, keepHeld, pendingEdits } from "./held.js";

/**
 * The workbook in memory, saved through `adapter`. Status:
 *   storage: "ok" | "quota" | "unavailable" | "blocked" (bad data we could not set aside)
 *     | "newer" (a newer workbook wrote the data: read-only, edits stay in
 *     memory, nothing is written until the page is reloaded with newer code)
 *   quarantine: {key, raw, reason} when unreadable data was set aside on load.
 *   lockState: "none" (no passphrase) | "locked" (a passphrase is set and
 *     this tab has no key: no answers in memory) | "open" (key in memory;
 *     only a LockedStore, locked-store.js, gets there).
 * Listeners get {type: "status"}, {type: "saved"}, {type: "lock"} (lockState
 * changed), or {type: "changed", ids, source} when answers changed under a
 * page: source "tab" (another tab saved), "here" (import, erase), "lock"
 * (the answers left memory), "unlock" (they came back) or "held" (edits
 * held after an erase elsewhere were kept or discarded, held.js); and
 * {type: "held"} when such edits are held or let go.
 *
 * Worksheets whose record here has not reached storage are in `unsaved`:
 * while locked (another tab set a passphrase, a write failed) they wait in
 * memory and win over the stored record, per worksheet, once unlocked, as two
 * tabs' plain saves do.
 */
export class Store {
  constructor(adapter, { now = () => new Date().toISOString() } = {}) {
    this.adapter = adapter;
    this.now = now;
    this.data = emptyWorkbook();
    this.known = emptyWorkbook(); // the stored workbook as last read or written here (edits not yet saved are made on it)
    this.storage = "ok";
    this.quarantine = null;
    this.saves = 0;
    this.listeners = new Set();
    this.flushers = new Set();
    this.lockState = "none";
    this.idleMinutes = DEFAULT_IDLE;
    this.vault = null; // {key, salt, saltText, iterations} while open (locked-store.js)
    this.lastRaw = null; // the locked text last written or read here
    this.unsaved = new Set();
    this.unsavedAll = false; // a whole-workbook write (import, replace) is pending
    this.locks = 0; // times the answers left memory: a preview made before a lock is stale after it
    this.handingOver = false; // pages' last edits, taken while locking
    this.held = null; // {id: record} edits held when another tab erased everything (held.js: keepHeld, discardHeld)
    this.heldWhy = null; // "locked" (this tab was locked), "typed" or "open" (edits not yet saved)
    this.holding = null; // while pages hand over their edits after an erase elsewhere, put() holds them here
    this.overLimit = {}; // {worksheet: {field: {value, seen}}}: answers over the limit, hidden while locked (form.js)
  }

  /**
   * True while the answers are locked away: `put` and `replace` then refuse,
   * so nothing started before a lock (an import preview, a dialog) writes
   * over the workbook from its emptied memory. Pages' own edits are still
   * taken while locking (becomeLocked's flush), to be saved after unlocking.
   */
  refuses() {
    return this.lockState === "locked" && !this.handingOver;
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
    if (result.status === "newer") {
      this.setStorage("newer");
      return this;
    }
    if (result.status === "locked") {
      this.lockState = "locked";
      this.lastRaw = read.value;
      this.idleMinutes = result.idleMinutes;
      return this;
    }
    if (result.status !== "quarantine" && !result.damaged) {
      this.data = result.data;
      this.known = clone(this.data);
      return this;
    }
    // Unreadable, or some answers bad (too long, a wrong type): the whole
    // text is copied aside byte for byte; what is sound opens as usual.
    this.setAside(read.value, result.damaged || result.reason, Boolean(result.damaged));
    if (result.damaged) {
      this.data = result.data;
      this.known = clone(this.data);
      if (this.quarantine.key) this.writeRaw(this.data);
    } else if (this.quarantine.key) {
      this.adapter.remove(KEY);
    }
    this.emit({ type: "status" });
    return this;
  }

  writeRaw(data) {
    return Object.keys(data.worksheets).length ? this.adapter.set(KEY, JSON.stringify(data)) : this.adapter.remove(KEY);
  }

  /** Copy unreadable stored text, byte for byte, under a quarantine key (partial: the sound part is still in use). */
  setAside(raw, reason, partial = false) {
    const key = quarantineKey(this.now());
    const kept = this.adapter.set(key, raw);
    this.quarantine = { key: kept.ok ? key : null, raw, reason, partial };
    if (!kept.ok) this.storage = "blocked"; // never write over data we could not set aside
    return kept.ok;
  }

  worksheet(id) {
    return clone(this.data.worksheets[id]) || { answers: {} };
  }

  /** Replace one worksheet's record in memory (and save it). */
  put(id, record) {
    if (this.refuses()) return { ok: false, error: "locked" };
    // What is saved must load again (format.js checks both the same way): a
    // value over the limits is refused here, and the page keeps it on screen.
    const problems = checkRecord(id, record);
    if (problems.length) return { ok: false, error: "too-big", problems };
    if (this.holding) {
      if (record) this.holding[id] = { ...this.holding[id], ...clone(record), answers: { ...this.holding[id]?.answers, ...clone(record.answers) } };
      return { ok: true, value: "held" };
    }
    const current = this.data.worksheets[id];
    if (current && record && sameValue(current.answers || {}, record.answers || {}) && sameValue(current.earlier || {}, record.earlier || {}) && this.storage === "ok") {
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
    if (this.storage === "blocked") {
      this.markUnsaved(ids); // kept in memory: another tab's save must not replace it
      return { ok: false, error: "blocked" };
    }
    if (this.storage === "newer") {
      this.markUnsaved(ids);
      return { ok: false, error: "newer" };
    }
    if (this.lockState !== "none") {
      this.markUnsaved(ids);
      if (this.lockState === "locked") return { ok: false, error: "locked" };
      this.queueWrite(); // "open": a LockedStore encrypts on its queue
      return { ok: true, value: "pending" };
    }
    let base = this.data;
    const read = this.adapter.get(KEY);
    const parsed = read.ok ? parseStored(read.value) : null;
    if (parsed?.status === "newer") return this.becomeNewer(ids);
    if (parsed?.status === "locked") {
      // Another tab set a passphrase: never write plain text over it.
      this.markUnsaved(ids);
      this.becomeLocked(read.value, parsed);
      return { ok: false, error: "locked" };
    }
    // Stored text this tab cannot use (another tab or older code wrote it) is
    // copied aside, as load() does, before anything is written over it.
    if ((parsed?.status === "quarantine" || parsed?.damaged) && !this.setAside(read.value, parsed.damaged || parsed.reason, Boolean(parsed.damaged))) {
      this.markUnsaved(ids);
      this.emit({ type: "status" });
      return { ok: false, error: "blocked" };
    }
    if (parsed?.status === "quarantine" || parsed?.damaged) this.emit({ type: "status" });
    const todo = ids && !this.unsavedAll ? [...new Set([...ids, ...this.unsaved])] : null;
    if (todo && parsed && parsed.status !== "quarantine") {
      base = parsed.data;
      for (const id of todo) {
        if (this.data.worksheets[id]) base.worksheets[id] = this.data.worksheets[id];
        else delete base.worksheets[id];
      }
    }
    const result = this.writeRaw(base);
    if (result.ok) {
      this.data = base;
      this.known = clone(base);
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
    if (this.refuses()) return { ok: false, error: "locked" };
    const ids = new Set([...Object.keys(this.data.worksheets), ...Object.keys(data.worksheets)]);
    this.data = clone(data);
    const result = this.save(null);
    this.emit({ type: "changed", ids: [...ids], source: "here" });
    return result;
  }

  /** Keep the edits held after another tab's Erase all: they are saved (no passphrase is set now). */
  keepHeld() {
    return keepHeld(this);
  }

  /** Drop the edits held after another tab's Erase all. */
  discardHeld() {
    discardHeld(this);
  }

  /** Erase one worksheet, or everything (every `workbook:` key: set-aside copies, the passphrase) when id is null. */
  erase(id = null) {
    if (id) {
      const result = this.put(id, null);
      this.emit({ type: "changed", ids: [id], source: "here" });
      return result;
    }
    const ids = Object.keys(this.data.worksheets);
    const wasHeld = Boolean(this.held);
    this.data = emptyWorkbook();
    this.known = emptyWorkbook();
    this.overLimit = {}; // Erase all: answers over the limit hidden while locked go too
    this.held = null;
    this.heldWhy = null;
    this.unsaved.clear();
    this.unsavedAll = false;
    const wasLocked = this.lockState !== "none";
    this.vault = null;
    this.lockState = "none";
    this.lastRaw = null;
    const removed = this.quarantineKeys().filter((key) => this.adapter.remove(key).ok).length;
    const keys = this.adapter.keys();
    for (const key of keys.ok ? keys.value : []) if (key?.startsWith(PREFIX) && key !== KEY) this.adapter.remove(key);
    const result = this.adapter.remove(KEY);
    if (result.ok) this.setStorage("ok");
    if (wasLocked) this.emit({ type: "lock" });
    if (wasHeld) heldChanged(this); // the question or notice goes, and the close-tab warning
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
    if (result.status === "newer") return this.becomeNewer([]);
    if (result.status === "quarantine") return undefined;
    if (result.status === "locked") return this.externalLocked(raw, result);
    if (this.lockState !== "none") return this.becomePlain(result.data, result.status === "empty"); // removed or erased in another tab
    // Blocked (bad text we could not set aside): another tab wrote usable data
    // over it, so there is nothing left here to protect, and saving resumes.
    if (this.storage === "blocked" && !result.damaged) this.setStorage("ok");
    if (result.status === "empty") return holdTyped(this, result.data); // erased in another tab: edits pending here are held
    this.applyExternal(result.data);
    return undefined;
  }

  /** Take `data` as the stored workbook, keeping worksheets not yet saved from here. */
  applyExternal(data, source = "tab") {
    const before = this.data.worksheets;
    const next = clone(data);
    const known = this.known.worksheets;
    this.known = clone(data); // a worksheet not yet saved here keeps the record its edits were made on
    for (const id of this.unsaved) {
      this.known.worksheets[id] = known[id];
      if (before[id]) next.worksheets[id] = before[id];
      else delete next.worksheets[id];
    }
    this.data = next;
    const ids = new Set([...Object.keys(before), ...Object.keys(next.worksheets)]);
    const changed = [...ids].filter((id) => !sameValue(before[id], next.worksheets[id]));
    if (changed.length) this.emit({ type: "changed", ids: changed, source });
  }
  /** A newer workbook wrote the data: keep `ids` (and every edit from now) in memory, write nothing. */
  becomeNewer(ids) {
    this.markUnsaved(ids);
    this.setStorage("newer");
    return { ok: false, error: "newer" };
  }

  /** Another tab wrote locked data: without a key, this tab can only lock too. */
  externalLocked(raw, parsed) {
    if (this.lockState === "none") return this.becomeLocked(raw, parsed);
    this.idleMinutes = parsed.idleMinutes;
    this.lastRaw = raw;
    return undefined;
  }

  /** A passphrase is set (here or in another tab): pages hand over their edits, then the answers leave memory. */
  becomeLocked(raw, parsed) {
    this.lastRaw = raw;
    this.idleMinutes = parsed.idleMinutes;
    if (this.lockState === "locked") return;
    this.lockState = "locked";
    this.locks += 1;
    this.vault = null;
    this.handingOver = true;
    try {
      this.flush(); // edits typed here join `unsaved`
    } finally {
      this.handingOver = false;
    }
    const ids = Object.keys(this.data.worksheets);
    if (!this.unsavedAll) {
      const kept = emptyWorkbook();
      for (const id of this.unsaved) if (this.data.worksheets[id]) kept.worksheets[id] = this.data.worksheets[id];
      this.data = kept;
    }
    this.emit({ type: "lock" });
    this.emit({ type: "changed", ids, source: "lock" });
  }

  becomePlain(data, erased = false) {
    const wasLocked = this.lockState === "locked";
    this.vault = null;
    this.lockState = "none";
    this.lastRaw = null;
    // Erase all in another tab while this one was locked: edits held here
    // were meant to be saved encrypted. They are not written in plain text
    // on their own; the page asks (keepHeld or discardHeld).
    if (erased && wasLocked && (this.unsaved.size || this.unsavedAll) && Object.keys(this.data.worksheets).length) {
      const held = pendingEdits(this, Object.keys(this.data.worksheets));
      this.data = emptyWorkbook();
      this.known = emptyWorkbook();
      this.unsaved.clear();
      this.unsavedAll = false;
      this.emit({ type: "lock" });
      hold(this, held, "locked");
      this.emit({ type: "status" });
      return;
    }
    this.emit({ type: "lock" });
    if (erased && !wasLocked) return holdTyped(this, data, "open"); // open here, erased elsewhere: as an unlocked tab's pending edits
    this.applyExternal(data, "unlock");
    if (this.unsaved.size || this.unsavedAll) this.save(this.unsavedAll ? null : [...this.unsaved]);
  }
}
