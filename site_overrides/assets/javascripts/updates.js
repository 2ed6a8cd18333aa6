// Updates (issue 15): a page runs only its own build's code, a new build
// reaches the reader on their next navigation, and a form whose code did not
// start says so instead of taking typing it cannot keep.
//
// Every build stamps its pages with its code version (data-wb-build, from
// generator/versioning.py) and names every module by its content hash, so
// the modules a page loads are always from one build. Material's instant
// navigation swaps a newer page's bar (which carries the stamp) into a tab
// whose code is older: the code then loads that page again, in full, instead
// of running against HTML it was not written for.
//
// A reader in the middle of typing is never reloaded: offline.js asks
// typingOpen() and shows "A new version is ready — Reload" instead.

import { ATTR, sel } from "./contract.js";
import { flushBeforeLeaving } from "./leave.js";

const stamp = () => document.querySelector(sel(ATTR.build))?.getAttribute(ATTR.build) || "";

/** The build this code belongs to: the one of the page that loaded it ("" under mkdocs serve). */
export const CODE_BUILD = stamp();

/** Whether the page now shown is from another build than this code. */
export const pageFromAnotherBuild = () => {
  const page = stamp();
  return Boolean(CODE_BUILD && page && page !== CODE_BUILD);
};

let reloading = false;

/** Load the current address again, with its own build's code; what was typed is saved first. */
export const reloadPage = () => {
  if (reloading) return;
  reloading = true;
  // The store writes pending edits; an encrypted save gets up to ~150 ms to land (leave.js, issue 14).
  flushBeforeLeaving().catch(() => "failed").then(() => window.location.reload());
};

// ------------------------------------------------------------------ typing in this page view

const FORM = `form${sel(ATTR.worksheet)}`;
let typed = false;
const onEdit = (event) => {
  if (event.target instanceof Element && event.target.closest(FORM)) typed = true;
};
document.addEventListener("input", onEdit, true);
document.addEventListener("change", onEdit, true);

/** Whether a worksheet form is open and the person has typed in it since this page was shown. */
export const typingOpen = () => typed && Boolean(document.querySelector(FORM));

// ------------------------------------------------------------------ a form that cannot save

/** Mark a form as bound to the store (workbook.js, after mountForm). */
export const formMounted = (form) => form.setAttribute(ATTR.formMounted, "");

/** After a failure on the page: a form that is not bound says plainly that it is not saving. */
export const formNotSaving = () => {
  const form = document.querySelector(FORM);
  if (!form || form.hasAttribute(ATTR.formMounted) || form.previousElementSibling?.matches(".wb-not-saving")) return;
  const box = document.createElement("div");
  box.className = "wb-alert wb-not-saving";
  box.setAttribute("role", "alert");
  const text = document.createElement("p");
  text.textContent =
    "This worksheet is not saving. Part of its code did not load, so what you type here will not be kept. " +
    "Reload the page to try again.";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "Reload";
  button.addEventListener("click", () => window.location.reload());
  box.append(text, button);
  form.before(box);
};

if (window.document$) {
  // Subscribed before workbook.js (which imports this module): a new page view starts with no typing.
  window.document$.subscribe(() => {
    typed = false;
  });
}
