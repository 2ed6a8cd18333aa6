// The passphrase lock: the cryptography and envelope (lock.js) and the
// store's locked mode against fake storages, with few PBKDF2 rounds (passed
// explicitly; the page uses ITERATIONS).
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  ITERATIONS, checkEnvelope, checkNewPassphrase, decrypt, deriveKey, encrypt, fromBase64, newKey, open, retryDelay,
  throttle, toBase64,
} from "../../site_overrides/assets/javascripts/lock.js";
import { LockedStore as Store } from "../../site_overrides/assets/javascripts/locked-store.js";
import { FORMAT, KEY, QUARANTINE_PREFIX, parseStored } from "../../site_overrides/assets/javascripts/format.js";
import { buildExport, validateImport } from "../../site_overrides/assets/javascripts/transfer.js";
import { storageAdapter } from "../../site_overrides/assets/javascripts/storage.js";
import { FakeStorage } from "./fake-storage.mjs";

const FEW = 1000;
const NOW = "2030-01-02T03:04:05.000Z";
const SECRET = "Walk at lunch with Sam";

const plain = () => ({ version: 1, worksheets: { "smart-goal": { answers: { goal: SECRET, confidence: 7 }, updated: NOW } } });
const newStore = (storage) => new Store(storageAdapter(storage), { now: () => NOW, iterations: FEW }).load();
const lockedStore = async (storage = new FakeStorage({ [KEY]: JSON.stringify(plain()) })) => {
  const store = newStore(storage);
  assert.deepEqual(await store.setPassphrase("correct horse"), { ok: true });
  return { store, storage };
};

test("production key derivation uses at least 600,000 PBKDF2 rounds", () => {
  assert.ok(ITERATIONS >= 600_000);
  assert.equal(new Store(storageAdapter(new FakeStorage())).iterations, ITERATIONS);
});

test("encrypt and decrypt: round trip, a fresh IV every time, the documented envelope", async () => {
  const salt = fromBase64(toBase64(new Uint8Array(16).fill(7)));
  const key = await deriveKey("a passphrase", salt, FEW);
  const a = await encrypt(key, SECRET, salt, FEW);
  const b = await encrypt(key, SECRET, salt, FEW);
  assert.deepEqual(Object.keys(a), ["v", "alg", "kdf", "iterations", "salt", "iv", "data"]);
  assert.deepEqual([a.v, a.alg, a.kdf, a.iterations], [2, "AES-GCM-256", "PBKDF2-SHA-256", FEW]);
  assert.equal(fromBase64(a.iv).length, 12);
  assert.notEqual(a.iv, b.iv);
  assert.notEqual(a.data, b.data);
  assert.equal(checkEnvelope(a), null);
  assert.equal(await decrypt(key, a), SECRET);
  assert.ok(!JSON.stringify(a).includes("Walk"));
});

test("a wrong passphrase or altered data does not decrypt", async () => {
  const { key, salt } = await newKey("right one!", FEW);
  const env = await encrypt(key, SECRET, salt, FEW);
  assert.deepEqual(await open("wrong one!", env), { ok: false });
  assert.equal((await open("right one!", env)).text, SECRET);
  const bytes = fromBase64(env.data);
  bytes[0] ^= 1;
  await assert.rejects(decrypt(key, { ...env, data: toBase64(bytes) }));
  // NFC: the same words typed with a combining accent still match
  const { key: k2, salt: s2 } = { key: await deriveKey("caf\u00e9 au lait", salt, FEW), salt };
  assert.equal((await open("cafe\u0301 au lait", await encrypt(k2, "x", s2, FEW))).ok, true);
});

test("checkEnvelope refuses shapes this code did not write", async () => {
  const { key, salt } = await newKey("pass phrase", FEW);
  const env = await encrypt(key, "x", salt, FEW);
  assert.match(checkEnvelope({ ...env, v: 3 }), /envelope version/);
  assert.equal(checkEnvelope({ ...env, v: 1 }), null); // envelopes written before issue 14 still open
  assert.match(checkEnvelope({ ...env, alg: "AES-CBC" }), /cipher/);
  assert.match(checkEnvelope({ ...env, extra: 1 }), /unknown entry/);
  assert.match(checkEnvelope({ ...env, iterations: 1e9 }), /key-derivation/);
  assert.match(checkEnvelope({ ...env, iv: "AAAA" }), /wrong length/);
  assert.match(checkEnvelope({ ...env, data: "not base64!" }), /base64/);
  assert.match(checkEnvelope([]), /shape/);
});

