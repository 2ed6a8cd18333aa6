// Entry module on every page. Material's instant navigation swaps pages
// without reloading, so everything runs from `document$`, once per page view.
// Reading pages load nothing else: form and checker code (and Pyodide) are
// imported only when the page has a worksheet form or a goal field.

// One controller per page view: aborting it removes that view's listeners
// and saves anything not yet saved.
let view = null;

const onPage = async () => {
  view?.abort();
  const controller = new AbortController();
  view = controller;
  const { signal } = controller;
  const form = document.querySelector("form[data-worksheet]");
  if (form) {
    const { mountForm } = await import("./form.js");
    if (!signal.aborted) mountForm(form, { signal });
  }
  const tools = document.querySelector("[data-wb-workbook-tools]");
  if (tools) {
    const { mountTools } = await import("./tools.js");
    if (!signal.aborted) mountTools(tools, { scope: null, signal });
  }
  // Issue 7: tracker fields (entries and chart) on worksheets; the My goals page.
  if (document.querySelector("form[data-worksheet] [data-tracker]")) {
    const { mountTrackers } = await import("./tracker.js");
    if (!signal.aborted) mountTrackers(document, { signal });
  }
  if (document.querySelector("[data-wb-my-goals]")) {
    const { mountMyGoals } = await import("./mygoals.js");
    if (!signal.aborted) mountMyGoals(document, { signal }).catch(report);
  }
};

// The checker does not depend on the form: if form code fails, goal feedback still works.
const onChecker = async () => {
  if (document.querySelector("[data-smart-goal]")) {
    const { mountChecker } = await import("./checker.js");
    mountChecker(document);
  }
};

const report = (error) => console.error("workbook:", error);

// Issue 9, on every page, each starting itself: leave quickly (exit.js), offline (offline.js).
for (const name of ["./exit.js", "./offline.js"]) import(name).catch(report);

if (window.document$) {
  window.document$.subscribe(() => {
    onPage().catch(report);
    onChecker().catch(report);
  });
} else {
  onPage().catch(report);
  onChecker().catch(report);
}
