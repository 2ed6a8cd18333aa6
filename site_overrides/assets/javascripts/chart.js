// Pure logic for tracker fields and the My goals page, tested under `node --test`:
// entry validation, ordering, the summary sentence, and the chart as a plain
// description of SVG elements ({tag, attrs, text, children}) that tracker.js
// turns into real nodes. Dates are dates.js. Nothing here touches the DOM or storage.

import { DAY_MS, MONTHS, dayNumber, formatDate, parseIsoDate } from "./dates.js";

export const MIN_RATING = 0;
export const MAX_RATING = 10;
export const MAX_NOTE = 500;
const EARLIEST_YEAR = 1900;

// ---------------------------------------------------------------- entries

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const quoteText = (v) => `“${String(v).slice(0, 30)}”`;

function checkDate(date, { today = null, badInput = false } = {}) {
  if (badInput) return "That date doesn't exist. Check the day and the month.";
  const text = typeof date === "string" ? date.trim() : date;
  if (text === undefined || text === null || text === "") return "Enter the date of this rating.";
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return `${quoteText(text)} is not a date. Write it as year-month-day, for example 2030-01-31.`;
  }
  const d = parseIsoDate(text);
  if (!d) return `${formatLoose(text)} doesn't exist. Check the day and the month.`;
  if (d.year < EARLIEST_YEAR) return `Check the year: ${d.year} is too long ago.`;
  if (today && text > today) return "That date is in the future. Rate how things are today, or on a day that has passed.";
  return null;
}

// "2026-02-30" -> "30 Feb 2026" (the date as the person meant it, even though it doesn't exist).
function formatLoose(text) {
  const [y, m, d] = text.split("-").map(Number);
  return m >= 1 && m <= 12 ? `${d} ${MONTHS[m - 1]} ${y}` : quoteText(text);
}

function checkRating(rating, { badInput = false } = {}) {
  const range = `The rating is a whole number from ${MIN_RATING} (not at all) to ${MAX_RATING} (fully).`;
  if (badInput) return `That is not a number. ${range}`;
  const text = typeof rating === "number" ? String(rating) : typeof rating === "string" ? rating.trim() : rating;
  if (text === undefined || text === null || text === "") return `Choose a rating. ${range}`;
  if (typeof text !== "string") return `That is not a number. ${range}`;
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return `${quoteText(text)} is not a number. ${range}`;
  const value = Number(text);
  if (!Number.isInteger(value)) return `${text} is not a whole number. ${range}`;
  if (value > MAX_RATING) return `${value} is more than ${MAX_RATING}. ${range}`;
  if (value < MIN_RATING) return `${value} is less than ${MIN_RATING}. ${range}`;
  return null;
}

/**
 * Check one entry as typed (strings) or as stored (rating a number).
 * Options: today (ISO; dates after it are refused), badDate / badRating (the
 * browser's control holds something it could not read).
 * Returns {ok: true, entry: {date, rating, note?}} or {ok: false, field, message}.
 */
export function parseEntry(input, { today = null, badDate = false, badRating = false } = {}) {
  if (!isObject(input)) return { ok: false, field: "date", message: "This entry is not a date and a rating." };
  const dateError = checkDate(input.date, { today, badInput: badDate });
  if (dateError) return { ok: false, field: "date", message: dateError };
  const ratingError = checkRating(input.rating, { badInput: badRating });
  if (ratingError) return { ok: false, field: "rating", message: ratingError };
  const note = input.note === undefined || input.note === null ? "" : input.note;
  if (typeof note !== "string") return { ok: false, field: "note", message: "The note should be text." };
  const trimmed = note.trim();
  if (trimmed.length > MAX_NOTE) return { ok: false, field: "note", message: `The note is ${trimmed.length} characters long. Keep it to ${MAX_NOTE}.` };
  const entry = { date: input.date.trim(), rating: Number(String(input.rating).trim()) };
  if (trimmed) entry.note = trimmed;
  return { ok: true, entry };
}

/** A stored entry is sound when it is exactly what the tracker writes (any date, even a future one). */
export function storedEntryProblem(entry) {
  if (!isObject(entry)) return "it is not a date and a rating";
  if (typeof entry.rating !== "number" && entry.rating !== undefined) return checkRating(String(entry.rating)) || "the rating should be a number";
  const result = parseEntry(entry);
  return result.ok ? null : result.message;
}

