// The locked store: a Store (store.js) that holds the passphrase's key in
// memory and writes the workbook encrypted (lock.js does the cryptography).
//
// With a passphrase set, KEY holds {version, locked: envelope, idle_minutes}
// and the envelope holds the plain stored text, encrypted. Encryption is
// async, so while open, saves are queued on one chain (one task at a time,
// and a queued write takes the latest answers); setting, changing and
// removing the passphrase run on the same chain, so an old key never writes
// after a new one. A page without the key never writes plain text over a
// locked key (store.js hands over to becomeLocked instead).

import { ENVELOPE_VERSION, ITERATIONS, decrypt, encrypt, newKey, open, toBase64 } from "./lock.js";
import { KEY, VERSION, clone, emptyWorkbook, parseStored } from "./format.js";
import { buildEncryptedExport } from "./transfer.js";
import { Store } from "./store.js";

export class LockedStore extends Store {
  constructor(adapter, { now, iterations = ITERATIONS } = {}) {
    super(adapter, now ? { now } : {});
    this.iterations = iterations;
    this.chain = Promise.resolve();
    this.writeQueued = false;
    this.writing = null; // {again, all}: the write under way, and edits made meanwhile
  }

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

  /** The stored text; `idle` must be the idle time the envelope was sealed with (lock.js additionalData). */
  lockedText(envelope, idle) {
    return JSON.stringify({ version: VERSION, locked: envelope, idle_minutes: idle });
  }

  /** Encrypt `text` for storage, sealed with the idle time it is stored beside: the stored text. */
  async sealStored(vault, text) {
    const idle = this.idleMinutes;
    return this.lockedText(await encrypt(vault.key, text, vault.salt, vault.iterations, idle), idle);
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
    if (!vault || this.lockState !== "open" || this.storage === "newer") return;
    const all = this.unsavedAll;
    const ids = [...this.unsaved];
    const mine = clone(this.data);
    // The ids stay in `unsaved` until the write lands: an erase (held.js holdTyped) or a lock in
    // another tab meanwhile finds them pending, and an erase takes them (nothing is given back, so a
    // later save cannot delete a worksheet written since). Edits made meanwhile are noted (markUnsaved).
    const writing = { again: new Set(), all: false };
    this.writing = writing;
    try {
      let base = mine;
      const read = all ? { ok: false } : this.adapter.get(KEY);
      if (read.ok && read.value !== this.lastRaw) {
        const parsed = parseStored(read.value);
        if (parsed.status === "newer") { // a newer workbook wrote it: read-only from now on
          this.becomeNewer([]);
          return;
        }
        if (parsed.status === "locked") {
          let text = null;
          if (parsed.envelope.salt === vault.saltText) text = await decrypt(vault.key, parsed.envelope, parsed.idleMinutes).catch(() => null);
          const inner = text === null ? null : parseStored(text);
          if (!inner || inner.status !== "ok") { // another passphrase now
            if (this.vault === vault) this.becomeLocked(read.value, parsed);
            return;
          }
          // Some answers in it are bad: the stored text is set aside (sealed) first.
          if (inner.damaged && !this.setAside(read.value, inner.damaged, true)) {
            this.emit({ type: "status" });
            return;
          }
          base = inner.data;
        } else if (parsed.status === "ok" && read.value !== null) { // the passphrase was removed in another tab
          if (this.vault === vault) this.becomePlain(parsed.data);
          return;
        } else {
          // Erased, or damaged (set aside first, as on load): never go back to plain text on our own.
          if (parsed.status === "quarantine" && !this.setAside(read.value, parsed.reason)) {
            this.emit({ type: "status" });
            return;
          }
          base = emptyWorkbook();
        }
        for (const id of ids) {
          if (mine.worksheets[id]) base.worksheets[id] = mine.worksheets[id];
          else delete base.worksheets[id];
        }
      }
      const raw = await this.sealStored(vault, JSON.stringify(base));
      if (this.vault !== vault) return; // locked (the ids wait in `unsaved`) or erased (held) meanwhile
      const result = this.adapter.set(KEY, raw);
      if (!result.ok) {
        this.setStorage(result.error);
        return;
      }
      this.lastRaw = raw;
      this.known = clone(base);
      for (const id of ids) if (!writing.again.has(id)) this.unsaved.delete(id);
      if (all && !writing.all) this.unsavedAll = false;
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
      this.setStorage("unavailable");
      throw error;
    } finally {
      if (this.writing === writing) this.writing = null;
    }
  }

  /** Edits made while a write runs stay pending after it lands. */
  markUnsaved(ids) {
    super.markUnsaved(ids);
    if (!this.writing) return;
    if (!ids) this.writing.all = true;
    for (const id of ids || Object.keys(this.data.worksheets)) this.writing.again.add(id);
  }

  externalLocked(raw, parsed) {
    if (this.lockState !== "open") return super.externalLocked(raw, parsed);
    if (raw === this.lastRaw) return undefined;
    const vault = this.vault;
    if (parsed.envelope.salt !== vault.saltText) return this.becomeLocked(raw, parsed);
    return this.run(async () => {
      if (this.vault !== vault || this.readRaw(KEY) !== raw) return; // storage moved on: its own event follows
      // The idle time is trusted only once it decrypts with it (altered: this tab locks).
      const text = await decrypt(vault.key, parsed.envelope, parsed.idleMinutes).catch(() => null);
      if (this.vault !== vault) return;
      const inner = text === null ? null : parseStored(text);
      if (!inner || inner.status !== "ok") {
        this.becomeLocked(raw, parsed);
        return;
      }
      this.idleMinutes = parsed.idleMinutes;
      this.lastRaw = raw;
      this.applyExternal(inner.data);
    });
  }

