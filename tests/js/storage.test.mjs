// storage.js: every storage failure becomes a status, never an exception.
import { test } from "node:test";
import assert from "node:assert/strict";

import { storageAdapter } from "../../site_overrides/assets/javascripts/storage.js";
import { FakeStorage } from "./fake-storage.mjs";

test("reads, writes, removes and lists keys of a working storage", () => {
  const storage = new FakeStorage({ a: "1" });
  const adapter = storageAdapter(storage);
  assert.deepEqual(adapter.get("a"), { ok: true, value: "1" });
  assert.deepEqual(adapter.get("none"), { ok: true, value: null });
  assert.equal(adapter.set("b", "2").ok, true);
  assert.deepEqual(adapter.keys(), { ok: true, value: ["a", "b"] });
  assert.equal(adapter.remove("a").ok, true);
  assert.equal(storage.getItem("a"), null);
});

test("quota errors of every browser family are 'quota'; anything else is 'unavailable'", () => {
  for (const e of [{ name: "QuotaExceededError" }, { name: "NS_ERROR_DOM_QUOTA_REACHED" }, { code: 22 }, { code: 1014 }]) {
    const full = { setItem() { throw Object.assign(new Error("full"), e); } };
    assert.deepEqual(storageAdapter(full).set("k", "v"), { ok: false, error: "quota" });
  }
  const broken = { getItem() { throw new TypeError("no"); } };
  assert.deepEqual(storageAdapter(broken).get("k"), { ok: false, error: "unavailable" });
});

test("a storage getter that throws is asked again on every call", () => {
  let calls = 0;
  const storage = new FakeStorage();
  const adapter = storageAdapter(() => {
    calls += 1;
    if (calls === 1) throw new DOMException("denied", "SecurityError");
    return storage;
  });
  assert.deepEqual(adapter.get("k"), { ok: false, error: "unavailable" });
  assert.deepEqual(adapter.get("k"), { ok: true, value: null });
});