test("new passphrases: long enough and typed twice the same", () => {
  assert.match(checkNewPassphrase("short", "short"), /at least 8/);
  assert.match(checkNewPassphrase("long enough", "long enougH"), /not the same/);
  assert.equal(checkNewPassphrase("long enough", "long enough"), null);
});

test("repeated wrong tries wait 1 s, 2 s, 4 s … at most 30 s, kept across reloads", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay), [0, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  let t = 1000;
  const kv = new Map();
  const session = { get: (k) => kv.get(k) ?? null, set: (k, v) => kv.set(k, v) };
  const tries = throttle(session, "t", () => t);
  assert.equal(tries.wait(), 0);
  assert.equal(tries.failed(), 1000);
  assert.equal(tries.wait(), 1000);
  t += 1000;
  assert.equal(tries.wait(), 0);
  assert.equal(tries.failed(), 2000);
  assert.equal(throttle(session, "t", () => t).wait(), 2000); // a reload still waits
  tries.succeeded();
  assert.equal(throttle(session, "t", () => t).wait(), 0);
});

test("store: setting a passphrase encrypts at rest; the stored text holds none of the answers", async () => {
  const { store, storage } = await lockedStore();
  const raw = storage.getItem(KEY);
  assert.ok(!raw.includes("Walk") && !raw.includes("Sam") && !raw.includes("smart-goal"));
  const parsed = JSON.parse(raw);
  assert.deepEqual(Object.keys(parsed), ["version", "locked", "idle_minutes"]);
  assert.equal(parsed.version, 1);
  assert.equal(parsed.idle_minutes, 15);
  assert.equal(parseStored(raw).status, "locked");
  assert.equal(store.lockState, "open");
  assert.equal(store.worksheet("smart-goal").answers.goal, SECRET);

  // saves while open are encrypted too, each with a fresh IV
  store.setField("smart-goal", "why", "Energy for the kids");
  await store.whenSaved();
  const after = storage.getItem(KEY);
  assert.notEqual(JSON.parse(after).locked.iv, parsed.locked.iv);
  assert.ok(!after.includes("Energy"));
});

test("store: a locked page has no answers until the right passphrase", async () => {
  const { storage } = await lockedStore();
  const store = newStore(storage);
  assert.equal(store.lockState, "locked");
  assert.deepEqual(store.data.worksheets, {});
  const raw = storage.getItem(KEY);
  assert.deepEqual(await store.unlock("wrong passphrase"), { ok: false, error: "wrong" });
  assert.equal(storage.getItem(KEY), raw);
  assert.equal(store.lockState, "locked");
  const events = [];
  store.subscribe((e) => events.push(e.type === "changed" ? `changed:${e.source}` : e.type));
  assert.deepEqual(await store.unlock("correct horse"), { ok: true });
  assert.equal(store.worksheet("smart-goal").answers.goal, SECRET);
  assert.deepEqual(events, ["lock", "changed:unlock"]);

  // lock now: the key and the answers leave memory; nothing in storage changes
  await store.lockNow();
  assert.equal(store.lockState, "locked");
  assert.equal(store.vault, null);
  assert.deepEqual(store.data.worksheets, {});
  assert.equal(storage.getItem(KEY), raw);
});

test("store: a locked store is never overwritten by a plain one", async () => {
  const { storage } = await lockedStore();
  const raw = storage.getItem(KEY);
  const store = newStore(storage);
  // a write while locked is refused (the page's form is inert then): nothing in memory, nothing written
  assert.deepEqual(store.setField("what-i-want", "matters_most", "Calm"), { ok: false, error: "locked" });
  assert.deepEqual(store.data.worksheets, {});
  assert.equal(storage.getItem(KEY), raw);
  assert.deepEqual(store.erase("smart-goal").ok, false);
  assert.equal(storage.getItem(KEY), raw);
  // ...and unlocking finds the stored answers as they were
  await store.unlock("correct horse");
  await store.whenSaved();
  assert.equal(storage.getItem(KEY), raw);
  assert.equal(store.worksheet("smart-goal").answers.goal, SECRET);
  assert.equal(store.worksheet("what-i-want").answers.matters_most, undefined);
});

