// "Exit this page": the button in the top bar, or Shift pressed three times
// (as in the GOV.UK Design System's component). The page hides at once, any
// unsaved answers are written (the store answers `wb:flush`, leave.js),
// and the tab goes to a neutral page (the plugin's `exit_url`) in place of
// this one, so Back does not return here. Answers stay on the device.

import { ATTR, sel } from "./contract.js";
import { flushBeforeLeaving } from "./leave.js";

const PRESSES = 3;
const WINDOW_MS = 2000; // three Shift presses within this long; any other key starts the count again
const FALLBACK_URL = "about:blank";

let leaving = false;
let title = "";
let presses = [];
let live = null;

const say = (text) => {
  if (!live) {
    live = document.createElement("p");
    live.className = "wb-visually-hidden";
    live.setAttribute("role", "status");
    live.dataset.wbExitStatus = "";
    document.body.append(live);
  }
  live.textContent = text;
};

/** Leave now: hide everything, flush saves, replace this page in history. */
export const exitPage = (url) => {
  if (leaving) return;
  leaving = true;
  const target = url || document.querySelector(sel(ATTR.exit))?.getAttribute("href") || FALLBACK_URL;
  document.documentElement.classList.add("wb-exiting"); // CSS hides the body at once
  title = document.title;
  document.title = "\u200b"; // the tab strip should not name the workbook either
  // The store writes pending edits and we wait for an encrypted save, at most ~150 ms (leave.js).
  flushBeforeLeaving().catch(() => "failed").then(() => window.location.replace(target));
};

const onKey = (event) => {
  if (event.key !== "Shift") {
    presses = [];
    return;
  }
  if (event.repeat) return; // holding Shift down is one press
  const now = event.timeStamp;
  presses = presses.filter((t) => now - t < WINDOW_MS);
  presses.push(now);
  if (presses.length >= PRESSES) {
    presses = [];
    exitPage();
  } else if (presses.length === PRESSES - 1) {
    say("Press Shift once more to leave this page.");
  }
};

const onClick = (event) => {
  const link = event.target.closest?.(sel(ATTR.exit));
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  exitPage(link.getAttribute("href"));
};

let installed = false;

/** Listen once per tab: delegated, so it survives Material's instant navigation. */
export const installExit = () => {
  if (installed) return;
  installed = true;
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("click", onClick, true);
  // Coming back (Forward, or bfcache) after leaving: show the page again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    leaving = false;
    if (title) document.title = title;
    document.documentElement.classList.remove("wb-exiting");
  });
};

installExit();
