// Calendar dates as the workbook stores them: ISO YYYY-MM-DD strings, checked
// to exist, counted in whole days and shown as "2 Jan 2030". Time zones play
// no part except in "today", which is the person's own. Pure functions, used
// by the tracker's chart (chart.js) and the My goals page (mygoals.js).

export const DAY_MS = 86_400_000;
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Today in the person's own time zone, as YYYY-MM-DD. */
export function isoToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** {year, month, day} for a YYYY-MM-DD date that exists on the calendar, else null. */
export function parseIsoDate(text) {
  if (typeof text !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Days since 1970-01-01 for a valid ISO date (time zones play no part). */
export function dayNumber(iso) {
  const d = parseIsoDate(iso);
  return d ? Date.UTC(d.year, d.month - 1, d.day) / DAY_MS : NaN;
}

/** Whole days from `from` to `to` (both ISO dates). */
export const daysBetween = (from, to) => dayNumber(to) - dayNumber(from);

/** "2 Jan 2030", or "2 Jan" with {year: false}. */
export function formatDate(iso, { year = true } = {}) {
  const d = parseIsoDate(iso);
  if (!d) return String(iso);
  return `${d.day} ${MONTHS[d.month - 1]}${year ? ` ${d.year}` : ""}`;
}