test("store: a plain tab whose storage gets locked by another tab does not write over it", async () => {
  const storage = new FakeStorage({ [KEY]: JSON.stringify(plain()) });
  const other = newStore(storage); // plain, open in another tab
  const { store } = await lockedStore(storage);
  const raw = storage.getItem(KEY);
  const events = [];
  other.subscribe((e) => events.push(e.type));
  let typed = true;
  other.addFlusher(() => { if (typed) { typed = false; other.setField("smart-goal", "why", "typed in the other tab"); } });
  other.external(raw); // the storage event
  assert.equal(other.lockState, "locked");
  assert.equal(storage.getItem(KEY), raw);
  assert.deepEqual(Object.keys(other.data.worksheets), ["smart-goal"]); // only the unsaved edit, waiting
  assert.ok(events.includes("lock"));
  assert.equal(other.setField("smart-goal", "supports", "x").ok, false);
  await other.unlock("correct horse");
  await other.whenSaved();
  const check = newStore(storage);
  await check.unlock("correct horse");
  assert.equal(check.worksheet("smart-goal").answers.why, "typed in the other tab");
  assert.equal(check.worksheet("smart-goal").answers.goal, SECRET);
  assert.equal(store.lockState, "open");
});

test("store: two open tabs share saves through the storage event, decrypted with the key in memory", async () => {
  const { store, storage } = await lockedStore();
  const other = newStore(storage);
  await other.unlock("correct horse");
  const seen = [];
  other.subscribe((e) => e.type === "changed" && seen.push(e));
  store.setField("what-i-want", "matters_most", "Calm");
  await store.whenSaved();
  await other.external(storage.getItem(KEY));
  assert.equal(other.worksheet("what-i-want").answers.matters_most, "Calm");
  assert.deepEqual(seen.map((e) => [e.ids, e.source]), [[["what-i-want"], "tab"]]);
  // a save from the other tab keeps this tab's worksheet (read-modify-write through the envelope)
  other.setField("smart-goal", "why", "Health");
  await other.whenSaved();
  const check = newStore(storage);
  await check.unlock("correct horse");
  assert.equal(check.worksheet("what-i-want").answers.matters_most, "Calm");
  assert.equal(check.worksheet("smart-goal").answers.why, "Health");
});

test("store: change and remove the passphrase without loss", async () => {
  const { store, storage } = await lockedStore();
  const before = store.data.worksheets;
  const other = newStore(storage);
  await other.unlock("correct horse");
  assert.equal(await store.checkPassphrase("nope nope"), false);
  assert.equal(await store.checkPassphrase("correct horse"), true);
  assert.deepEqual(await store.setPassphrase("battery staple"), { ok: true });
  const raw = storage.getItem(KEY);
  assert.ok(!raw.includes("Walk"));
  // the other tab's old key cannot read the new envelope: it locks, and does not write over it
  other.external(raw);
  assert.equal(other.lockState, "locked");
  assert.equal(storage.getItem(KEY), raw);
  const fresh = newStore(storage);
  assert.equal((await fresh.unlock("correct horse")).ok, false);
  assert.equal((await fresh.unlock("battery staple")).ok, true);
  assert.deepEqual(fresh.data.worksheets, before);

  assert.deepEqual(await fresh.removePassphrase(), { ok: true });
  assert.equal(fresh.lockState, "none");
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), { version: 1, worksheets: before });
  store.external(storage.getItem(KEY));
  assert.equal(store.lockState, "none");
});

test("store: unknown or damaged locked data is set aside, not written over", () => {
  for (const locked of [{ v: 0 }, { v: 1, alg: "AES-GCM-256", kdf: "PBKDF2-SHA-256" }]) {
    const raw = JSON.stringify({ version: 1, locked });
    const storage = new FakeStorage({ [KEY]: raw });
    const store = newStore(storage);
    assert.equal(storage.getItem(QUARANTINE_PREFIX + NOW), raw);
    assert.equal(store.lockState, "none");
    assert.ok(store.quarantine.reason.includes("locked data"));
  }
  assert.equal(parseStored(JSON.stringify({ version: 1, locked: {}, worksheets: {} })).status, "quarantine");
});

test("store: erase everything also removes the passphrase (the way out of a forgotten one)", async () => {
  const { storage } = await lockedStore();
  const store = newStore(storage);
  store.erase();
  assert.equal(store.lockState, "none");
  assert.equal(storage.getItem(KEY), null);
});

test("store: data written with fewer rounds is re-keyed at this page's count on unlock", async () => {
  const storage = new FakeStorage({ [KEY]: JSON.stringify(plain()) });
  await newStore(storage).setPassphrase("correct horse");
  const store = new Store(storageAdapter(storage), { now: () => NOW, iterations: FEW * 2 }).load();
  await store.unlock("correct horse");
  await store.whenSaved();
  const env = JSON.parse(storage.getItem(KEY)).locked;
  assert.equal(env.iterations, FEW * 2);
  const check = new Store(storageAdapter(storage), { iterations: FEW * 2 }).load();
  assert.equal((await check.unlock("correct horse")).ok, true);
  assert.equal(check.worksheet("smart-goal").answers.goal, SECRET);
});

