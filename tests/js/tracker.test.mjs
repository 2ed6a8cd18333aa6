// Pure tracker and My goals logic: dates, entry validation, ordering, the
// summary sentence, the chart's geometry, and which goals the My goals page lists.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  CHART, chartModel, chartTree, changeWords, parseEntry, sortEntries, splitEntries, storedEntryProblem, summarize,
} from "../../site_overrides/assets/javascripts/chart.js";
import { dayNumber, formatDate, isoToday, parseIsoDate } from "../../site_overrides/assets/javascripts/dates.js";
import { collectGoals, goalFacts, goalNote } from "../../site_overrides/assets/javascripts/mygoals.js";

const TODAY = "2030-03-01";

test("dates: only real calendar days in YYYY-MM-DD", () => {
  assert.deepEqual(parseIsoDate("2028-02-29"), { year: 2028, month: 2, day: 29 });
  for (const bad of ["2026-02-30", "2027-02-29", "2030-13-01", "2030-00-10", "2030-04-31", "2030-1-5", "05/01/2030", "", null, 20300101]) {
    assert.equal(parseIsoDate(bad), null, String(bad));
  }
  assert.equal(dayNumber("1970-01-02"), 1);
  assert.equal(formatDate("2030-01-02"), "2 Jan 2030");
  assert.equal(formatDate("2030-02-20", { year: false }), "20 Feb");
  assert.equal(isoToday(new Date(2030, 0, 5, 23, 59)), "2030-01-05"); // local time, not UTC
});

test("parseEntry accepts a whole rating 0-10 on a real, past date and trims the note", () => {
  assert.deepEqual(parseEntry({ date: "2030-01-02", rating: "3", note: "  first week " }, { today: TODAY }),
    { ok: true, entry: { date: "2030-01-02", rating: 3, note: "first week" } });
  assert.deepEqual(parseEntry({ date: "2030-03-01", rating: 0, note: "" }, { today: TODAY }),
    { ok: true, entry: { date: "2030-03-01", rating: 0 } });
  assert.deepEqual(parseEntry({ date: "2030-01-02", rating: " 10 " }).entry, { date: "2030-01-02", rating: 10 });
});

test("parseEntry refuses bad ratings with a clear message", () => {
  const cases = {
    11: /11 is more than 10/,
    "-1": /-1 is less than 0/,
    seven: /“seven” is not a number/,
    "7.5": /7.5 is not a whole number/,
    "1e1": /not a number/,
    "": /Choose a rating/,
  };
  for (const [rating, message] of Object.entries(cases)) {
    const result = parseEntry({ date: "2030-01-02", rating }, { today: TODAY });
    assert.equal(result.ok, false, rating);
    assert.equal(result.field, "rating");
    assert.match(result.message, message);
    assert.match(result.message, /whole number from 0 \(not at all\) to 10 \(fully\)/);
  }
  assert.match(parseEntry({ date: "2030-01-02", rating: "" }, { badRating: true }).message, /^That is not a number/);
});

