// "Exit this page": the button in the top bar, or Shift pressed three times,
// as in the GOV.UK Design System's component (govuk-frontend's
// exit-this-page): key releases are counted, a Shift used for a capital does
// not count, up to 5 s may pass between presses, three lights on the button
// and a status line say "Shift, press 2 more times to exit" / "1 more time" /
// "Exit this page expired", and leaving covers the page with a "Loading."
// overlay announced as an alert. The button carries a visually hidden
// "Emergency" prefix (in main.html) and floats at the top of the screen once
// the bar has scrolled away, on phones too.
//
// Beyond it: before leaving, pending answers are written and an unlocked
// workbook is locked (leave.js, answered by tab-store.js), and the forms and
// other answer views are taken out of the page. A page restored from the
// back-forward cache after an exit leaves again at once, and a workbook page
// reached with Back or Forward after an exit shows nothing until it is
// opened again on purpose. The tab goes to a neutral page (the plugin's
// `exit_url`) in place of this one, so Back does not return here.

import { ATTR, sel } from "./contract.js";
import { flushBeforeLeaving } from "./leave.js";

export const PRESSES = 3;
export const WINDOW_MS = 5000; // between two presses, as GOV.UK's component
const FALLBACK_URL = "about:blank";
// A live region is announced when its text changes after it is in the page; one that appears already filled is
// often skipped. A region made at the moment of speaking gets its text this long after.
const FRESH_REGION_DELAY_MS = 100;
const EXITED = "workbook:exited"; // sessionStorage: this tab left with Exit this page
const MESSAGES = {
  2: "Shift, press 2 more times to exit.",
  1: "Shift, press 1 more time to exit.",
  expired: "Exit this page expired.",
  loading: "Loading.",
};
// What shows answers: taken out of the page before it goes.
const ANSWER_VIEWS = `form${sel(ATTR.worksheet)}, ${sel(ATTR.myGoals)}, [data-wb-earlier], dialog, .wb-print-value`;

let leaving = false;
let count = 0;
let lastKeyWasModified = false;
let timer = null;
let status = null;
let lights = null;
let statusIsNew = false; // the status line was made in the task running now

const session = {
  get: (k) => { try { return window.sessionStorage.getItem(k); } catch { return null; } },
  set: (k, v) => { try { window.sessionStorage.setItem(k, v); } catch { /* nothing to keep */ } },
  remove: (k) => { try { window.sessionStorage.removeItem(k); } catch { /* nothing kept */ } },
};

const exitLink = () => document.querySelector(sel(ATTR.exit));

/**
 * The spoken status line (made empty) and the three lights on the button (aria-hidden: the status says it).
 * On every page view: Material's instant navigation swaps the bar, and them with it, for new ones.
 */
function ensureIndicator() {
  if (!status || !status.isConnected) {
    statusIsNew = true;
    queueMicrotask(() => { statusIsNew = false; });
    status = document.createElement("span");
    status.className = "wb-visually-hidden";
    status.setAttribute("role", "status");
    status.dataset.wbExitStatus = "";
    (exitLink()?.parentElement || document.body).append(status);
  }
  const link = exitLink();
  if (link && (!lights || !link.contains(lights))) {
    lights = document.createElement("span");
    lights.className = "wb-exit__lights";
    lights.setAttribute("aria-hidden", "true");
    for (let i = 0; i < PRESSES; i += 1) lights.append(document.createElement("span"));
    link.append(lights);
  }
}

function showCount() {
  ensureIndicator();
  if (!lights) return;
  lights.classList.toggle("wb-exit__lights--on", count > 0);
  [...lights.children].forEach((light, i) => light.classList.toggle("wb-exit__light--on", i < count));
}

let pending = null; // text waiting for a status line made just now

const say = (text) => {
  ensureIndicator();
  if (pending !== null || statusIsNew) {
    // The region is in the page, empty; its text comes a moment later, and the latest text wins.
    if (pending === null) setTimeout(() => {
      if (pending !== null) status.textContent = pending;
      pending = null;
    }, FRESH_REGION_DELAY_MS);
    pending = text;
    return;
  }
  status.textContent = text;
};