test("encrypted export: sealed with the workbook's key, recognised by import, opened with the passphrase", async () => {
  const { store } = await lockedStore();
  const body = buildExport(store.data, NOW);
  const file = await store.sealExport(body);
  assert.deepEqual(Object.keys(file), ["format", "version", "exported_at", "workbook_version", "encrypted"]);
  assert.equal(file.format, FORMAT);
  const text = JSON.stringify(file);
  assert.ok(!text.includes("Walk"));
  const checked = validateImport(text);
  assert.equal(checked.ok, true);
  assert.equal(checked.worksheets, undefined);
  assert.equal((await open("wrong passphrase", checked.encrypted)).ok, false);
  const opened = await open("correct horse", checked.encrypted);
  const inner = validateImport(opened.text, opened.text.length, { allowEncrypted: false });
  assert.deepEqual(inner.worksheets, plain().worksheets);
  assert.match(validateImport(text, text.length, { allowEncrypted: false }).error, /another encrypted file/);
  assert.match(validateImport(JSON.stringify({ ...file, encrypted: { v: 9 } })).error, /cannot be opened/);
});

// Issue 14, path 1: the idle timer or Lock now fired while the import preview
// was open; the import then ran on the emptied memory, and on unlock the
// whole workbook became that one import.
test("store: an import applied after a lock is refused, and unlocking keeps every worksheet", async () => {
  const { applyImport } = await import("../../site_overrides/assets/javascripts/transfer.js");
  const three = { version: 1, worksheets: Object.fromEntries(["a", "b", "c"].map((id) => [id, { answers: { goal: `goal ${id}` }, updated: NOW }])) };
  const { store, storage } = await lockedStore(new FakeStorage({ [KEY]: JSON.stringify(three) }));
  const file = { a: { answers: { goal: "goal a from the file" } } };
  // The preview is open...
  assert.deepEqual(Object.keys(store.data.worksheets).sort(), ["a", "b", "c"]);
  const locksBefore = store.locks;
  await store.lockNow(); // ...the idle lock fires...
  // ...then Merge is chosen.
  const result = store.replace(applyImport(store.data, file, "merge", NOW));
  assert.deepEqual(result, { ok: false, error: "locked" });
  assert.deepEqual(store.put("a", file.a), { ok: false, error: "locked" });
  assert.equal(await store.unlock("correct horse").then((r) => r.ok), true);
  await store.whenSaved();
  const again = newStore(storage);
  await again.unlock("correct horse");
  assert.deepEqual(Object.keys(again.data.worksheets).sort(), ["a", "b", "c"]);
  assert.equal(again.worksheet("a").answers.goal, "goal a");
  assert.equal(store.locks, locksBefore + 1); // what tools.js compares after each await
});

test("store: a whole-workbook write held while locked joins the stored answers per worksheet on unlock", async () => {
  const storage = new FakeStorage({ [KEY]: JSON.stringify(plain()) });
  const other = newStore(storage); // a plain tab
  await lockedStore(storage); // another tab sets a passphrase
  // the plain tab had a replace (an import) pending when the lock arrived
  other.addFlusher(() => other.replace({ version: 1, worksheets: { "what-i-want": { answers: { matters_most: "Calm" } } } }));
  other.external(storage.getItem(KEY));
  assert.equal(other.lockState, "locked");
  await other.unlock("correct horse");
  await other.whenSaved();
  const check = newStore(storage);
  await check.unlock("correct horse");
  assert.equal(check.worksheet("what-i-want").answers.matters_most, "Calm");
  assert.equal(check.worksheet("smart-goal").answers.goal, SECRET); // not dropped by the held whole-workbook write
});

// Issue 14, path 2: an open locked tab met data it could not read and wrote
// an empty workbook plus its own unsaved worksheets over it.
test("store: an open locked tab never writes over a newer workbook's data, locked or plain", async () => {
  for (const newer of [
    JSON.stringify({ version: 99, worksheets: { w: { answers: { a: "new" } } } }),
    JSON.stringify({ version: 1, locked: { v: 99, suite: "future" }, idle_minutes: 5 }),
  ]) {
    const { store, storage } = await lockedStore();
    storage.setItem(KEY, newer); // newer code in another tab saved; its event is not here yet
    store.setField("smart-goal", "why", "typed here");
    await store.whenSaved();
    assert.equal(storage.getItem(KEY), newer);
    assert.equal(store.storage, "newer");
    assert.equal(store.worksheet("smart-goal").answers.why, "typed here");
    store.setField("smart-goal", "why", "typed again");
    await store.whenSaved();
    assert.equal(storage.getItem(KEY), newer);
  }
  // a page without the key meets a newer locked store: not set aside, not unlocked, not written
  const newerLocked = JSON.stringify({ version: 1, locked: { v: 99 }, idle_minutes: 5 });
  const storage = new FakeStorage({ [KEY]: newerLocked });
  const store = newStore(storage);
  assert.equal(store.storage, "newer");
  assert.equal(store.setField("w", "a", "b").ok, false);
  assert.equal(storage.getItem(KEY), newerLocked);
  assert.equal(storage.length, 1);
});

