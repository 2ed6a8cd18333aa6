// earlier.js: which answers the "Earlier answers" box shows.
import { test } from "node:test";
import assert from "node:assert/strict";

import { earlierAnswers } from "../../site_overrides/assets/javascripts/earlier.js";

test("answers of gone fields, retired answers and values a field cannot show", () => {
  const record = { answers: { goal: "Walk", old_field: "kept", mood: "gone-option", blank: "" }, earlier: { goal: "Run" } };
  assert.deepEqual(earlierAnswers(record, ["goal", "mood"]), { old_field: "kept", goal: "Run" });
  assert.deepEqual(earlierAnswers(record, ["goal", "mood"], new Set(["mood"])), { old_field: "kept", goal: "Run", mood: "gone-option" });
});

test("nothing to show for a record whose answers all fit", () => {
  assert.deepEqual(earlierAnswers({ answers: { goal: "Walk" } }, ["goal"], ["goal"]), { goal: "Walk" });
  assert.deepEqual(earlierAnswers({ answers: { goal: "Walk" } }, ["goal"]), {});
  assert.deepEqual(earlierAnswers({ answers: { goal: "" } }, ["goal"], ["goal"]), {});
});
