// dom.js: count is pure (the rest builds DOM nodes, covered by the browser tests).
import { test } from "node:test";
import assert from "node:assert/strict";

import { count } from "../../site_overrides/assets/javascripts/dom.js";

test("count: one, many, and an irregular plural", () => {
  assert.equal(count(1, "worksheet"), "1 worksheet");
  assert.equal(count(0, "answer"), "0 answers");
  assert.equal(count(3, "set-aside copy", "set-aside copies"), "3 set-aside copies");
});
