// repeat.js: the pure half (row numbering, what counts as rows); the DOM half
// runs in tests/browser/test_filling.py.
import { test } from "node:test";
import assert from "node:assert/strict";

import { isRows, rowAttribute } from "../../site_overrides/assets/javascripts/repeat.js";

test("row attributes: names and ids count from 0, labels people hear from 1", () => {
  assert.equal(rowAttribute("name", "first_steps[__ROW__].step", 2), "first_steps[2].step");
  assert.equal(rowAttribute("id", "wb-first_steps-__ROW__-step", 0), "wb-first_steps-0-step");
  assert.equal(rowAttribute("aria-label", "Remove row __ROW__", 0), "Remove row 1");
  assert.equal(rowAttribute("for", "no marker", 3), "no marker");
});

test("rows are a list of plain objects, and nothing else", () => {
  assert.equal(isRows([]), true);
  assert.equal(isRows([{ step: "a" }, {}]), true);
  assert.equal(isRows("text"), false);
  assert.equal(isRows([["nested"]]), false);
  assert.equal(isRows([null]), false);
  assert.equal(isRows(["a"]), false);
});
