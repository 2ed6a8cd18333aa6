// Renders a checker report into a goal's feedback region, with text nodes only
// (a goal may contain anything). Items are updated in place, so the polite
// live region announces what changed rather than the whole list each time.

import { ATTR, CAUTION_NOTE, CRITERIA, STATUS_WORDS } from "./contract.js";
import { helpHref } from "./dom.js";

const MARKS = { met: "✓", partial: "◐", missing: "○" };

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
};

const setText = (node, text) => {
  if (node.textContent !== text) node.textContent = text;
};

const MB = (bytes) => (bytes / 1e6).toFixed(1);
const READYING = "Getting the goal checker ready (one time only)";

// The download's bar, its visible words (hidden from screen readers: they change
// many times a second) and a polite sentence that changes only every 25%.
const renderProgress = (region, status, progress) => {
  let box = region.querySelector(".wb-feedback__progress");
  if (!progress || progress.phase !== "download" || !(progress.total > 0)) {
    box?.remove();
    if (progress && progress.phase === "starting") setText(status, "The goal checker is downloaded. Starting…");
    return;
  }
  if (!box) {
    box = el("div", "wb-feedback__progress");
    const bar = el("progress", "wb-feedback__bar");
    bar.setAttribute("aria-label", READYING);
    box.append(bar, el("p", "wb-sr-only wb-feedback__announce"));
    status.after(box);
  }
  const bar = box.querySelector("progress");
  const { loaded, total } = progress;
  const words = `${MB(loaded)} of ${MB(total)} MB`;
  bar.max = total;
  bar.value = Math.min(loaded, total);
  bar.setAttribute("aria-valuetext", words);
  status.setAttribute("aria-hidden", "true");
  setText(status, `${READYING}: ${words}`);
  const quarter = String(Math.floor((4 * Math.min(loaded, total)) / total) * 25);
  if (box.dataset.announced !== quarter) {
    box.dataset.announced = quarter;
    setText(box.querySelector(".wb-feedback__announce"), `${READYING}: ${quarter}% (${words})`);
  }
};

/**
 * Show "loading" (with the download's `progress` {loaded, total, phase} when
 * known) or "unavailable" (with a Retry button calling `retry`) without a report.
 * Nothing here takes the focus.
 */
export const renderState = (region, state, reason = "", { progress = null, retry = null } = {}) => {
  region.setAttribute(ATTR.state, state);
  region.hidden = false;
  let status = region.querySelector(".wb-feedback__status");
  if (!status) {
    status = el("p", "wb-feedback__status");
    region.prepend(status);
  }
  status.removeAttribute("aria-hidden");
  if (state === "loading") {
    setText(status, "The goal checker is starting…");
    renderProgress(region, status, progress);
  } else {
    region.querySelector(".wb-feedback__progress")?.remove();
  }
  let again = region.querySelector(".wb-feedback__retry");
  if (state === "unavailable") {
    setText(status, "The goal checker is not available right now, so there is no feedback here. Your answers still save and print as usual.");
    if (reason) status.title = reason;
    if (retry && !again) {
      again = el("button", "md-button wb-feedback__retry", "Retry");
      again.type = "button";
      again.addEventListener("click", retry);
      status.after(again);
    }
  } else {
    again?.remove();
  }
};

const evidenceText = (text, spans) =>
  spans
    .filter(([start, end]) => Number.isInteger(start) && Number.isInteger(end) && start < end && end <= text.length)
    .map(([start, end]) => text.slice(start, end));

const ensureList = (region) => {
  let list = region.querySelector(".wb-feedback__list");
  if (list) return list;
  list = el("ul", "wb-feedback__list");
  for (const [key, name] of CRITERIA) {
    const item = el("li", "wb-criterion");
    item.dataset.criterion = key;
    const head = el("p", "wb-criterion__head");
    head.append(el("span", "wb-criterion__mark"), el("strong", "wb-criterion__name", name), el("span", "wb-criterion__status"));
    item.append(head, el("p", "wb-criterion__message"), el("p", "wb-criterion__suggestion"), el("p", "wb-criterion__evidence"));
    list.append(item);
  }
  region.append(list);
  return list;
};

// The safety screen (generator/smart/safety.py) found that the goal signals a
// risk of harm: a calm support panel replaces the SMART breakdown. No criteria,
// no score, no praise; the checker's message names the help that fits, and the
// panel links to Getting help now. The goal itself is saved as typed, as always.
const HELP_URL = new URL("../../getting-help/", import.meta.url).href; // only where a page has no help bar

