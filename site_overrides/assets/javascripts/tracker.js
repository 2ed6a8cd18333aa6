// Tracker fields: dated 0-10 ratings of a goal, kept in date order and saved
// like every other answer (store.setField, so export, import and erase see
// them). The entry form comes from the page's markup; this module adds a
// slider for pointers, the summary sentence, the SVG chart, the table of
// entries with Edit and Delete, and an "Entry deleted. Undo" message.
// Everything a person typed reaches the page through text nodes only.

import { MAX_RATING, MIN_RATING, chartTree, parseEntry, sameEntry, splitEntries, summarize } from "./chart.js";
import { reuseRows, rowKey } from "./tracker-rows.js";
import { formatDate, isoToday } from "./dates.js";
import { ATTR, domId, sel } from "./contract.js";
import { fill, h } from "./dom.js";
import { getStore } from "./tab-store.js";
import { isEmptyValue } from "./format.js";
import { retireAnswer } from "./answers.js";

const SVG = "http://www.w3.org/2000/svg";
const mounted = new WeakSet();

/** Turn chart.js's element description into SVG nodes (text via textContent). */
export function svgFrom(tree) {
  const el = document.createElementNS(SVG, tree.tag);
  for (const [name, value] of Object.entries(tree.attrs || {})) el.setAttribute(name, String(value));
  if (tree.text !== null && tree.text !== undefined) el.textContent = tree.text;
  for (const child of tree.children || []) el.append(svgFrom(child));
  return el;
}

/** Mount every tracker field under `root` once per page view. */
export function mountTrackers(root, { signal } = {}) {
  for (const set of root.querySelectorAll(`form${sel(ATTR.worksheet)} ${sel(ATTR.tracker)}`)) mountTracker(set, { signal });
}

