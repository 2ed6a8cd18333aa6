// The passphrase lock's cryptography, with no DOM: WebCrypto AES-GCM 256 with
// a key from PBKDF2-SHA-256, and the versioned envelope that carries the
// ciphertext in storage and in encrypted export files. Tested under
// `node --test` (Node 20 has the same globalThis.crypto.subtle).
//
// Envelope: {v: 2, alg: "AES-GCM-256", kdf: "PBKDF2-SHA-256", iterations,
// salt, iv, data}, the last three in base64. One salt per passphrase (the
// key is derived once and kept in memory while unlocked); a fresh random
// 96-bit IV for every encryption.
//
// Version 2 authenticates what sits beside the ciphertext: the envelope's
// own fields and, in storage, the lock's `idle_minutes` are AES-GCM
// additional data (additionalData), so someone with the device cannot switch
// the idle lock off, or swap in other settings, without decryption failing.
// Version 1 envelopes (no additional data) still open; the store writes them
// again as version 2 on unlock.

export const ITERATIONS = 600_000; // OWASP's 2023 figure for PBKDF2-HMAC-SHA256
export const MAX_ITERATIONS = 10_000_000; // an envelope asking for more is not one we wrote
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const MIN_PASSPHRASE = 8;
export const ENVELOPE_KEYS = ["v", "alg", "kdf", "iterations", "salt", "iv", "data"];
export const ENVELOPE_VERSION = 2; // the newest envelope `v` this code writes and reads (1 still opens)

const subtle = () => globalThis.crypto.subtle;
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const randomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

const decodedLength = (text) => Math.floor((text.length * 3) / 4) - (text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0);

/** Why `env` is not an envelope this code can open, or null when it is. */
export function checkEnvelope(env) {
  if (!isObject(env)) return "the locked data is not in the expected shape";
  if (env.v !== 1 && env.v !== ENVELOPE_VERSION) return `the locked data uses an envelope version this page does not know (${JSON.stringify(env.v)?.slice(0, 20)})`;
  if (env.alg !== "AES-GCM-256" || env.kdf !== "PBKDF2-SHA-256") return "the locked data uses a cipher this page does not know";
  const extra = Object.keys(env).find((k) => !ENVELOPE_KEYS.includes(k));
  if (extra !== undefined) return `the locked data has an unknown entry "${String(extra).slice(0, 40)}"`;
  if (!Number.isInteger(env.iterations) || env.iterations < 1 || env.iterations > MAX_ITERATIONS) return "the locked data has an impossible key-derivation count";
  for (const [name, min, max] of [["salt", SALT_BYTES, 64], ["iv", IV_BYTES, IV_BYTES], ["data", 16, Infinity]]) {
    const text = env[name];
    if (typeof text !== "string" || text.length % 4 !== 0 || !B64.test(text)) return `the locked data's ${name} is not base64`;
    const n = decodedLength(text);
    if (n < min || n > max) return `the locked data's ${name} has the wrong length`;
  }
  return null;
}

/**
 * A non-extractable AES-GCM 256 key from a passphrase (NFC-normalised, so the
 * same words typed on another keyboard still match) and a salt.
 */
