// Repeat groups on a worksheet form: rows a person adds and removes (steps,
// supports, obstacles). The rows come from the page's <template>; each new or
// moved row gets the template's attributes with __ROW__ replaced by its
// index, so names, ids and labels stay unique and in order. The form
// (form.js) reads and fills rows through rowsValue and showRows.

import { ATTR, sel } from "./contract.js";
import { isEmptyValue } from "./format.js";
import { valueFromControls } from "./answers.js";

const DEFAULT_MAX_ROWS = 50;
export const controlsOf = (el) => [...el.querySelectorAll("input, textarea, select")];
export const firstControl = (el) => el?.querySelector("input, textarea, select");

/** Row `i`'s value of a template attribute: __ROW__ -> i, counted from 1 in labels people hear. */
export const rowAttribute = (name, value, i) => value.replaceAll("__ROW__", String(name === "aria-label" ? i + 1 : i));

/** True when `value` is a list of rows ({sub_field_id: value} objects). */
export const isRows = (v) => Array.isArray(v) && v.every((r) => r !== null && typeof r === "object" && !Array.isArray(r));

/** The rows of one repeat field: add, resize and renumber them. */
function repeatGroup(field) {
  const set = field.querySelector("fieldset.wb-repeat");
  const rows = set.querySelector(sel(ATTR.repeatRows));
  const template = set.querySelector(`template${sel(ATTR.repeatTemplate)}`);
  const add = set.querySelector(sel(ATTR.repeatAdd));
  const min = Number(set.getAttribute(ATTR.minRows) || 0);
  const max = Number(set.getAttribute(ATTR.maxRows) || DEFAULT_MAX_ROWS);
  const pattern = template.content.querySelector("li");
  const repeat = {
    rows, add, min, max,
    initial: Math.max(min, 1),
    subIds: () => [...pattern.querySelectorAll(sel(ATTR.subfield))].map((el) => el.getAttribute(ATTR.subfield)),
    // Give row i the template's attributes with __ROW__ -> i.
    renumber() {
      const shape = [pattern, ...pattern.querySelectorAll("*")];
      [...rows.children].forEach((li, i) => {
        const els = [li, ...li.querySelectorAll("*")];
        shape.forEach((tpl, k) => {
          const el = els[k];
          if (!el) return;
          for (const { name, value } of tpl.attributes) {
            if (value.includes("__ROW__")) el.setAttribute(name, rowAttribute(name, value, i));
          }
        });
      });
      const count = rows.children.length;
      add.disabled = count >= max;
      rows.querySelectorAll(sel(ATTR.repeatRemove)).forEach((b) => { b.disabled = count <= min; });
    },
    grow() {
      rows.append(document.importNode(pattern, true));
      repeat.renumber();
    },
    resize(count) {
      while (rows.children.length > count && rows.children.length > min) rows.lastElementChild.remove();
      while (rows.children.length < count) rows.append(document.importNode(pattern, true));
      repeat.renumber();
    },
  };
  return repeat;
}

/** A repeat field's answer: its rows, each {sub_field_id: value}; undefined when all are empty. */
export function rowsValue(repeat) {
  const rows = [...repeat.rows.children].map((li) => {
    const row = {};
    for (const sub of li.querySelectorAll(sel(ATTR.subfield))) {
      const value = valueFromControls(sub.getAttribute(ATTR.kind), controlsOf(sub));
      if (!isEmptyValue(value)) row[sub.getAttribute(ATTR.subfield)] = value;
    }
    return row;
  });
  return isEmptyValue(rows) ? undefined : rows;
}

/**
 * Show a stored list of rows; `setControls(el, kind, value)` fills one
 * sub-field and says whether it could. False when the rows do not fit
 * (not rows, or a sub-field that is gone): the caller keeps the stored value.
 */
export function showRows(repeat, value, setControls) {
  const rows = value === undefined ? [] : value;
  const fits = isRows(rows);
  const list = fits ? rows : [];
  repeat.resize(Math.max(list.length, repeat.initial));
  const subs = new Set(repeat.subIds());
  let ok = fits && list.every((row) => Object.keys(row).every((k) => subs.has(k)));
  [...repeat.rows.children].forEach((li, i) => {
    for (const sub of li.querySelectorAll(sel(ATTR.subfield))) {
      ok = setControls(sub, sub.getAttribute(ATTR.kind), list[i]?.[sub.getAttribute(ATTR.subfield)]) && ok;
    }
  });
  return ok;
}

/**
 * Run the Add and Remove buttons of every repeat field in `form`. After a
 * change, `changed(field)` saves it; `say` announces it. Returns `repeatOf(field)`.
 */
export function mountRepeats(form, { say, changed, signal }) {
  const repeats = new Map();
  const repeatOf = (field) => {
    if (!repeats.has(field)) repeats.set(field, repeatGroup(field));
    return repeats.get(field);
  };
  const onClick = (event) => {
    const addButton = event.target.closest(sel(ATTR.repeatAdd));
    const removeButton = event.target.closest(sel(ATTR.repeatRemove));
    const field = (addButton || removeButton)?.closest(sel(ATTR.field));
    if (!field || !form.contains(field)) return;
    const repeat = repeatOf(field);
    if (addButton) {
      if (repeat.rows.children.length >= repeat.max) return;
      repeat.grow();
      const n = repeat.rows.children.length;
      firstControl(repeat.rows.lastElementChild)?.focus();
      say(`Row ${n} added.`);
    } else {
      const li = removeButton.closest("li");
      const index = [...repeat.rows.children].indexOf(li);
      if (repeat.rows.children.length <= repeat.min) return;
      li.remove();
      repeat.renumber();
      const next = repeat.rows.children[index] || repeat.rows.children[index - 1];
      (firstControl(next) || repeat.add).focus();
      say(`Row ${index + 1} removed.`);
    }
    changed(field);
  };
  for (const field of form.querySelectorAll(sel(ATTR.field))) {
    if (field.getAttribute(ATTR.kind) === "repeat") repeatOf(field).renumber();
  }
  form.addEventListener("click", onClick, { signal });
  return repeatOf;
}
