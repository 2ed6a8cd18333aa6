// Entry module on every page. Material's instant navigation swaps pages
// without reloading, so everything runs from `document$`, once per page view.
// Reading pages load nothing else: form and checker code (and Pyodide) are
// imported only when the page has a worksheet form or a goal field.

const report = (error) => console.error("workbook:", error);

// Form and checker are independent: if one fails to load, the other still works.
const onPage = () =>
  Promise.all([
    (async () => {
      const form = document.querySelector("form[data-worksheet]");
      if (!form) return;
      const { mountForm } = await import("./form.js");
      mountForm(form);
    })().catch(report),
    (async () => {
      if (!document.querySelector("[data-smart-goal]")) return;
      const { mountChecker } = await import("./checker.js");
      mountChecker(document);
    })().catch(report),
  ]);

if (window.document$) {
  window.document$.subscribe(onPage);
} else {
  onPage();
}