/** Hide everything at once; announce "Loading."; write, lock, take answers out; then go. */
export const exitPage = (url) => {
  if (leaving) return;
  leaving = true;
  const target = url || exitLink()?.getAttribute("href") || FALLBACK_URL;
  document.documentElement.classList.add("wb-exiting"); // CSS hides the body at once
  document.title = "\u200b"; // the tab strip should not name the workbook either
  session.set(EXITED, "1");
  const overlay = document.createElement("div");
  overlay.className = "wb-exit-overlay";
  overlay.setAttribute("role", "alert");
  document.documentElement.append(overlay); // outside the hidden body
  overlay.textContent = MESSAGES.loading; // set after insertion: announced more reliably
  pending = null;
  if (status) status.textContent = "";
  // The store writes pending edits and locks an open workbook; we wait at most ~150 ms (leave.js).
  flushBeforeLeaving({ lock: true })
    .catch(() => "failed")
    .then(() => {
      document.querySelectorAll(ANSWER_VIEWS).forEach((el) => el.remove());
      window.location.replace(target);
    });
};

/** Count Shift releases (keyup), as GOV.UK's component does. */
export const onKeyUp = (event) => {
  // A Shift used for a capital sends two keyups: the letter's (shiftKey true), then Shift's. Skip that Shift.
  if (event.key === "Shift" && !lastKeyWasModified) {
    count += 1;
    clearTimeout(timer);
    if (count >= PRESSES) {
      count = 0;
      showCount();
      exitPage();
    } else {
      showCount();
      say(MESSAGES[PRESSES - count]);
      timer = setTimeout(expire, WINDOW_MS); // up to 5 s between presses
    }
  } else if (count > 0) {
    expire(); // any other key stops the count
  }
  lastKeyWasModified = event.shiftKey;
};

function expire() {
  clearTimeout(timer);
  timer = null;
  count = 0;
  showCount();
  say(MESSAGES.expired);
}

const onClick = (event) => {
  const link = event.target.closest?.(sel(ATTR.exit));
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  exitPage(link.getAttribute("href"));
};

/** After an exit, a workbook page reached with Back or Forward shows nothing until it is opened on purpose. */
function coverIfBackAfterExit() {
  const nav = performance.getEntriesByType?.("navigation")?.[0];
  if (!session.get(EXITED) || nav?.type !== "back_forward") return;
  document.documentElement.classList.add("wb-exiting");
  const cover = document.createElement("div");
  cover.className = "wb-exit-overlay wb-exit-cover";
  cover.dataset.wbExitCover = "";
  const text = document.createElement("p");
  text.textContent = "This page is hidden because Exit this page was used.";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.textContent = "Show this page";
  button.addEventListener("click", () => {
    session.remove(EXITED);
    cover.remove();
    document.documentElement.classList.remove("wb-exiting");
  });
  cover.append(text, button);
  document.documentElement.append(cover);
  button.focus();
}

/**
 * The button floats at the top of the screen once the bar has scrolled out
 * of view. Checked on scroll (once a frame) rather than by observing the
 * bar, because instant navigation swaps the bar for a new one.
 */
function floatWhenScrolled() {
  let queued = false;
  const check = () => {
    queued = false;
    const link = exitLink();
    const bar = link?.closest(".wb-bar");
    if (bar) link.classList.toggle("wb-exit--floating", bar.getBoundingClientRect().bottom <= 0);
  };
  const soon = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(check);
  };
  window.addEventListener("scroll", soon, { passive: true });
  window.addEventListener("resize", soon, { passive: true });
  soon(); // in the first frame, not now: reading the bar's box now would force the whole page's layout (issue 16)
}

let installed = false;

/** Listen once per tab: delegated, so it survives Material's instant navigation. */
export const installExit = () => {
  if (installed) return;
  installed = true;
  document.addEventListener("keyup", onKeyUp, true);
  document.addEventListener("click", onClick, true);
  ensureIndicator();
  // Each page view, instant navigation's too: the new bar gets its lights (showing the count) and an empty status.
  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(() => showCount());
  floatWhenScrolled();
  coverIfBackAfterExit();
  // Restored from the back-forward cache after leaving: leave again at once.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted || !leaving) return;
    leaving = false;
    exitPage();
  });
};

installExit();