// Issue 14, the lock: idle_minutes and the envelope's fields are AES-GCM
// additional data, so nobody with the device can switch the idle lock off unnoticed.
test("the idle time and the envelope's fields are authenticated: altered, the data does not open", async () => {
  const { store, storage } = await lockedStore();
  await store.setIdle(5);
  const stored = JSON.parse(storage.getItem(KEY));
  assert.equal(stored.idle_minutes, 5);
  assert.equal(stored.locked.v, 2);
  const { key } = { key: store.vault.key };
  assert.equal(JSON.parse(await decrypt(key, stored.locked, 5)).worksheets["smart-goal"].answers.goal, SECRET);
  await assert.rejects(decrypt(key, stored.locked, 0)); // idle lock switched off outside the workbook
  await assert.rejects(decrypt(key, { ...stored.locked, iterations: stored.locked.iterations + 1 }, 5));
  await assert.rejects(decrypt(key, { ...stored.locked, v: 1 }, 5)); // no downgrade to the unauthenticated version
  // a page without the key: the altered setting does not unlock, and is not taken
  const tampered = JSON.stringify({ ...stored, idle_minutes: 0 });
  storage.setItem(KEY, tampered);
  const fresh = newStore(storage);
  assert.equal((await fresh.unlock("correct horse")).ok, false);
  assert.equal(fresh.lockState, "locked");
  // an open tab hearing of it locks rather than taking the new idle time
  store.external(tampered);
  await store.whenSaved();
  assert.equal(store.lockState, "locked");
});

test("a version 1 envelope (written before issue 14) still unlocks and is written again as version 2", async () => {
  const salt = new Uint8Array(16).fill(3);
  const key = await deriveKey("correct horse", salt, FEW);
  const iv = new Uint8Array(12).fill(9);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(JSON.stringify(plain()))));
  const v1 = { v: 1, alg: "AES-GCM-256", kdf: "PBKDF2-SHA-256", iterations: FEW, salt: toBase64(salt), iv: toBase64(iv), data: toBase64(data) };
  const storage = new FakeStorage({ [KEY]: JSON.stringify({ version: 1, locked: v1, idle_minutes: 30 }) });
  const store = newStore(storage);
  assert.equal((await store.unlock("correct horse")).ok, true);
  assert.equal(store.worksheet("smart-goal").answers.goal, SECRET);
  await store.whenSaved();
  const now = JSON.parse(storage.getItem(KEY));
  assert.equal(now.locked.v, 2);
  assert.equal(now.idle_minutes, 30);
  const again = newStore(storage);
  assert.equal((await again.unlock("correct horse")).ok, true);
  assert.equal(again.worksheet("smart-goal").answers.goal, SECRET);
});

test("set-aside copies are sealed once a passphrase is set, follow a change, and open again on removal", async () => {
  const { validateSetAside } = await import("../../site_overrides/assets/javascripts/transfer.js");
  const damaged = '{"version": 1, "worksheets": {"w": {"answers": {"a": "Private words, kept aside"}}';
  const storage = new FakeStorage({ [KEY]: damaged });
  const store = newStore(storage); // sets the damaged text aside
  const [copyKey] = store.quarantineKeys();
  assert.equal(storage.getItem(copyKey), damaged);
  assert.deepEqual(await store.setPassphrase("correct horse"), { ok: true });
  const sealed = storage.getItem(copyKey);
  assert.ok(!sealed.includes("Private"));
  const checked = validateSetAside(sealed);
  assert.equal(checked.ok, true);
  assert.equal((await open("correct horse", checked.encrypted, checked.idleMinutes)).text, damaged);
  assert.deepEqual(await store.setPassphrase("battery staple"), { ok: true }); // change
  assert.equal((await open("correct horse", JSON.parse(storage.getItem(copyKey)).locked, 0)).ok, false);
  assert.equal((await open("battery staple", JSON.parse(storage.getItem(copyKey)).locked, 0)).text, damaged);
  assert.deepEqual(await store.removePassphrase(), { ok: true });
  assert.equal(storage.getItem(copyKey), damaged);
});
