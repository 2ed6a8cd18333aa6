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

// Issue 14, path 6: retireAnswer looped for ever on ids of 63 or 64 characters
// (the numbered key was cut back to the id itself), freezing the tab.
import { Worker } from "node:worker_threads";

/** Run the id fuzz (tests/js/fuzz/retire-worker.mjs) in a worker; reject after `ms`. */
export function fuzzRetire({ module = new URL("../../site_overrides/assets/javascripts/answers.js", import.meta.url).href, rounds = 3000, seed = 14, ms = 10_000 } = {}) {
  const js = (name) => new URL(`../../site_overrides/assets/javascripts/${name}`, import.meta.url).href;
  const worker = new Worker(new URL("./fuzz/retire-worker.mjs", import.meta.url), {
    workerData: { module, format: js("format.js"), contract: js("contract.js"), rounds, seed },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`retireAnswer did not return within ${ms} ms`));
    }, ms);
    worker.once("message", (problems) => { clearTimeout(timer); worker.terminate(); resolve(problems); });
    worker.once("error", (error) => { clearTimeout(timer); reject(error); });
  });
}

test("retireAnswer returns for ids of every length, 63 and 64 too, with valid keys and nothing lost (fuzz)", async () => {
  // Called in a worker: on the old code a direct call would hang this test file.
  assert.deepEqual(await fuzzRetire(), []);
});
