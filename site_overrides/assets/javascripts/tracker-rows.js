// Which rows of the tracker's table a render can keep (pure, tested under `node --test`). A row shows
// an entry's date, rating and note and nothing else, so a row built for one entry shows any entry with
// the same three: tracker.js keeps those rows in the page and builds rows only for entries that are new.

/** The part of an entry its row shows: entries with the same key have identical rows. */
export const rowKey = (entry) => JSON.stringify([entry.date, entry.rating, entry.note || ""]);

/**
 * The rows for `entries` in order: a row of `shown` (rowKey -> rows, in table order) where one shows the
 * same key, each used once, else `build(entry)`. `kept`: the rows of `shown` used again.
 */
export function reuseRows(entries, shown, build) {
  const left = new Map([...shown].map(([key, rows]) => [key, [...rows]]));
  const kept = new Set();
  const rows = entries.map((entry) => {
    const row = left.get(rowKey(entry))?.shift();
    if (row === undefined) return build(entry);
    kept.add(row);
    return row;
  });
  return { rows, kept };
}