test("parseEntry refuses dates that do not exist, are not dates, are missing or are in the future", () => {
  const check = (date, message, opts = { today: TODAY }) => {
    const result = parseEntry({ date, rating: 5 }, opts);
    assert.equal(result.ok, false, date);
    assert.equal(result.field, "date");
    assert.match(result.message, message);
  };
  check("2026-02-30", /30 Feb 2026 doesn't exist/);
  check("2030-13-01", /doesn't exist/);
  check("tomorrow", /“tomorrow” is not a date/);
  check("", /Enter the date/);
  check("2030-03-02", /in the future/);
  check("1850-01-01", /too long ago/);
  check("", /doesn't exist/, { badDate: true });
  assert.equal(parseEntry({ date: "2030-03-02", rating: 5 }).ok, true, "without today, future dates are fine (stored data)");
  assert.match(parseEntry({ date: "2030-01-01", rating: 5, note: "x".repeat(501) }).message, /Keep it to 500/);
});

test("stored entries: sound ones are charted in date order, others are kept aside with the reason", () => {
  const value = [
    { date: "2030-02-20", rating: 6 },
    { date: "2026-02-30", rating: 4 },
    { date: "2030-01-02", rating: 3, note: "start" },
    { date: "2030-01-09", rating: 11 },
    { date: "2030-01-10", rating: "5" },
    "loose text",
  ];
  const { valid, invalid } = splitEntries(value);
  assert.deepEqual(valid.map((e) => e.date), ["2030-01-02", "2030-02-20"]);
  assert.deepEqual(invalid.map((i) => i.index), [1, 3, 4, 5]);
  assert.match(invalid[0].message, /doesn't exist/);
  assert.match(invalid[1].message, /more than 10/);
  assert.match(storedEntryProblem({ date: "2030-01-10", rating: "5" }), /should be a number/);
  assert.deepEqual(splitEntries("not a list"), { valid: [], invalid: [] });
  assert.deepEqual(sortEntries([{ date: "b", n: 1 }, { date: "a" }, { date: "b", n: 2 }]).map((e) => e.n), [undefined, 1, 2]);
});

test("summary sentence: first and latest rating with dates, and the change", () => {
  const entries = [{ date: "2030-02-20", rating: 6 }, { date: "2030-01-02", rating: 3 }, { date: "2030-01-20", rating: 4 }];
  assert.equal(summarize(entries), "3 ratings, from 3 on 2 Jan to 6 on 20 Feb 2030: up 3 points.");
  assert.equal(summarize([{ date: "2029-12-30", rating: 5 }, { date: "2030-01-06", rating: 4 }]),
    "2 ratings, from 5 on 30 Dec 2029 to 4 on 6 Jan 2030: down 1 point.");
  assert.equal(summarize([{ date: "2030-01-02", rating: 5 }]), "1 rating so far: 5 on 2 Jan 2030.");
  assert.match(summarize([]), /^No ratings yet/);
  assert.equal(changeWords(4, 4), "no change");
});

test("chart geometry: 0 at the bottom, 10 at the top, dates in proportion, ticks in range", () => {
  const entries = [{ date: "2030-01-11", rating: 10 }, { date: "2030-01-01", rating: 0 }, { date: "2030-01-06", rating: 5 }];
  const m = chartModel(entries);
  const { plot } = m;
  assert.deepEqual(m.points.map((p) => [p.date, p.rating]), [["2030-01-01", 0], ["2030-01-06", 5], ["2030-01-11", 10]]);
  assert.equal(m.points[0].y, plot.y1);
  assert.equal(m.points[2].y, plot.y0);
  assert.equal(m.points[1].y, (plot.y0 + plot.y1) / 2);
  assert.equal(m.points[1].x, (m.points[0].x + m.points[2].x) / 2, "x is proportional to time");
  assert.ok(m.points.every((p) => p.x > plot.x0 && p.x < plot.x1));
  assert.deepEqual(m.yTicks.map((t) => t.value), [0, 2, 4, 6, 8, 10]);
  assert.ok(m.xTicks.length >= 2 && m.xTicks.length <= 6);
  assert.equal(m.xTicks[0].label, "1 Jan");
  assert.equal(m.xTicks.at(-1).label, "11 Jan");
  assert.equal(m.year, "2030");
  const one = chartModel([{ date: "2030-01-01", rating: 7 }]);
  assert.equal(one.points[0].x, (one.plot.x0 + one.plot.x1) / 2);
  assert.equal(one.xTicks.length, 1);
  const years = chartModel([{ date: "2029-06-01", rating: 1 }, { date: "2030-06-01", rating: 2 }]);
  assert.equal(years.year, null);
  assert.match(years.xTicks[0].label, /2029$/);
});

test("chart tree: an SVG image named by the summary, one point per entry, colours from currentColor", () => {
  const entries = [{ date: "2030-01-02", rating: 3 }, { date: "2030-02-20", rating: 6 }];
  const tree = chartTree(entries, { labelledBy: "sum" });
  assert.equal(tree.tag, "svg");
  assert.equal(tree.attrs.role, "img");
  assert.equal(tree.attrs["aria-labelledby"], "sum");
  assert.equal(tree.attrs.viewBox, `0 0 ${CHART.width} ${CHART.height}`);
  const all = [];
  const walk = (n) => { all.push(n); n.children.forEach(walk); };
  walk(tree);
  const points = all.filter((n) => n.attrs.class === "wb-chart__point");
  assert.deepEqual(points.map((p) => [p.attrs["data-date"], p.attrs["data-rating"]]), [["2030-01-02", 3], ["2030-02-20", 6]]);
  assert.equal(all.filter((n) => n.tag === "path").length, 1);
  const colours = all.flatMap((n) => [n.attrs.fill, n.attrs.stroke]).filter((v) => v && v !== "none");
  assert.ok(colours.every((c) => c === "currentColor"), colours.join());
  assert.ok(all.some((n) => n.tag === "text" && n.text === "Date (2030)"));
  assert.equal(chartTree([{ date: "2030-01-02", rating: 3 }]).children.filter((n) => n.tag === "path").length, 0);
});

const INDEX = {
  format: 1,
  worksheets: [
    { id: "smart-goal", title: "SMART goal builder", url: "worksheets/smart-goal/", fields: [
      { id: "goal", kind: "goal", label: "My goal", why: "why", confidence: "confidence" }] },
    { id: "progress-tracker", title: "My progress tracker", url: "worksheets/progress-tracker/", fields: [
      { id: "goal", kind: "goal", label: "The goal I'm tracking", why: null, confidence: null },
      { id: "ratings", kind: "tracker", label: "How close I am", goal: "goal" }] },
    { id: "reviewing-goals", title: "Reviewing my goals", url: "worksheets/reviewing-goals/", fields: [] },
  ],
  review: { worksheet: "reviewing-goals", field: "review_date" },
};
const record = (answers, updated = "2030-01-01T10:00:00.000Z") => ({ answers, updated });

test("My goals: goals from every worksheet, with first and latest rating, change and last reviewed", () => {
  const data = { version: 1, worksheets: {
    "smart-goal": record({ goal: "Walk at lunch three times a week", why: "Energy", confidence: 7 }, "2030-02-10T12:00:00.000Z"),
    "progress-tracker": record({ goal: "Call a friend every Sunday", ratings: [
      { date: "2030-02-20", rating: 6 }, { date: "2030-01-02", rating: 3 }, { date: "2030-01-09", rating: 12 }] }),
  } };
  const goals = collectGoals(INDEX, data, TODAY);
  assert.deepEqual(goals.map((g) => g.key), ["smart-goal/goal", "progress-tracker/goal"]);
  const [smart, tracked] = goals;
  assert.equal(smart.why, "Energy");
  assert.equal(smart.confidence, 7);
  assert.equal(smart.first, null);
  assert.deepEqual(smart.lastReviewed, { date: "2030-02-10", source: "when you last changed this worksheet" });
  assert.match(goalNote(smart), /copy it into My progress tracker/);
  assert.deepEqual([tracked.first.rating, tracked.latest.rating, tracked.change], [3, 6, 3]);
  assert.equal(tracked.ratings.length, 2, "the unreadable rating is not counted");
  assert.deepEqual(tracked.lastReviewed, { date: "2030-02-20", source: "your latest rating" });
  assert.equal(tracked.daysSinceRating, 9);
  assert.equal(goalNote(tracked), null);
  assert.deepEqual(goalFacts(tracked), [
    ["First rating", "3 on 2 Jan 2030"],
    ["Latest rating", "6 on 20 Feb 2030"],
    ["Change", "up 3 points (from 3 to 6)"],
    ["Last reviewed", "20 Feb 2030 (your latest rating)"],
  ]);
});

test("My goals: a later review counts as reviewed; more than two weeks without a rating gets a gentle note", () => {
  const data = { version: 1, worksheets: {
    "progress-tracker": record({ goal: "Sleep by eleven", ratings: [{ date: "2030-02-01", rating: 4 }] }),
    "reviewing-goals": record({ review_date: "2030-02-10" }),
  } };
  let [goal] = collectGoals(INDEX, data, "2030-02-15");
  assert.deepEqual(goal.lastReviewed, { date: "2030-02-10", source: "your last review on Reviewing my goals" });
  assert.equal(goalNote(goal), null, "14 days is not more than two weeks");
  [goal] = collectGoals(INDEX, data, "2030-02-16");
  assert.match(goalNote(goal), /It has been 15 days since you last rated this goal/);
  assert.deepEqual(goalFacts(goal).slice(0, 2), [["First rating", "4 on 1 Feb 2030"], ["Latest rating", "the same: only one rating so far"]]);
});

test("My goals: ratings without a written goal still count; empty answers list nothing", () => {
  const ratingsOnly = { version: 1, worksheets: { "progress-tracker": record({ ratings: [{ date: "2030-01-02", rating: 2 }] }) } };
  const [goal] = collectGoals(INDEX, ratingsOnly, TODAY);
  assert.equal(goal.text, null);
  assert.equal(goal.first.rating, 2);
  const unrated = collectGoals(INDEX, { version: 1, worksheets: { "progress-tracker": record({ goal: "Swim" }) } }, TODAY);
  assert.match(goalNote(unrated[0]), /haven't rated this goal yet/);
  assert.deepEqual(goalFacts(unrated[0])[0], ["Ratings", "not rated yet"]);
  assert.deepEqual(collectGoals(INDEX, { version: 1, worksheets: {} }, TODAY), []);
  assert.deepEqual(collectGoals(INDEX, { version: 1, worksheets: { "smart-goal": record({ goal: "   ", why: "x" }) } }, TODAY), []);
});

test("My goals: the review date is whichever worksheet the index names, under its own title", () => {
  const index = {
    ...INDEX,
    worksheets: [...INDEX.worksheets, { id: "check-in", title: "Monthly check-in", url: "worksheets/check-in/", fields: [] }],
    review: { worksheet: "check-in", field: "when" },
  };
  const data = { version: 1, worksheets: {
    "progress-tracker": record({ goal: "Sleep by eleven", ratings: [{ date: "2030-02-01", rating: 4 }] }),
    "reviewing-goals": record({ review_date: "2030-02-20" }),
    "check-in": record({ when: "2030-02-10" }),
  } };
  const [goal] = collectGoals(index, data, "2030-02-15");
  assert.deepEqual(goal.lastReviewed, { date: "2030-02-10", source: "your last review on Monthly check-in" });
});
