// contract.js (generated from generator/contract.py): helpers and message guards.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  ATTR, DOM_ID_PREFIX, MESSAGE, domId, isCheckMessage, isErrorMessage, isId, isReadyMessage, isResultMessage,
  isUnavailableMessage, sel,
} from "../../site_overrides/assets/javascripts/contract.js";

test("guards tell the worker's messages apart and refuse anything else", () => {
  assert.equal(isCheckMessage({ id: 1, type: MESSAGE.CHECK, text: "x" }), true);
  assert.equal(isCheckMessage({ id: "1", type: MESSAGE.CHECK }), false);
  assert.equal(isCheckMessage({ id: 1, type: "eval" }), false);
  assert.equal(isReadyMessage({ type: "ready", ms: 5 }), true);
  assert.equal(isUnavailableMessage({ type: "unavailable", reason: "no wasm" }), true);
  assert.equal(isResultMessage({ id: 1, type: "result", report: {} }), true);
  assert.equal(isResultMessage({ id: 1, type: "result", report: null }), false);
  assert.equal(isErrorMessage({ id: 1, type: "error", message: "x" }), true);
  for (const guard of [isCheckMessage, isReadyMessage, isUnavailableMessage, isResultMessage, isErrorMessage]) {
    assert.equal(guard(null), false);
    assert.equal(guard("ready"), false);
    assert.equal(guard([{ type: "ready" }]), false);
  }
});

test("selectors, element ids and field ids", () => {
  assert.equal(sel(ATTR.field), "[data-field]");
  assert.equal(sel(ATTR.smartFeedback, 'a"b\\c'), '[data-smart-feedback="a\\"b\\\\c"]');
  assert.equal(domId("ratings"), `${DOM_ID_PREFIX}ratings`);
  assert.equal(domId("steps", 0, "by"), "wb-steps-0-by");
  assert.equal(isId("first_steps"), true);
  assert.equal(isId("constructor1"), true);
  assert.equal(isId("Bad"), false);
  assert.equal(isId("x".repeat(65)), false);
  assert.equal(isId(5), false);
  assert.ok(Object.isFrozen(ATTR) && Object.isFrozen(MESSAGE));
});
