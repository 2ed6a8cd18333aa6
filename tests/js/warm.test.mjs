// warm.js: which connections are spared the checker's warm-up download (issue 16).
import { test } from "node:test";
import assert from "node:assert/strict";

const { sparing } = await import("../../site_overrides/assets/javascripts/warm.js");

test("save-data and 2g connections are spared; others and unknown ones are not", () => {
  assert.equal(sparing({ saveData: true, effectiveType: "4g" }), true);
  assert.equal(sparing({ saveData: false, effectiveType: "2g" }), true);
  assert.equal(sparing({ saveData: false, effectiveType: "slow-2g" }), true);
  assert.equal(sparing({ saveData: false, effectiveType: "3g" }), false);
  assert.equal(sparing({ saveData: false, effectiveType: "4g" }), false);
  assert.equal(sparing({}), false);
  assert.equal(sparing(null), false); // no Network Information API (Firefox, Safari)
});