const byDate = (a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** Entries oldest first (stable: same-day entries keep their order). */
export const sortEntries = (entries) => [...entries].sort(byDate);

/**
 * A stored tracker value, split into the entries that can be charted (oldest
 * first) and those that cannot (kept, never dropped), with the reason.
 */
export function splitEntries(value) {
  const list = Array.isArray(value) ? value : [];
  const valid = [];
  const invalid = [];
  list.forEach((entry, index) => {
    const problem = storedEntryProblem(entry);
    if (problem) invalid.push({ index, entry, message: problem });
    else valid.push(entry);
  });
  return { valid: sortEntries(valid), invalid };
}

/** Same date, rating and note. */
export const sameEntry = (a, b) => a.date === b.date && a.rating === b.rating && (a.note || "") === (b.note || "");

// ---------------------------------------------------------------- words

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "up 3", "down 2", "no change". */
export function changeWords(from, to) {
  const d = to - from;
  if (d > 0) return `up ${plural(d, "point")}`;
  if (d < 0) return `down ${plural(-d, "point")}`;
  return "no change";
}

/**
 * The chart's text alternative in one sentence, e.g.
 * "4 ratings, from 3 on 2 Jan to 6 on 20 Feb 2030: up 3 points."
 * Years are left out of the first date when both are in the same year.
 */
export function summarize(entries) {
  const list = sortEntries(entries);
  if (!list.length) return "No ratings yet. Add your first one above to start the chart.";
  const first = list[0];
  const last = list[list.length - 1];
  if (list.length === 1) return `1 rating so far: ${first.rating} on ${formatDate(first.date)}.`;
  const sameYear = first.date.slice(0, 4) === last.date.slice(0, 4);
  return `${list.length} ratings, from ${first.rating} on ${formatDate(first.date, { year: !sameYear })} `
    + `to ${last.rating} on ${formatDate(last.date)}: ${changeWords(first.rating, last.rating)}.`;
}

// ---------------------------------------------------------------- the chart

export const CHART = { width: 600, height: 250, left: 40, right: 24, top: 28, bottom: 44 };

/**
 * Where everything goes, in SVG user units: points {x, y, date, rating},
 * y ticks (0, 2, ... 10), x ticks (dates; at most 6, evenly spaced in time).
 */
export function chartModel(entries, size = CHART) {
  const { width, height, left, right, top, bottom } = { ...CHART, ...size };
  const list = sortEntries(entries);
  const plot = { x0: left, x1: width - right, y0: top, y1: height - bottom };
  const y = (rating) => plot.y1 - ((rating - MIN_RATING) / (MAX_RATING - MIN_RATING)) * (plot.y1 - plot.y0);
  const days = list.map((e) => dayNumber(e.date));
  const lo = days.length ? Math.min(...days) : 0;
  const span = days.length ? Math.max(...days) - lo : 0;
  const pad = 14;
  const x = (day) => (span === 0 ? (plot.x0 + plot.x1) / 2 : plot.x0 + pad + ((day - lo) / span) * (plot.x1 - plot.x0 - 2 * pad));
  const round = (v) => Math.round(v * 10) / 10;
  const points = list.map((e, i) => ({ x: round(x(days[i])), y: round(y(e.rating)), date: e.date, rating: e.rating }));
  const yTicks = [];
  for (let v = MIN_RATING; v <= MAX_RATING; v += 2) yTicks.push({ value: v, y: round(y(v)) });
  const xTicks = [];
  if (list.length) {
    const sameYear = list[0].date.slice(0, 4) === list[list.length - 1].date.slice(0, 4);
    const steps = Math.min(5, span);
    const seen = new Set();
    for (let i = 0; i <= steps; i += 1) {
      const day = lo + (steps ? Math.round((i * span) / steps) : 0);
      if (seen.has(day)) continue;
      seen.add(day);
      const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
      xTicks.push({ date: iso, x: round(x(day)), label: formatDate(iso, { year: !sameYear }) });
    }
  }
  const years = [...new Set(list.map((e) => e.date.slice(0, 4)))];
  return { width, height, plot, points, yTicks, xTicks, year: years.length === 1 ? years[0] : null };
}

/**
 * The chart as a description of SVG elements: {tag, attrs, text?, children?}.
 * Colours are `currentColor`, set per part by CSS classes (light, dark, print).
 * `labelledBy`: the id of the summary sentence that names the chart.
 */
export function chartTree(entries, { labelledBy = null, size = CHART } = {}) {
  const m = chartModel(entries, size);
  const { plot } = m;
  const node = (tag, attrs = {}, children = [], text = null) => ({ tag, attrs, children, text });
  const grid = m.yTicks.map((t) => node("line", { x1: plot.x0, x2: plot.x1, y1: t.y, y2: t.y, class: t.value === MIN_RATING ? "wb-chart__axis" : "wb-chart__grid" }));
  const yLabels = m.yTicks.map((t) => node("text", { x: plot.x0 - 8, y: t.y, "text-anchor": "end", "dominant-baseline": "middle" }, [], String(t.value)));
  const xLabels = m.xTicks.map((t) => node("g", { class: "wb-chart__tick" }, [
    node("line", { x1: t.x, x2: t.x, y1: plot.y1, y2: plot.y1 + 5, class: "wb-chart__axis" }),
    node("text", { x: t.x, y: plot.y1 + 18, "text-anchor": "middle" }, [], t.label),
  ]));
  const pathData = m.points.map((p, i) => `${i ? "L" : "M"}${p.x} ${p.y}`).join(" ");
  const showValues = m.points.length <= 16;
  const dots = m.points.map((p) => node("g", { class: "wb-chart__point", "data-date": p.date, "data-rating": p.rating }, [
    node("circle", { cx: p.x, cy: p.y, r: 5 }),
    ...(showValues ? [node("text", { x: p.x, y: p.y - 10, "text-anchor": "middle", class: "wb-chart__value" }, [], String(p.rating))] : []),
  ]));
  const children = [
    node("text", { x: 4, y: 14, class: "wb-chart__title" }, [], `Rating (${MIN_RATING}–${MAX_RATING})`),
    node("g", { class: "wb-chart__grid-lines" }, grid),
    node("g", { class: "wb-chart__labels" }, [...yLabels, ...xLabels]),
    node("text", { x: (plot.x0 + plot.x1) / 2, y: m.height - 6, "text-anchor": "middle", class: "wb-chart__title" }, [], m.year ? `Date (${m.year})` : "Date"),
  ];
  if (m.points.length > 1) children.push(node("path", { d: pathData, class: "wb-chart__line", fill: "none", stroke: "currentColor" }));
  children.push(node("g", { class: "wb-chart__points", fill: "currentColor" }, dots));
  const attrs = {
    viewBox: `0 0 ${m.width} ${m.height}`, class: "wb-chart", role: "img", focusable: "false",
    "data-points": m.points.length,
  };
  if (labelledBy) attrs["aria-labelledby"] = labelledBy;
  return node("svg", attrs, children);
}
