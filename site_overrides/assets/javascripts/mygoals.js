// The My goals page: every goal written in this browser (goal fields, and
// trackers), with its first and latest rating, the change, when it was last
// reviewed, and its SMART status and framing from the checker when that can
// start. It reads only the local answers (through the store) and the site's
// own worksheet index (assets/worksheets.json); nothing is sent anywhere.
//
// "Last reviewed" is the later of the goal's latest rating and the date of the
// last review on the worksheet whose YAML names a `review_field` (a review looks at every
// goal); when there is neither, the day the goal's worksheet was last changed.

import { ATTR, CAUTION_NOTE, CRITERIA, FRAMING as FRAMING_WORDS, INDEX_FORMAT, STATUS_WORDS, domId, sel } from "./contract.js";
import { changeWords, splitEntries } from "./chart.js";
import { daysBetween, formatDate, isoToday, parseIsoDate } from "./dates.js";
import { fill, h, helpHref } from "./dom.js";

export const STALE_DAYS = 14;
const INDEX_URL = new URL("../worksheets.json", import.meta.url);
const SITE_ROOT = new URL("../../", import.meta.url);


const text = (v) => (typeof v === "string" && v.trim() ? v.trim() : null);
const localDay = (iso) => {
  if (typeof iso !== "string") return null;
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? null : isoToday(when);
};

// ---------------------------------------------------------------- pure: which goals, which facts

/**
 * Every goal in `data` (the store's workbook), using `index` (worksheets.json)
 * to know which fields are goals and trackers. `today` is an ISO date.
 * Returns a list of goals in menu order, each with its facts.
 */
export function collectGoals(index, data, today) {
  const worksheets = index?.worksheets || [];
  const records = data?.worksheets || {};
  const review = index?.review ? records[index.review.worksheet]?.answers?.[index.review.field] : null;
  const reviewDate = parseIsoDate(review) ? review : null;
  const reviewTitle = worksheets.find((w) => w.id === index?.review?.worksheet)?.title || "your review worksheet";
  const trackerSheet = worksheets.find((w) => w.fields.some((f) => f.kind === "tracker")) || null;
  const goals = [];
  for (const ws of worksheets) {
    const record = records[ws.id];
    if (!record) continue;
    const answers = record.answers || {};
    const goalIds = new Set(ws.fields.filter((f) => f.kind === "goal").map((f) => f.id));
    const trackersOf = (goalId) => ws.fields.filter((f) => f.kind === "tracker" && f.goal === goalId);
    const add = (field, goalText, trackers) => {
      const ratings = trackers.flatMap((t) => splitEntries(answers[t.id]).valid).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      if (!goalText && !ratings.length) return;
      const first = ratings[0] || null;
      const latest = ratings[ratings.length - 1] || null;
      const confidence = field.confidence ? answers[field.confidence] : null;
      goals.push({
        key: `${ws.id}/${field.id}`,
        worksheet: { id: ws.id, title: ws.title, url: ws.url },
        field: { id: field.id, label: field.label },
        text: goalText,
        why: field.why ? text(answers[field.why]) : null,
        confidence: Number.isInteger(confidence) ? confidence : null,
        tracker: trackers[0] ? { id: trackers[0].id, label: trackers[0].label } : null,
        ratings,
        first,
        latest,
        change: first && latest && ratings.length > 1 ? latest.rating - first.rating : null,
        lastReviewed: lastReviewed(latest, reviewDate, localDay(record.updated), reviewTitle),
        daysSinceRating: latest ? daysBetween(latest.date, today) : null,
        trackerSheet: trackers.length ? null : trackerSheet && { title: trackerSheet.title, url: trackerSheet.url },
      });
    };
    for (const field of ws.fields) {
      if (field.kind === "goal") add(field, text(answers[field.id]), trackersOf(field.id));
      else if (field.kind === "tracker" && !goalIds.has(field.goal)) add(field, null, [field]);
    }
  }
  return goals;
}

function lastReviewed(latest, reviewDate, updatedDay, reviewTitle) {
  const candidates = [];
  if (latest) candidates.push({ date: latest.date, source: "your latest rating" });
  if (reviewDate) candidates.push({ date: reviewDate, source: `your last review on ${reviewTitle}` });
  if (candidates.length) return candidates.reduce((a, b) => (b.date > a.date ? b : a));
  return updatedDay ? { date: updatedDay, source: "when you last changed this worksheet" } : null;
}

/** "3 on 2 Jan 2030" */
const ratingOn = (entry) => `${entry.rating} on ${formatDate(entry.date)}`;

