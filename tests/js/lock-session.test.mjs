// lock-session.js: when an open workbook locks by itself, and who hears of it.
import { test } from "node:test";
import assert from "node:assert/strict";

import { idleExpired, lockHere, onRelock } from "../../site_overrides/assets/javascripts/lock-session.js";

const MIN = 60_000;

test("idle time: only an open workbook, only after its minutes, never with 0", () => {
  const base = { lockState: "open", idleMinutes: 15, lastActivity: 0 };
  assert.equal(idleExpired({ ...base, now: 15 * MIN - 1 }), false);
  assert.equal(idleExpired({ ...base, now: 15 * MIN }), true);
  assert.equal(idleExpired({ ...base, idleMinutes: 0, now: 1e12 }), false);
  assert.equal(idleExpired({ ...base, lockState: "locked", now: 1e12 }), false);
  assert.equal(idleExpired({ ...base, lockState: "none", now: 1e12 }), false);
});

test("after a lock, every registered page hears of it, until it leaves", async () => {
  const store = { lockState: "open", async lockNow() { this.lockState = "locked"; } };
  const heard = [];
  const off = onRelock((s) => heard.push(s.lockState));
  await lockHere(store);
  off();
  await lockHere(store);
  assert.deepEqual(heard, ["locked"]);
});