export async function deriveKey(passphrase, salt, iterations = ITERATIONS) {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) throw new RangeError("iterations");
  const material = await subtle().importKey("raw", new TextEncoder().encode(String(passphrase).normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
  return subtle().deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/**
 * The additional data a version 2 envelope is sealed with: its own fields
 * and `idleMinutes` (the stored lock's setting; null for export files and
 * set-aside copies, which have none), as one fixed JSON text.
 */
export function additionalData(env, idleMinutes = null) {
  return new TextEncoder().encode(JSON.stringify(["therapy-goals-workbook", env.v, env.alg, env.kdf, env.iterations, env.salt, idleMinutes]));
}

const gcm = (env, iv, idleMinutes) => (env.v === 1 ? { name: "AES-GCM", iv } : { name: "AES-GCM", iv, additionalData: additionalData(env, idleMinutes) });

/**
 * Encrypt text under `key` with a fresh IV; `salt` and `iterations` are those
 * the key came from; `idleMinutes` is authenticated with it (null: none).
 */
export async function encrypt(key, plaintext, salt, iterations, idleMinutes = null) {
  const iv = randomBytes(IV_BYTES);
  const env = { v: ENVELOPE_VERSION, alg: "AES-GCM-256", kdf: "PBKDF2-SHA-256", iterations, salt: toBase64(salt), iv: toBase64(iv) };
  const data = new Uint8Array(await subtle().encrypt(gcm(env, iv, idleMinutes), key, new TextEncoder().encode(plaintext)));
  return { ...env, data: toBase64(data) };
}

/**
 * The text inside `env`; rejects (DOMException "OperationError") for a wrong
 * key, altered data, or (version 2) an `idleMinutes` other than the one it was sealed with.
 */
export async function decrypt(key, env, idleMinutes = null) {
  const error = checkEnvelope(env);
  if (error) throw new TypeError(error);
  const plain = await subtle().decrypt(gcm(env, fromBase64(env.iv), idleMinutes), key, fromBase64(env.data));
  return new TextDecoder("utf-8", { fatal: true }).decode(plain);
}

/** A fresh salt and the key for `passphrase`: what setting or changing a passphrase needs. */
export async function newKey(passphrase, iterations = ITERATIONS) {
  const salt = randomBytes(SALT_BYTES);
  return { key: await deriveKey(passphrase, salt, iterations), salt, iterations };
}

/**
 * Derive the key for an envelope and open it: {ok, text, key, salt,
 * iterations} or {ok: false} for a wrong passphrase or altered data.
 * `idleMinutes` is the setting stored beside it (null for files).
 */
export async function open(passphrase, env, idleMinutes = null) {
  const salt = fromBase64(env.salt);
  const key = await deriveKey(passphrase, salt, env.iterations);
  try {
    return { ok: true, text: await decrypt(key, env, idleMinutes), key, salt, iterations: env.iterations };
  } catch {
    return { ok: false };
  }
}

/** Why a new passphrase cannot be used (too short, the two differ), or null. */
export function checkNewPassphrase(first, second) {
  if ([...String(first)].length < MIN_PASSPHRASE) return `Use at least ${MIN_PASSPHRASE} characters. A few unrelated words are easier to remember than a short code.`;
  if (first !== second) return "The two passphrases are not the same. Type the same passphrase in both boxes.";
  return null;
}

// ---------------------------------------------------------------- slowing repeated wrong tries

export const MAX_DELAY_MS = 30_000;

/** Wait before the next try after `failures` wrong ones: 0, 1 s, 2 s, 4 s … at most 30 s. */
export const retryDelay = (failures) => (failures <= 0 ? 0 : Math.min(1000 * 2 ** (failures - 1), MAX_DELAY_MS));

/**
 * Wrong-try bookkeeping over a small key-value store ({get, set} of text;
 * the page passes sessionStorage, so a reload does not reset it). `now` is
 * injectable for tests.
 */
export function throttle(kv, name = "workbook:unlock-tries", now = () => Date.now()) {
  const read = () => {
    try {
      const v = JSON.parse(kv.get(name) || "null");
      return isObject(v) && Number.isInteger(v.failures) && Number.isFinite(v.until) ? v : { failures: 0, until: 0 };
    } catch {
      return { failures: 0, until: 0 };
    }
  };
  const write = (v) => {
    try { kv.set(name, JSON.stringify(v)); } catch { /* memory is enough */ }
  };
  let memory = read();
  return {
    /** Milliseconds until the next try is allowed (0: now). */
    wait() {
      const stored = read();
      if (stored.until > memory.until) memory = stored;
      return Math.max(0, memory.until - now());
    },
    failed() {
      const failures = Math.max(memory.failures, read().failures) + 1;
      memory = { failures, until: now() + retryDelay(failures) };
      write(memory);
      return retryDelay(failures);
    },
    succeeded() {
      memory = { failures: 0, until: 0 };
      write(memory);
    },
  };
}
