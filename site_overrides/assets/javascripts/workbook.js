// Entry module on every page. Material's instant navigation swaps pages
// without reloading, so everything runs from `document$`, once per page view.
// Reading pages load nothing else: form and checker code (and Pyodide) are
// imported only when the page has a worksheet form or a goal field.

import { ATTR, sel } from "./contract.js";
import { formMounted, formNotSaving, pageFromAnotherBuild, reloadPage } from "./updates.js";

// One controller per page view: aborting it removes that view's listeners
// and saves anything not yet saved.
let view = null;

const onPage = async () => {
  view?.abort();
  const controller = new AbortController();
  view = controller;
  const { signal } = controller;
  const form = document.querySelector(`form${sel(ATTR.worksheet)}`);
  if (form) {
    // The worksheet's toolbar (export, import, erase, print) first, then the form, which announces through it.
    const [{ mountForm }, { mountTools }] = await Promise.all([import("./form.js"), import("./tools.js")]);
    if (!signal.aborted) {
      const id = form.getAttribute(ATTR.worksheet);
      const heading = document.querySelector("article h1");
      const title = heading ? heading.firstChild.textContent.trim() : id;
      const toolbar = document.querySelector(sel(ATTR.toolbar));
      const { say } = toolbar ? mountTools(toolbar, { scope: id, title, signal }) : { say: () => {} };
      mountForm(form, { signal, say });
      formMounted(form);
    }
  }
  const tools = document.querySelector(sel(ATTR.workbookTools));
  if (tools) {
    const { mountTools } = await import("./tools.js");
    if (!signal.aborted) mountTools(tools, { scope: null, signal });
  }
  // Issue 7: tracker fields (entries and chart) on worksheets; the My goals page.
  if (document.querySelector(`form${sel(ATTR.worksheet)} ${sel(ATTR.tracker)}`)) {
    const { mountTrackers } = await import("./tracker.js");
    if (!signal.aborted) mountTrackers(document, { signal });
  }
  if (document.querySelector(sel(ATTR.myGoals))) {
    const { mountMyGoals } = await import("./mygoals.js");
    if (!signal.aborted) mountMyGoals(document, { signal }).catch(report);
  }
};

// The checker does not depend on the form: if form code fails, goal feedback still works.
const onChecker = async () => {
  if (document.querySelector(sel(ATTR.smartGoal))) {
    const { mountChecker } = await import("./checker.js");
    mountChecker(document);
  }
};

const report = (error) => console.error("workbook:", error);

// Issue 9, on every page, each starting itself: leave quickly (exit.js), offline (offline.js).
for (const name of ["./exit.js", "./offline.js"]) import(name).catch(report);
// Issue 16: a page whose text links to a worksheet may warm the checker's download when idle (warm.js decides),
// unless the page makes an offline copy (the service worker's precache fetches those files anyway).
const offlineCopy = () => Boolean(document.querySelector(sel(ATTR.serviceWorker))?.getAttribute(ATTR.serviceWorker)) &&
  "serviceWorker" in navigator;
if (!offlineCopy() && document.querySelector('article a[href*="worksheets/"]')) import("./warm.js").catch(report);

// A page from a newer build than this code (instant navigation) loads again in full (issue 15);
// a form whose code failed to start says it is not saving.
const failed = (error) => {
  report(error);
  formNotSaving();
};

if (window.document$) {
  window.document$.subscribe(() => {
    if (pageFromAnotherBuild()) return reloadPage();
    onPage().catch(failed);
    onChecker().catch(report);
  });
} else {
  onPage().catch(failed);
  onChecker().catch(report);
}
