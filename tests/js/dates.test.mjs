// dates.js: ISO calendar dates, whole days between them, and how they read.
import { test } from "node:test";
import assert from "node:assert/strict";

import { dayNumber, daysBetween, formatDate, isoToday, parseIsoDate } from "../../site_overrides/assets/javascripts/dates.js";

test("leap days exist only in leap years", () => {
  assert.deepEqual(parseIsoDate("2028-02-29"), { year: 2028, month: 2, day: 29 });
  assert.equal(parseIsoDate("2030-02-29"), null);
  assert.equal(parseIsoDate("2100-02-29"), null);
  assert.deepEqual(parseIsoDate("2000-02-29"), { year: 2000, month: 2, day: 29 });
  assert.equal(parseIsoDate(20300101), null);
  assert.equal(parseIsoDate("2030-1-01"), null);
});

test("whole days across months, years and a summer-time change", () => {
  assert.equal(daysBetween("2030-01-31", "2030-03-01"), 29);
  assert.equal(daysBetween("2029-12-31", "2030-01-01"), 1);
  assert.equal(daysBetween("2030-03-30", "2030-03-31"), 1);
  assert.equal(daysBetween("2030-03-02", "2030-03-01"), -1);
  assert.equal(dayNumber("1970-01-02"), 1);
  assert.ok(Number.isNaN(dayNumber("nope")));
});

test("formatting and today in the person's own time zone", () => {
  assert.equal(formatDate("2030-12-09"), "9 Dec 2030");
  assert.equal(formatDate("2030-12-09", { year: false }), "9 Dec");
  assert.equal(formatDate("not a date"), "not a date");
  assert.equal(isoToday(new Date(2030, 0, 5, 23, 59)), "2030-01-05");
});