function mountTracker(set, { signal }) {
  if (mounted.has(set)) return;
  mounted.add(set);
  signal?.addEventListener("abort", () => mounted.delete(set));

  const store = getStore();
  const ws = set.closest(`form${sel(ATTR.worksheet)}`).getAttribute(ATTR.worksheet);
  const fieldId = set.getAttribute(ATTR.tracker);
  const named = (part) => set.querySelector(`[name="${CSS.escape(`${fieldId}.${part}`)}"]`);
  const dateInput = named("date");
  const ratingInput = named("rating");
  const noteInput = named("note");
  const addButton = set.querySelector(sel(ATTR.trackerAdd));
  const cancelButton = set.querySelector(sel(ATTR.trackerCancel));
  const errorBox = set.querySelector(sel(ATTR.trackerError));
  const host = set.querySelector(sel(ATTR.trackerEntries));
  const base = set.id || domId(fieldId);
  const today = () => isoToday();

  // ------------------------------------------------------------ the entry form

  // A slider next to the number, for pointers. The number is the one control
  // screen readers and keyboards use, so the slider is hidden from them.
  const range = h("input", {
    type: "range", min: MIN_RATING, max: MAX_RATING, step: 1, value: 5, class: "wb-tracker__range is-unset",
    "aria-hidden": "true", tabindex: "-1", "data-tracker-range": true,
  });
  ratingInput.after(range);
  const syncRange = () => {
    const n = Number(ratingInput.value);
    const ok = ratingInput.value !== "" && Number.isInteger(n) && n >= MIN_RATING && n <= MAX_RATING;
    if (ok) range.value = String(n);
    range.classList.toggle("is-unset", !ok);
  };
  range.addEventListener("input", () => {
    ratingInput.value = range.value;
    range.classList.remove("is-unset");
    clearError("rating");
  }, { signal });
  ratingInput.addEventListener("input", () => { syncRange(); clearError("rating"); }, { signal });
  dateInput.addEventListener("input", () => clearError("date"), { signal });
  noteInput.addEventListener("input", () => clearError("note"), { signal });

  dateInput.max = today();
  if (!dateInput.value) dateInput.value = today();

  const controls = { date: dateInput, rating: ratingInput, note: noteInput };
  const describedBy = (el) => (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  function clearError(part = null) {
    for (const [name, el] of Object.entries(controls)) {
      if (part && name !== part) continue;
      el.removeAttribute("aria-invalid");
    }
    if (!Object.values(controls).some((el) => el.hasAttribute("aria-invalid"))) fill(errorBox, "");
  }
  const showError = (part, message) => {
    clearError();
    const el = controls[part];
    el.setAttribute("aria-invalid", "true");
    if (!describedBy(el).includes(errorBox.id)) el.setAttribute("aria-describedby", [...describedBy(el), errorBox.id].join(" "));
    fill(errorBox, message);
    el.focus();
  };

  let editing = null; // the stored entry being edited, or null when adding

  const resetForm = () => {
    editing = null;
    dateInput.value = today();
    ratingInput.value = "";
    noteInput.value = "";
    syncRange();
    clearError();
    addButton.textContent = "Add rating";
    cancelButton.hidden = true;
  };

  // ------------------------------------------------------------ stored entries

  const storedValue = () => store.worksheet(ws).answers[fieldId];
  const storedList = () => (Array.isArray(storedValue()) ? storedValue() : []);

  /** Save the list (kept in date order); a value the tracker can't show moves to earlier answers first. */
  const write = (list) => {
    const current = storedValue();
    if (current !== undefined && !Array.isArray(current) && !isEmptyValue(current)) {
      store.put(ws, retireAnswer(store.worksheet(ws), fieldId));
    }
    const { valid, invalid } = splitEntries(list);
    return store.setField(ws, fieldId, [...valid, ...invalid.map((i) => i.entry)]);
  };

  // ------------------------------------------------------------ undo and messages

  let undo = null; // {list, said}
  const toast = h("div", { class: "wb-tracker__toast", role: "status", "data-tracker-status": true });
  const say = (text, withUndo = null) => {
    undo = withUndo;
    const parts = [h("span", {}, text)];
    if (withUndo) {
      parts.push(" ", h("button", { type: "button", class: "md-button wb-tracker__undo", "data-tracker-undo": true, onclick: doUndo }, "Undo"));
    }
    fill(toast, ...parts);
  };
  const savedNote = (result) => (result && result.ok === false ? " It is on this page but could not be saved in this browser." : "");

  function doUndo() {
    if (!undo) return;
    const { list, restored, focusDate } = undo;
    if (editing) resetForm();
    const result = write(list);
    say(`${restored}${savedNote(result)}`);
    render();
    focusRow(focusDate);
  }

  // ------------------------------------------------------------ add, edit, delete

  const submit = () => {
    const result = parseEntry(
      { date: dateInput.value, rating: ratingInput.value, note: noteInput.value },
      { today: today(), badDate: dateInput.validity.badInput, badRating: ratingInput.validity.badInput },
    );
    if (!result.ok) {
      showError(result.field, result.message);
      return;
    }
    const entry = result.entry;
    const before = storedList();
    const others = editing ? removeOne(before, editing) : before;
    if (splitEntries(others).valid.some((e) => e.date === entry.date)) {
      showError("date", `There is already a rating for ${formatDate(entry.date)}. Edit that one, or choose another date.`);
      return;
    }
    const wasEditing = editing;
    const saved = write([...others, entry]);
    if (saved?.error === "too-big") { // over the store's limit (format.js MAX_ITEMS): keep what was typed
      showError("date", `This rating was not added: the tracker already holds ${before.length.toLocaleString("en-GB")} ratings, the most it can keep. Export your answers to keep a copy, delete some old ratings, then add this one again.`);
      return;
    }
    const when = formatDate(entry.date);
    if (wasEditing) {
      say(`Entry for ${when} changed to ${entry.rating}.${savedNote(saved)}`, { list: before, restored: "Change undone.", focusDate: wasEditing.date });
    } else {
      say(`Rating ${entry.rating} for ${when} added.${savedNote(saved)}`);
    }
    resetForm();
    render();
    if (wasEditing) focusRow(entry.date);
    else dateInput.focus();
  };

  const removeOne = (list, target) => {
    const i = list.findIndex((e) => e && typeof e === "object" && sameEntry(e, target));
    return i < 0 ? list : [...list.slice(0, i), ...list.slice(i + 1)];
  };

  const startEdit = (entry) => {
    editing = entry;
    dateInput.value = typeof entry.date === "string" ? entry.date : "";
    ratingInput.value = entry.rating === undefined ? "" : String(entry.rating);
    noteInput.value = typeof entry.note === "string" ? entry.note : "";
    syncRange();
    clearError();
    addButton.textContent = "Save changes";
    cancelButton.hidden = false;
    say(`Editing the entry for ${formatDate(entry.date)}. Change it above, then choose Save changes.`);
    dateInput.focus();
  };

  const cancelEdit = () => {
    const date = editing?.date;
    resetForm();
    render();
    say("Editing cancelled. Nothing was changed.");
    focusRow(date);
  };

  const remove = (entry) => {
    const before = storedList();
    const saved = write(removeOne(before, entry));
    if (editing && sameEntry(editing, entry)) resetForm();
    render();
    say(`Entry deleted.${savedNote(saved)}`, { list: before, restored: `Entry for ${formatDate(entry.date)} restored.`, focusDate: entry.date });
    toast.querySelector("[data-tracker-undo]")?.focus();
  };

  addButton.addEventListener("click", submit, { signal });
  cancelButton.addEventListener("click", cancelEdit, { signal });
  for (const el of [dateInput, ratingInput, noteInput]) {
    el.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing) {
        event.preventDefault();
        submit();
      } else if (event.key === "Escape" && editing) {
        event.preventDefault();
        cancelEdit();
      }
    }, { signal });
  }

  // ------------------------------------------------------------ the chart and the table

  const summary = h("p", { class: "wb-tracker__summary", id: `${base}-summary`, "data-tracker-summary": true });
  const figure = h("div", { class: "wb-tracker__chart", "data-tracker-chart": true });
  const tableBody = h("tbody");
  // No class: Material styles plain tables (both palettes); the wrapper holds our styles.
  const table = h("table", { "data-tracker-table": true },
    h("caption", {}, "My ratings, oldest first"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Date"),
      h("th", { scope: "col" }, "Rating"),
      h("th", { scope: "col" }, "Note"),
      h("th", { scope: "col", class: "wb-tracker__actions-head" }, h("span", { class: "wb-sr-only" }, "Change or delete")))),
    tableBody);
  const unreadable = h("div", { class: "wb-tracker__unreadable", "data-tracker-unreadable": true, hidden: true });
  fill(host, summary, figure, h("div", { class: "wb-tracker__table" }, table), unreadable, toast);

  const editButton = (entry, when) => h("button", {
    type: "button", class: "wb-tracker__button", "data-tracker-edit": String(entry.date ?? ""), onclick: () => startEdit(entry),
  }, "Edit", h("span", { class: "wb-sr-only" }, ` the entry for ${when}`));
  const deleteButton = (entry, when) => h("button", {
    type: "button", class: "wb-tracker__button", "data-tracker-delete": String(entry.date ?? ""), onclick: () => remove(entry),
  }, "Delete", h("span", { class: "wb-sr-only" }, ` the entry for ${when}`));

  // The table's rows. A tracker holds up to 10,000 entries: each row is a clone of one template (the
  // same elements, attributes and text nodes as building it with h()), its Edit and Delete buttons are
  // answered by one listener on the table body, and a render keeps the rows of entries that did not
  // change (rowKey), so adding, changing or deleting one entry builds, styles and lays out one row, not all.
  const rowTemplate = h("tr", {},
    h("td", {}, h("time", {})),
    h("td", {}),
    h("td", { class: "wb-tracker__note" }),
    h("td", { class: "wb-tracker__actions" },
      h("button", { type: "button", class: "wb-tracker__button" }, "Edit", h("span", { class: "wb-sr-only" })),
      " ",
      h("button", { type: "button", class: "wb-tracker__button" }, "Delete", h("span", { class: "wb-sr-only" }))));
  const rowEntry = new WeakMap(); // a row of the table -> the entry it shows (set by showRows)
  const entryRow = (entry) => {
    const when = formatDate(entry.date);
    const row = rowTemplate.cloneNode(true);
    row.setAttribute("data-date", entry.date);
    const [dateCell, ratingCell, noteCell, actions] = row.children;
    dateCell.firstChild.setAttribute("datetime", entry.date);
    dateCell.firstChild.append(when);
    ratingCell.append(String(entry.rating));
    noteCell.append(entry.note || "");
    const [edit, del] = actions.children;
    edit.setAttribute("data-tracker-edit", String(entry.date ?? ""));
    edit.lastChild.append(` the entry for ${when}`);
    del.setAttribute("data-tracker-delete", String(entry.date ?? ""));
    del.lastChild.append(` the entry for ${when}`);
    return row;
  };
  tableBody.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-tracker-edit], [data-tracker-delete]");
    const entry = button && rowEntry.get(button.closest("tr"));
    if (!entry) return;
    if (button.hasAttribute("data-tracker-edit")) startEdit(entry);
    else remove(entry);
  }, { signal });
  let shownRows = new Map(); // rowKey -> the rows showing entries with that key, in table order

  function showRows(valid) {
    if (!valid.length) {
      shownRows = new Map();
      fill(tableBody, h("tr", {}, h("td", { colspan: 4 }, "No ratings yet.")));
      return;
    }
    const { rows, kept } = reuseRows(valid, shownRows, entryRow);
    for (const child of [...tableBody.children]) if (!kept.has(child)) child.remove();
    let next = tableBody.firstElementChild;
    for (const row of rows) {
      if (row === next) next = next.nextElementSibling;
      else tableBody.insertBefore(row, next);
    }
    shownRows = new Map();
    rows.forEach((row, i) => {
      rowEntry.set(row, valid[i]);
      const key = rowKey(valid[i]);
      shownRows.set(key, [...(shownRows.get(key) || []), row]);
    });
  }

  function render() {
    const { valid, invalid } = splitEntries(storedValue());
    fill(summary, summarize(valid));
    fill(figure, valid.length ? svgFrom(chartTree(valid, { labelledBy: summary.id })) : "");
    figure.hidden = !valid.length;
    showRows(valid);
    unreadable.hidden = !invalid.length;
    fill(unreadable, invalid.length ? [
      h("p", {}, `${invalid.length === 1 ? "1 saved entry can't" : `${invalid.length} saved entries can't`} go on the chart. `
        + "It is kept here so nothing is lost: edit it to fix it, or delete it."),
      h("ul", {}, invalid.map(({ entry, message }) => {
        const when = typeof entry?.date === "string" && entry.date ? entry.date : "no date";
        const item = h("li", { "data-tracker-invalid": true }, `${when}, rating ${JSON.stringify(entry?.rating ?? null)}: ${message} `);
        if (entry && typeof entry === "object" && !Array.isArray(entry)) item.append(editButton(entry, when), " ", deleteButton(entry, when));
        return item;
      })),
    ] : "");
  }

  function focusRow(date) {
    const target = date && tableBody.querySelector(`tr[data-date="${CSS.escape(date)}"] [data-tracker-edit]`);
    (target || addButton).focus();
  }

  // Import, erase and other tabs change answers under the page.
  const off = store.subscribe((event) => {
    if (event.type !== "changed" || !event.ids.includes(ws)) return;
    if (editing && !storedList().some((e) => e && typeof e === "object" && sameEntry(e, editing))) resetForm();
    if (undo) say("");
    render();
  });
  signal?.addEventListener("abort", off);

  resetForm();
  render();
}