const renderSafety = (region, status, safety) => {
  region.setAttribute(ATTR.safety, safety.category);
  region.querySelector(".wb-feedback__list")?.remove();
  region.querySelector(".wb-feedback__reframe")?.remove();
  setText(status, "Your goal is saved as you wrote it.");
  let panel = region.querySelector(".wb-safety");
  if (!panel) {
    panel = el("div", "wb-safety");
    const link = el("a", "wb-safety__link", "Getting help now");
    link.href = helpHref(HELP_URL);
    const help = el("p", "wb-safety__help");
    help.append(link, ": crisis lines, emergency numbers and other services, by country.");
    panel.append(el("p", "wb-safety__message"), help);
    status.after(panel);
  }
  setText(panel.querySelector(".wb-safety__message"), safety.message);
};

const clearSafety = (region) => {
  region.removeAttribute(ATTR.safety);
  region.querySelector(".wb-safety")?.remove();
};

// The caution tier (report.caution): the screen did not flag the goal but was unsure. The breakdown
// stays (the checker worded it without praise), the score is not announced, and one calm line above
// it offers Getting help now, linked as the support panel is.
const renderCaution = (region, status, on) => {
  let note = region.querySelector(".wb-caution");
  if (!on) {
    region.removeAttribute(ATTR.caution);
    note?.remove();
    return;
  }
  region.setAttribute(ATTR.caution, "true");
  if (!note) {
    note = el("p", "wb-caution");
    const link = el("a", "wb-caution__link", CAUTION_NOTE.link);
    link.href = helpHref(HELP_URL);
    note.append(CAUTION_NOTE.before, link, CAUTION_NOTE.after);
  }
  status.after(note); // above the breakdown, below the status line
};

/**
 * Forget the goal's text when the workbook locks (issue 14): no data-checked,
 * no quoted words, no breakdown, no support panel. The next check draws again.
 */
export const clearFeedback = (region) => {
  delete region.dataset.checked;
  delete region.dataset.framing;
  region.querySelector(".wb-feedback__list")?.remove();
  region.querySelector(".wb-feedback__reframe")?.remove();
  clearSafety(region);
  renderCaution(region, null, false);
  const status = region.querySelector(".wb-feedback__status");
  if (status) setText(status, "Your answers are locked.");
};

/** Draw a report (the checker's JSON) for the goal `text` it was made from. */
export const renderFeedback = (region, report, text) => {
  region.hidden = false;
  region.setAttribute(ATTR.state, "ready");
  region.dataset.framing = report.framing;
  region.dataset.checked = text; // which text this feedback is about (tests and tools read it)
  const status = region.querySelector(".wb-feedback__status") || el("p", "wb-feedback__status");
  region.prepend(status);
  status.removeAttribute("title");
  status.removeAttribute("aria-hidden");
  region.querySelector(".wb-feedback__progress")?.remove();
  region.querySelector(".wb-feedback__retry")?.remove();
  if (!text.trim()) {
    setText(status, "Write your goal above and you will see here which parts of SMART are already clear.");
    region.querySelector(".wb-feedback__list")?.remove();
    region.querySelector(".wb-feedback__reframe")?.remove();
    clearSafety(region);
    renderCaution(region, status, false);
    return;
  }
  if (report.safety) {
    renderCaution(region, status, false);
    renderSafety(region, status, report.safety);
    return;
  }
  clearSafety(region);
  const caution = report.caution === true;
  setText(status, caution ? "Your goal is saved as you wrote it. Here is what the checker found for each part of SMART."
    : `${report.score} of 5 SMART parts are clear.`);
  renderCaution(region, status, caution);
  const list = ensureList(region);
  for (const [key, name] of CRITERIA) {
    const result = report.criteria[key];
    const item = list.querySelector(`[data-criterion="${key}"]`);
    item.dataset.status = result.status;
    setText(item.querySelector(".wb-criterion__mark"), MARKS[result.status] || "");
    item.querySelector(".wb-criterion__mark").setAttribute("aria-hidden", "true");
    setText(item.querySelector(".wb-criterion__name"), name);
    setText(item.querySelector(".wb-criterion__status"), `: ${STATUS_WORDS[result.status] || result.status}`);
    setText(item.querySelector(".wb-criterion__message"), result.message);
    const suggestion = item.querySelector(".wb-criterion__suggestion");
    setText(suggestion, result.suggestion || "");
    suggestion.hidden = !result.suggestion;
    const evidence = item.querySelector(".wb-criterion__evidence");
    const words = evidenceText(text, result.evidence || []);
    const shown = words.join(" | ");
    if (evidence.dataset.shown !== shown) {
      evidence.dataset.shown = shown;
      evidence.replaceChildren();
      if (words.length) {
        evidence.append("Words that show it: ");
        words.forEach((word, i) => {
          if (i) evidence.append(", ");
          evidence.append(el("mark", null, word));
        });
      }
    }
    evidence.hidden = !words.length;
  }
  let reframe = region.querySelector(".wb-feedback__reframe");
  if (report.reframe) {
    if (!reframe) {
      reframe = el("p", "wb-feedback__reframe");
      region.append(reframe);
    }
    setText(reframe, `Try it as something to move toward: ${report.reframe}`);
  } else if (reframe) {
    reframe.remove();
  }
};
