// answers.js: answers <-> controls, with plain objects standing in for inputs.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  answersAsText, controlsForValue, orphanAnswers, retireAnswer, valueAsText, valueFromControls,
} from "../../site_overrides/assets/javascripts/answers.js";

test("a multiple choice is a list, a single one a value, nothing picked is undefined", () => {
  const boxes = ["a", "b"].map((value) => ({ type: "checkbox", value, checked: false }));
  assert.equal(valueFromControls("choice", boxes), undefined);
  assert.equal(valueFromControls("scale", []), undefined);
  assert.deepEqual(controlsForValue("choice", ["a"], boxes), { fits: true, states: [{ checked: true }, { checked: false }] });
  const radios = ["a", "b"].map((value) => ({ type: "radio", value, checked: false }));
  assert.equal(controlsForValue("choice", "gone", radios).fits, false);
  assert.equal(controlsForValue("choice", undefined, radios).fits, true);
});

test("numbers show in a text box; earlier answers of a retired field never overwrite each other", () => {
  assert.deepEqual(controlsForValue("text", 7, [{ type: "text" }]).states, [{ value: "7" }]);
  let record = { answers: { a: "one" } };
  record = retireAnswer(record, "a");
  record = retireAnswer({ ...record, answers: { a: "two" } }, "a");
  record = retireAnswer({ ...record, answers: { a: "three" } }, "a");
  assert.deepEqual(record.earlier, { a: "one", "a-2": "two", "a-3": "three" });
  assert.equal(retireAnswer(record, "missing"), record);
});

test("text forms: empty values, rows with lists, orphans skip empty answers", () => {
  assert.equal(valueAsText(undefined), "");
  assert.equal(valueAsText(5), "5");
  assert.equal(valueAsText([{ tags: ["a", "b"] }, {}]), "1. tags: a, b\n2. ");
  assert.equal(answersAsText({}), "");
  assert.deepEqual(orphanAnswers({ gone: [], kept: ["x"] }, []), { kept: ["x"] });
});