/** The facts of one goal as [term, description] pairs of plain text. */
export function goalFacts(goal) {
  const facts = [];
  if (goal.first) {
    facts.push(["First rating", ratingOn(goal.first)]);
    facts.push(["Latest rating", goal.ratings.length > 1 ? ratingOn(goal.latest) : "the same: only one rating so far"]);
    if (goal.change !== null) facts.push(["Change", `${changeWords(goal.first.rating, goal.latest.rating)} (from ${goal.first.rating} to ${goal.latest.rating})`]);
  } else {
    facts.push(["Ratings", goal.tracker ? "not rated yet" : "none: this goal has no tracker"]);
  }
  if (goal.lastReviewed) facts.push(["Last reviewed", `${formatDate(goal.lastReviewed.date)} (${goal.lastReviewed.source})`]);
  return facts;
}

/** A gentle note for this goal, or null: not rated for more than two weeks, never rated, or no tracker. */
export function goalNote(goal) {
  if (goal.latest && goal.daysSinceRating > STALE_DAYS) {
    return `It has been ${goal.daysSinceRating} days since you last rated this goal. When you are ready, a quick rating helps you see the trend, and it is fine if things have moved up or down.`;
  }
  if (!goal.latest && goal.tracker) return "You haven't rated this goal yet. A first rating, even a low one, gives you something to compare with later.";
  if (!goal.tracker && goal.trackerSheet) return `To see how this goal changes over time, copy it into ${goal.trackerSheet.title} and rate it there each week.`;
  return null;
}

// ---------------------------------------------------------------- the page

const href = (url, hash = "") => new URL(url + hash, SITE_ROOT).href;

function emptyState(index) {
  const pick = (id) => index?.worksheets?.find((w) => w.id === id);
  const starts = (index?.start || []).map(pick).filter(Boolean); // YAML `start_here`
  return h("div", { class: "wb-goals__empty", "data-wb-goals-empty": true },
    h("p", {}, "There are no goals in this browser yet. Once you write a goal on a worksheet, it shows up here, with its ratings as you add them."),
    starts.length ? h("p", {}, "A good place to start: ",
      starts.flatMap((w, i) => [i ? " or " : "", h("a", { href: href(w.url) }, w.title)]), ".") : null,
    h("p", {}, "If you filled in the workbook in another browser or on another device, use Export there and Import on the Privacy page here."));
}

function goalItem(goal, n, checks) {
  const headingId = `wb-goal-${n}`;
  const title = goal.text ? `Goal ${n}` : `Goal ${n}: ${goal.field.label}`;
  const facts = h("dl", { class: "wb-goal__facts" }, goalFacts(goal).flatMap(([term, desc]) => [h("dt", {}, term), h("dd", {}, desc)]));
  const smart = h("dd", { class: "wb-goal__smart", "data-wb-goal-smart": true, [ATTR.state]: "loading" }, "Checking…");
  const framing = h("dd", { class: "wb-goal__framing", "data-wb-goal-framing": true }, "Checking…");
  if (goal.text) {
    facts.append(h("dt", {}, "SMART check"), smart, h("dt", {}, "Framing"), framing);
    checks.push({ goal, smart, framing });
  }
  const note = goalNote(goal);
  const link = goal.tracker ? href(goal.worksheet.url, `#${domId(goal.tracker.id)}`) : href(goal.worksheet.url);
  return h("li", { "data-wb-goal": goal.key, "aria-labelledby": headingId },
    h("h3", { id: headingId }, title),
    goal.text ? h("p", { class: "wb-goal__text", "data-wb-goal-text": true }, goal.text) : null,
    h("p", { class: "wb-goal__from" }, "From ", h("a", { href: link }, goal.worksheet.title), `: ${goal.field.label}`),
    facts,
    note ? h("p", { class: "wb-goal__note", "data-wb-goal-note": true }, note) : null);
}

function showReport(check, answer) {
  const { smart, framing } = check;
  if (!answer || answer.type !== "result") {
    smart.setAttribute(ATTR.state, "unavailable");
    fill(smart, "The goal checker is not available in this browser, so there is no SMART check here.");
    fill(framing, "Not checked (the goal checker is not available).");
    return;
  }
  const { report } = answer;
  smart.setAttribute(ATTR.state, "ready");
  if (report.safety) { // the safety screen: a support note, no SMART status (see feedback.js)
    smart.setAttribute(ATTR.safety, report.safety.category);
    delete smart.dataset.score;
    smart.removeAttribute(ATTR.caution);
    fill(smart, h("span", { class: "wb-safety wb-safety--note" }, "What you wrote matters, and support is there. ",
      h("a", { href: helpHref(href("getting-help/")) }, "Getting help now"), " lists people you can reach at any hour."));
    delete framing.dataset.framing;
    fill(framing, "Not shown for this goal.");
    return;
  }
  smart.removeAttribute(ATTR.safety);
  smart.dataset.score = String(report.score);
  // The caution tier (see feedback.js): the parts without a celebrated score, after one calm line about help.
  const caution = report.caution === true;
  if (caution) smart.setAttribute(ATTR.caution, "true");
  else smart.removeAttribute(ATTR.caution);
  fill(smart,
    caution ? h("span", { class: "wb-caution wb-caution--note" }, CAUTION_NOTE.before,
      h("a", { href: helpHref(href("getting-help/")) }, CAUTION_NOTE.link), CAUTION_NOTE.after, " ") : null,
    h("span", {}, caution ? "The SMART parts as the checker reads them:" : `${report.score} of 5 SMART parts are clear.`),
    h("ul", { class: "wb-goal__smart-list" }, CRITERIA.map(([key, name]) => {
      const status = report.criteria?.[key]?.status;
      return h("li", { "data-criterion": key, "data-status": status || "" }, `${name}: ${STATUS_WORDS[status] || status || "unknown"}`);
    })));
  framing.dataset.framing = report.framing;
  fill(framing, FRAMING_WORDS[report.framing] || String(report.framing));
}

