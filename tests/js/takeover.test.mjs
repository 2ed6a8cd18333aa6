// takeover.js: after "Reload" on the update notice the page reloads once, when the new service
// worker is active, not on a fixed timer (a reload served by the old worker made a second one).
import { test } from "node:test";
import assert from "node:assert/strict";

import { FALLBACK_MS, takeOverThenReload } from "../../site_overrides/assets/javascripts/takeover.js";

class FakeWorker extends EventTarget {
  constructor(state = "installed") {
    super();
    this.state = state;
    this.sent = [];
  }
  postMessage(message) {
    this.sent.push(message);
  }
  become(state) {
    this.state = state;
    this.dispatchEvent(new Event("statechange"));
  }
}

/** Timers the test runs by hand: {setTimeout, clearTimeout, fire()} */
function manualTimers() {
  const pending = new Map();
  let next = 1;
  return {
    pending,
    setTimeout(fn, ms) {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    fire() {
      for (const [id, { fn }] of [...pending]) {
        pending.delete(id);
        fn();
      }
    },
  };
}

const start = (worker, { controller = null } = {}) => {
  const timers = manualTimers();
  const reloads = [];
  takeOverThenReload(worker, () => reloads.push(worker.state), { controller: () => controller, timers });
  return { timers, reloads };
};

test("asks the waiting worker to take over and reloads only when it is activated", () => {
  const worker = new FakeWorker();
  const { reloads, timers } = start(worker);
  assert.deepEqual(worker.sent, [{ type: "SKIP_WAITING" }]);
  assert.deepEqual(reloads, []);
  worker.become("activating");
  assert.deepEqual(reloads, [], "activating is not yet active");
  worker.become("activated");
  assert.deepEqual(reloads, ["activated"]);
  assert.equal(timers.pending.size, 0, "the fallback is cancelled");
});

test("reloads once, however many signals follow", () => {
  const worker = new FakeWorker();
  const { reloads, timers } = start(worker);
  worker.become("activated");
  worker.become("redundant");
  timers.fire();
  assert.equal(reloads.length, 1);
});

test("a worker replaced by a newer one (redundant) still ends in a reload", () => {
  const worker = new FakeWorker();
  const { reloads } = start(worker);
  worker.become("redundant");
  assert.deepEqual(reloads, ["redundant"]);
});

test("already in control (another tab asked first): reloads at once without asking again", () => {
  const worker = new FakeWorker("activated");
  const { reloads } = start(worker, { controller: worker });
  assert.deepEqual(reloads, ["activated"]);
  assert.deepEqual(worker.sent, []);
});

test("a worker that never takes over: the fallback reloads after FALLBACK_MS, not at 3 s", () => {
  const worker = new FakeWorker();
  const { reloads, timers } = start(worker);
  const [{ ms }] = [...timers.pending.values()];
  assert.equal(ms, FALLBACK_MS);
  assert.ok(FALLBACK_MS >= 10000);
  timers.fire();
  assert.deepEqual(reloads, ["installed"]);
});
