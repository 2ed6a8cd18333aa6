// Binds a worksheet form to the store: restores answers, autosaves edits
// (debounced), keeps two tabs in step, runs repeat rows, shows answers whose
// field is gone ("Earlier answers"), and mirrors textareas for printing.
//
// Only fields a person touched since the last save are written, so a value
// the form cannot show (a field changed kind, an option went away) stays as
// it was until they edit that field, and then moves to "earlier" answers.

import {
  answersAsText, controlsForValue, isEmptyValue, orphanAnswers, retireAnswer, valueAsText, valueFromControls,
} from "./store.js";
import { ask, fill, h, uid } from "./dom.js";
import { getStore, mountTools } from "./tools.js";
import { askUnlock } from "./lock-ui.js";

const SAVE_DELAY = 300;
const mounted = new WeakSet();
const dismissed = new Set(); // worksheets whose earlier-answers box is hidden for this tab

const controlsOf = (el) => [...el.querySelectorAll("input, textarea, select")];
const isRow = (v) => Array.isArray(v) && v.every((r) => r !== null && typeof r === "object" && !Array.isArray(r));

/** Mount once per page view; `signal` ends it (instant navigation). */
export function mountForm(form, { signal } = {}) {
  if (mounted.has(form)) return;
  mounted.add(form);
  signal?.addEventListener("abort", () => mounted.delete(form));

  const store = getStore();
  const id = form.dataset.worksheet;
  const fields = new Map([...form.querySelectorAll("[data-field]")].map((el) => [el.dataset.field, el]));
  const heading = document.querySelector("article h1");
  const title = heading ? heading.firstChild.textContent.trim() : id;
  const toolbar = document.querySelector("[data-wb-toolbar]");
  const tools = toolbar ? mountTools(toolbar, { scope: id, title, signal }) : { say: () => {} };

  const dirty = new Set(); // fields edited since the last save
  const unfit = new Set(); // fields whose stored value the controls cannot show
  const stale = new Set(); // focused fields another tab changed; refreshed on blur
  let timer = null;

  // ------------------------------------------------------------ reading and writing fields

  const collect = (field) => {
    const kind = field.dataset.kind;
    if (kind !== "repeat") return valueFromControls(kind, controlsOf(field));
    const rows = [...field.querySelector("[data-repeat-rows]").children].map((li) => {
      const row = {};
      for (const sub of li.querySelectorAll("[data-subfield]")) {
        const value = valueFromControls(sub.dataset.kind, controlsOf(sub));
        if (!isEmptyValue(value)) row[sub.dataset.subfield] = value;
      }
      return row;
    });
    return isEmptyValue(rows) ? undefined : rows;
  };

  const setControls = (el, kind, value) => {
    const controls = controlsOf(el);
    const { fits, states } = controlsForValue(kind, value, controls);
    controls.forEach((c, i) => {
      if ("checked" in states[i]) c.checked = states[i].checked;
      else c.value = states[i].value;
    });
    return fits;
  };

  const show = (field, value) => {
    const kind = field.dataset.kind;
    if (kind !== "repeat") return setControls(field, kind, value);
    const rows = value === undefined ? [] : value;
    const fits = isRow(rows);
    const list = fits ? rows : [];
    const repeat = repeatOf(field);
    repeat.resize(Math.max(list.length, repeat.initial));
    const subs = new Set(repeat.subIds());
    let ok = fits && list.every((row) => Object.keys(row).every((k) => subs.has(k)));
    [...repeat.rows.children].forEach((li, i) => {
      for (const sub of li.querySelectorAll("[data-subfield]")) {
        ok = setControls(sub, sub.dataset.kind, list[i]?.[sub.dataset.subfield]) && ok;
      }
    });
    return ok;
  };

  const restore = ({ keepFocused = false } = {}) => {
    const { answers } = store.worksheet(id);
    unfit.clear();
    for (const [fieldId, field] of fields) {
      if (field.dataset.kind === "tracker") continue; // the tracker owns its stored list
      if (keepFocused && field.contains(document.activeElement)) {
        stale.add(fieldId);
        continue;
      }
      if (dirty.has(fieldId)) continue;
      if (!show(field, answers[fieldId])) unfit.add(fieldId);
    }
    mirror();
    renderEarlier();
    // Values set here fire no input events: the goal checker (checker.js) listens for this,
    // so its feedback follows restored answers, and empties when the workbook locks.
    form.dispatchEvent(new Event("wb:restored"));
  };

  const save = () => {
    clearTimeout(timer);
    timer = null;
    if (!dirty.size) return;
    let record = store.worksheet(id);
    for (const fieldId of dirty) {
      if (unfit.has(fieldId)) {
        record = retireAnswer(record, fieldId);
        unfit.delete(fieldId);
      }
      const value = collect(fields.get(fieldId));
      if (isEmptyValue(value)) delete record.answers[fieldId];
      else record.answers[fieldId] = value;
    }
    const retired = Object.keys(record.earlier || {}).length !== Object.keys(store.worksheet(id).earlier || {}).length;
    dirty.clear();
    store.put(id, record);
    if (retired) renderEarlier();
  };

  const touched = (fieldId) => {
    dirty.add(fieldId);
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY);
  };

  // ------------------------------------------------------------ repeat groups

  const repeats = new Map();
  function repeatOf(field) {
    if (repeats.has(field)) return repeats.get(field);
    const set = field.querySelector("fieldset.wb-repeat");
    const rows = set.querySelector("[data-repeat-rows]");
    const template = set.querySelector("template[data-repeat-template]");
    const add = set.querySelector("[data-repeat-add]");
    const min = Number(set.dataset.minRows || 0);
    const max = Number(set.dataset.maxRows || 50);
    const pattern = template.content.querySelector("li");
    const repeat = {
      rows, add, min, max,
      initial: Math.max(min, 1),
      subIds: () => [...pattern.querySelectorAll("[data-subfield]")].map((el) => el.dataset.subfield),
      // Give row i the template's attributes with __ROW__ -> i (labels count from 1).
      renumber() {
        const shape = [pattern, ...pattern.querySelectorAll("*")];
        [...rows.children].forEach((li, i) => {
          const els = [li, ...li.querySelectorAll("*")];
          shape.forEach((tpl, k) => {
            const el = els[k];
            if (!el) return;
            for (const { name, value } of tpl.attributes) {
              if (!value.includes("__ROW__")) continue;
              const n = name === "aria-label" ? i + 1 : i;
              el.setAttribute(name, value.replaceAll("__ROW__", String(n)));
            }
          });
        });
        const count = rows.children.length;
        add.disabled = count >= max;
        rows.querySelectorAll("[data-repeat-remove]").forEach((b) => { b.disabled = count <= min; });
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
    repeats.set(field, repeat);
    return repeat;
  }

  const firstControl = (el) => el?.querySelector("input, textarea, select");

  const onRepeatClick = (event) => {
    const addButton = event.target.closest("[data-repeat-add]");
    const removeButton = event.target.closest("[data-repeat-remove]");
    const field = (addButton || removeButton)?.closest("[data-field]");
    if (!field || !form.contains(field)) return;
    const repeat = repeatOf(field);
    if (addButton) {
      if (repeat.rows.children.length >= repeat.max) return;
      repeat.grow();
      const n = repeat.rows.children.length;
      firstControl(repeat.rows.lastElementChild)?.focus();
      tools.say(`Row ${n} added.`);
    } else {
      const li = removeButton.closest("li");
      const index = [...repeat.rows.children].indexOf(li);
      if (repeat.rows.children.length <= repeat.min) return;
      li.remove();
      repeat.renumber();
      const next = repeat.rows.children[index] || repeat.rows.children[index - 1];
      (firstControl(next) || repeat.add).focus();
      tools.say(`Row ${index + 1} removed.`);
    }
    mirror();
    touched(field.dataset.field);
  };

  for (const field of fields.values()) if (field.dataset.kind === "repeat") repeatOf(field).renumber();

  // ------------------------------------------------------------ print mirrors

  function mirror(target = null) {
    const areas = target ? [target] : form.querySelectorAll("textarea");
    for (const area of areas) {
      let copy = area.nextElementSibling;
      if (!copy || !copy.classList.contains("wb-print-value")) {
        copy = h("div", { class: "wb-print-value", "aria-hidden": "true" });
        area.after(copy);
      }
      copy.textContent = area.value;
    }
  }

  // ------------------------------------------------------------ earlier answers

  let box = null;
  function renderEarlier() {
    const record = store.worksheet(id);
    const earlier = { ...orphanAnswers(record.answers, [...fields.keys()]), ...(record.earlier || {}) };
    for (const fieldId of unfit) if (!isEmptyValue(record.answers[fieldId])) earlier[fieldId] = record.answers[fieldId];
    const had = box;
    box?.remove();
    box = null;
    if (!Object.keys(earlier).length || dismissed.has(id)) return;
    const headingId = uid("wb-earlier");
    const text = answersAsText(earlier);
    const plain = h("textarea", { class: "wb-earlier__text", readonly: true, rows: 6, "aria-label": "Earlier answers as plain text", hidden: true });
    plain.value = text;
    box = h("section", { class: "wb-earlier", "aria-labelledby": headingId, "data-wb-earlier": true },
      h("h2", { id: headingId }, "Earlier answers"),
      h("p", {}, "This worksheet has changed since you wrote these answers. They are kept here, in this browser, so nothing is lost. Copy anything you still need into the fields below."),
      h("dl", { class: "wb-earlier__list" }, Object.entries(earlier).flatMap(([key, value]) => [
        h("dt", {}, key), h("dd", { class: "wb-earlier__value" }, valueAsText(value)),
      ])),
      h("div", { class: "wb-earlier__actions" },
        h("button", { type: "button", class: "md-button", "data-wb-earlier-copy": true, onclick: () => copy(text, plain) }, "Copy as text"),
        h("button", { type: "button", class: "md-button", "data-wb-earlier-hide": true, onclick: hide }, "Hide for now"),
        h("button", { type: "button", class: "md-button", "data-wb-earlier-remove": true, onclick: () => removeEarlier(Object.keys(earlier)) }, "Remove these")),
      plain);
    form.before(box);
    if (had && had.contains(document.activeElement)) box.querySelector("button").focus();
  }

  async function copy(text, plain) {
    plain.hidden = false;
    plain.select();
    try {
      await navigator.clipboard.writeText(text);
      tools.say("Earlier answers copied.");
    } catch {
      plain.focus();
      plain.select();
      tools.say("The text is selected below: copy it with your keyboard or menu.");
    }
  }

  function hide() {
    dismissed.add(id);
    renderEarlier();
    firstControl(form)?.focus();
    tools.say("Earlier answers hidden for now. They are still saved and show again the next time you open this worksheet.");
  }

  async function removeEarlier(keys) {
    const choice = await ask({
      title: "Remove the earlier answers?",
      signal,
      body: [h("p", {}, `This deletes ${keys.length === 1 ? "1 earlier answer" : `${keys.length} earlier answers`} from this browser. It can't be undone. Copy them first if you want to keep them.`)],
      buttons: [
        { label: "Cancel", value: "cancel", initial: true },
        { label: "Remove", value: "remove", kind: "danger" },
      ],
    });
    if (choice !== "remove") {
      tools.say("Nothing was removed.");
      return;
    }
    save();
    const record = store.worksheet(id);
    for (const key of keys) {
      if (fields.has(key)) {
        unfit.delete(key);
        dirty.add(key); // keep what the field shows now
      } else {
        delete record.answers[key];
      }
    }
    delete record.earlier;
    store.put(id, record);
    save();
    renderEarlier();
    firstControl(form)?.focus();
    tools.say("Earlier answers removed.");
  }

  // ------------------------------------------------------------ events

  const opts = { signal };
  const onEdit = (event) => {
    const field = event.target.closest?.("[data-field]");
    if (!field || !form.contains(field) || event.target.closest("[data-tracker]")) return;
    if (event.target.tagName === "TEXTAREA") mirror(event.target);
    stale.delete(field.dataset.field);
    touched(field.dataset.field);
  };
  form.addEventListener("input", onEdit, opts);
  form.addEventListener("change", onEdit, opts);
  form.addEventListener("click", onRepeatClick, opts);
  form.addEventListener("submit", (event) => event.preventDefault(), opts);
  form.addEventListener("focusout", (event) => {
    const field = event.target.closest?.("[data-field]");
    if (!field || !stale.has(field.dataset.field) || field.contains(event.relatedTarget)) return;
    stale.delete(field.dataset.field);
    if (!dirty.has(field.dataset.field)) show(field, store.worksheet(id).answers[field.dataset.field]);
    mirror();
  }, opts);
  window.addEventListener("pagehide", save, opts);
  window.addEventListener("beforeprint", () => mirror(), opts);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && save(), opts);
  // ------------------------------------------------------------ the lock
  // While locked the form holds no answers and takes no typing (inert), so
  // nothing typed can be lost; edits made before locking were saved first.

  let lockedNote = null;
  const showLock = () => {
    const locked = store.lockState === "locked";
    form.inert = locked;
    form.classList.toggle("wb-form--locked", locked);
    if (!locked) {
      lockedNote?.remove();
      lockedNote = null;
      return;
    }
    if (lockedNote) return;
    lockedNote = h("div", { class: "wb-alert wb-locked", "data-wb-locked": true },
      h("p", {}, "Your answers are locked. Type your passphrase to see and change this worksheet."),
      h("button", { type: "button", class: "md-button", onclick: () => askUnlock(store, { signal }) }, "Unlock"));
    form.before(lockedNote);
  };

  const offFlush = store.addFlusher(save);
  const offChanged = store.subscribe((event) => {
    if (event.type === "lock") showLock();
    if (event.type !== "changed" || !event.ids.includes(id)) return;
    if (event.source === "here" || event.source === "lock") dirty.clear();
    restore({ keepFocused: event.source === "tab" });
  });
  signal?.addEventListener("abort", () => {
    save();
    offFlush();
    offChanged();
    form.inert = false;
    lockedNote?.remove();
  });

  // The page can be typed in while its scripts load: what is in a control now was
  // typed by the person after the page arrived, so it is newer than what is stored.
  for (const [fieldId, field] of fields) {
    if (field.dataset.kind !== "tracker" && !isEmptyValue(collect(field))) touched(fieldId);
  }
  showLock();
  restore();
}