// Checker answers by goal text (and its why and confidence), for the tab.
const checked = new Map();
let clearsOnLock = false;

async function runChecks(checks, signal) {
  if (!checks.length) return;
  let checkGoal;
  try {
    ({ checkGoal } = await import("./checker.js"));
  } catch {
    for (const check of checks) showReport(check, null);
    return;
  }
  await Promise.all(checks.map(async (check) => {
    const { text: goalText, why, confidence } = check.goal;
    const key = JSON.stringify([goalText, why, confidence]);
    if (!checked.has(key)) checked.set(key, checkGoal(goalText, why, confidence));
    const answer = await checked.get(key);
    if (answer?.type !== "result") checked.delete(key);
    if (!signal?.aborted && check.smart.isConnected) showReport(check, answer);
  }));
}

async function loadIndex() {
  const response = await fetch(INDEX_URL);
  if (!response.ok) throw new Error(`worksheets.json: HTTP ${response.status}`);
  const index = await response.json();
  if (index?.format !== INDEX_FORMAT) throw new Error(`worksheets.json: format ${JSON.stringify(index?.format)}, this page reads ${INDEX_FORMAT}`);
  return index;
}

/** Fill the page's `[data-wb-my-goals]` mount point and keep it in step with the answers. */
export async function mountMyGoals(root, { signal } = {}) {
  const host = root.querySelector(sel(ATTR.myGoals));
  if (!host) return;
  const { getStore } = await import("./tab-store.js");
  const store = getStore();
  // Kept for the tab's life (instant navigation leaves this page, the cache stays): cleared on every lock.
  if (!clearsOnLock) {
    clearsOnLock = true;
    store.subscribe((event) => event.type === "lock" && store.lockState === "locked" && checked.clear());
  }
  let index;
  try {
    index = await loadIndex();
  } catch (error) {
    console.error("workbook:", error);
    fill(host, h("p", { role: "alert" }, "The list of worksheets could not be loaded, so your goals can't be shown right now. Your answers are safe: reload the page to try again."));
    return;
  }
  if (signal?.aborted) return;
  const status = h("p", { class: "wb-goals__status", role: "status" });
  const render = () => {
    if (store.lockState === "locked") { // a passphrase is set and this tab has not unlocked the answers
      host.dataset.count = "0";
      checked.clear(); // the checker's answers hold goal texts: they leave memory with the answers
      // This page has no toolbar (lock-ui.js asks on its own only where one is): the way to unlock is here.
      const unlock = async () => {
        const { askUnlock } = await import("./lock-ui.js");
        if (!(await askUnlock(store, { signal })) || signal?.aborted) return;
        fill(status, "Unlocked. Your goals are shown below.");
        // The button went with the locked note: the focus goes to the list's first line, not to the page's start.
        const first = host.firstElementChild;
        if (first && first !== status) {
          first.tabIndex = -1;
          first.focus();
        }
      };
      fill(host, h("div", { class: "wb-locked", "data-wb-goals-locked": true },
        h("p", {}, "Your answers are locked with a passphrase. Unlock them to see your goals here."),
        h("button", { type: "button", class: "md-button", "data-wb-goals-unlock": true, onclick: unlock }, "Unlock")), status);
      return;
    }
    const goals = collectGoals(index, store.data, isoToday());
    host.dataset.count = String(goals.length);
    if (!goals.length) {
      fill(host, emptyState(index), status);
      return;
    }
    const checks = [];
    const list = h("ol", { class: "wb-goals__list", "data-wb-goals": true }, goals.map((g, i) => goalItem(g, i + 1, checks)));
    fill(host, h("p", {}, goals.length === 1 ? "You have written 1 goal in this browser." : `You have written ${goals.length} goals in this browser.`), list, status);
    runChecks(checks, signal).catch((error) => console.error("workbook:", error));
  };
  const off = store.subscribe((event) => {
    if (event.type === "changed" || event.type === "lock") {
      render();
      if (event.type === "changed") fill(status, "Your goals were updated.");
    }
  });
  signal?.addEventListener("abort", off);
  render();
}
