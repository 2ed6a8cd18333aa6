// Which rows of the tracker's table a render keeps (tracker-rows.js).
import { test } from "node:test";
import assert from "node:assert/strict";

import { reuseRows, rowKey } from "../../site_overrides/assets/javascripts/tracker-rows.js";

const e = (date, rating, note) => (note === undefined ? { date, rating } : { date, rating, note });
const shownOf = (pairs) => {
  const shown = new Map();
  for (const [entry, row] of pairs) shown.set(rowKey(entry), [...(shown.get(rowKey(entry)) || []), row]);
  return shown;
};

test("rowKey: the date, rating and note a row shows, and nothing else", () => {
  assert.equal(rowKey(e("2030-01-02", 3)), rowKey(e("2030-01-02", 3, "")));
  assert.equal(rowKey({ ...e("2030-01-02", 3, "x"), extra: 1 }), rowKey(e("2030-01-02", 3, "x")));
  assert.notEqual(rowKey(e("2030-01-02", 3)), rowKey(e("2030-01-02", 4)));
  assert.notEqual(rowKey(e("2030-01-02", 3)), rowKey(e("2030-01-03", 3)));
  assert.notEqual(rowKey(e("2030-01-02", 3, "a")), rowKey(e("2030-01-02", 3, "b")));
  assert.notEqual(rowKey(e("2030-01-02", 3, "a,b")), rowKey(e("2030-01-02", 3, "a\",\"b"))); // no separator clash
});

test("reuseRows keeps the rows of unchanged entries and builds the rest, in the entries' order", () => {
  const a = e("2030-01-01", 1);
  const b = e("2030-01-08", 2, "note");
  const c = e("2030-01-15", 3);
  const shown = shownOf([[a, "row-a"], [b, "row-b"], [c, "row-c"]]);
  const built = [];
  const build = (entry) => {
    built.push(entry);
    return `new-${entry.date}`;
  };
  const added = e("2030-01-10", 7);
  const changed = { ...b, note: "changed" };
  const { rows, kept } = reuseRows([a, changed, added, c], shown, build);
  assert.deepEqual(rows, ["row-a", "new-2030-01-08", "new-2030-01-10", "row-c"]);
  assert.deepEqual([...kept].sort(), ["row-a", "row-c"]);
  assert.deepEqual(built, [changed, added]);
  assert.deepEqual([...shown.get(rowKey(a))], ["row-a"], "the map given is not changed");
});

test("reuseRows uses each shown row once, also for entries that are alike", () => {
  const twin = e("2030-01-01", 5);
  const shown = shownOf([[twin, "first"], [twin, "second"]]);
  let n = 0;
  const { rows, kept } = reuseRows([twin, { ...twin }, { ...twin }], shown, () => `built-${(n += 1)}`);
  assert.deepEqual(rows, ["first", "second", "built-1"]);
  assert.equal(kept.size, 2);
  assert.deepEqual(reuseRows([], shown, () => assert.fail("nothing to build")), { rows: [], kept: new Set() });
});
