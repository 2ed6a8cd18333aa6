// Entry module on every page. Material's instant navigation swaps pages
// without reloading, so everything runs from `document$`, once per page view.
// Reading pages load nothing else: form and checker code (and Pyodide) are
// imported only when the page has a worksheet form or a goal field.

const onPage = async () => {
  const form = document.querySelector("form[data-worksheet]");
  if (form) {
    const { mountForm } = await import("./form.js");
    mountForm(form);
  }
  if (document.querySelector("[data-smart-goal]")) {
    const { mountChecker } = await import("./checker.js");
    mountChecker(document);
  }
};

const report = (error) => console.error("workbook:", error);

if (window.document$) {
  window.document$.subscribe(() => onPage().catch(report));
} else {
  onPage().catch(report);
}