  /** Open the stored answers: {ok: true} or {ok: false, error: "wrong" | "unreadable"}. */
  async unlock(passphrase) {
    if (this.lockState !== "locked") return { ok: true };
    const read = this.adapter.get(KEY);
    const parsed = read.ok ? parseStored(read.value) : null;
    if (parsed?.status === "newer") {
      this.becomeNewer([]);
      return { ok: false, error: "newer" };
    }
    if (!parsed || parsed.status !== "locked") {
      if (parsed && parsed.status !== "quarantine") {
        this.becomePlain(parsed.data, parsed.status === "empty"); // removed or erased in another tab meanwhile
        return { ok: true };
      }
      return { ok: false, error: "unreadable" };
    }
    const opened = await open(passphrase, parsed.envelope, parsed.idleMinutes);
    if (!opened.ok) return { ok: false, error: "wrong" };
    if (this.lockState !== "locked") return { ok: true };
    if (this.readRaw(KEY) !== read.value) return this.unlock(passphrase); // another tab saved meanwhile
    let vault = { key: opened.key, salt: opened.salt, saltText: parsed.envelope.salt, iterations: opened.iterations };
    // A version 1 envelope (idle time not authenticated) is written again as the current version.
    let rewrite = parsed.envelope.v < ENVELOPE_VERSION;
    if (opened.iterations < this.iterations) { // written with fewer rounds than this page uses: re-key now
      const fresh = await newKey(passphrase, this.iterations);
      if (this.lockState !== "locked") return { ok: true };
      vault = { ...fresh, saltText: toBase64(fresh.salt) };
      rewrite = true;
    }
    let inner = parseStored(opened.text);
    if (inner.status === "newer") { // opened, but written by a newer workbook: leave it as it is
      this.becomeNewer([]);
      return { ok: false, error: "newer" };
    }
    if (inner.status === "locked") inner = { status: "quarantine", reason: "the locked answers hold another lock" };
    if (inner.damaged) { // some answers bad: the sealed text is set aside, the rest opens
      this.setAside(read.value, inner.damaged, true);
      this.emit({ type: "status" });
      rewrite = true;
    }
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
    // What waited in memory joins the stored answers worksheet by worksheet
    // (applyExternal keeps the `unsaved` ones), never as a whole workbook:
    // a whole-workbook write held here must not drop the worksheets it lacks.
    if (this.unsavedAll) this.markUnsaved(null);
    this.unsavedAll = false;
    this.emit({ type: "lock" });
    this.applyExternal(base, "unlock");
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
    return (await open(passphrase, parsed.envelope, parsed.idleMinutes)).ok;
  }

  /**
   * Set a passphrase (from "none") or change it (from "open"): a new salt and
   * key, everything re-encrypted in one write. {ok} or {ok: false, error}.
   */
  setPassphrase(passphrase) {
    if (this.lockState === "locked") return Promise.resolve({ ok: false, error: "locked" });
    if (this.storage === "blocked" || this.storage === "newer") return Promise.resolve({ ok: false, error: this.storage });
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
      let raw;
      const vault = { ...fresh, saltText: toBase64(fresh.salt) };
      do { // plain saves may land while this encrypts: take the latest
        text = JSON.stringify(this.data);
        raw = await this.sealStored(vault, text);
      } while (text !== JSON.stringify(this.data));
      const result = this.adapter.set(KEY, raw);
      if (!result.ok) {
        this.setStorage(result.error);
        return { ok: false, error: result.error };
      }
      const before = this.vault;
      this.vault = vault;
      this.lastRaw = raw;
      this.known = JSON.parse(text);
      this.unsaved.clear();
      this.unsavedAll = false;
      this.setStorage("ok");
      await this.resealCopies(before, vault);
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
      this.known = clone(this.data);
      await this.resealCopies(this.vault, null);
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

  /**
   * Set-aside copies follow the passphrase: sealed under `to` (a new or
   * changed passphrase; copies under `from` are opened first), or opened back
   * to their plain text when `to` is null (the passphrase is removed).
   * Stored like the workbook, {version, locked, idle_minutes: 0}, so Import
   * on the Privacy page opens them with the passphrase. A copy sealed under
   * another passphrase stays as it is.
   */
  async resealCopies(from, to) {
    for (const key of this.quarantineKeys()) {
      const raw = this.readRaw(key);
      const parsed = raw === null ? null : parseStored(raw);
      let text = raw;
      if (parsed?.status === "locked") {
        if (!from || parsed.envelope.salt !== from.saltText) continue;
        text = await decrypt(from.key, parsed.envelope, parsed.idleMinutes).catch(() => null);
        if (text === null) continue;
      } else if (!to || raw === null) {
        continue; // already plain
      }
      const next = to ? JSON.stringify({ version: VERSION, locked: await encrypt(to.key, text, to.salt, to.iterations, 0), idle_minutes: 0 }) : text;
      this.adapter.set(key, next);
    }
  }

  /** With a passphrase set, a copy set aside now is sealed too (after its plain bytes are safe). */
  setAside(raw, reason) {
    const kept = super.setAside(raw, reason);
    const vault = this.vault;
    if (kept && vault) this.run(() => this.vault === vault && this.resealCopies(vault, vault));
    return kept;
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
