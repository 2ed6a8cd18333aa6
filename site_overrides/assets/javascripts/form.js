// Binds a worksheet form to the store: restores answers, autosaves edits
// (debounced), keeps two tabs in step, mirrors textareas for printing, and
// keeps the form inert while the answers are locked. Repeat rows are
// repeat.js; the "Earlier answers" box is earlier.js.
//
// Only fields a person touched since the last save are written, so a value
// the form cannot show (a field changed kind, an option went away) stays as
// it was until they edit that field, and then moves to "earlier" answers.

import { ATTR, EVENT, sel } from "./contract.js";
import { MAX_ITEMS, MAX_TEXT, checkValue, isEmptyValue } from "./format.js";
import { controlsForValue, retireAnswer, valueFromControls } from "./answers.js";
import { h } from "./dom.js";
import { getStore } from "./tab-store.js";
import { askUnlock } from "./lock-ui.js";
import { controlsOf, mountRepeats, rowsValue, showRows } from "./repeat.js";
import { mountEarlier } from "./earlier.js";

const SAVE_DELAY = 300;
const mounted = new WeakSet();

// Answers over the limit hidden while locked wait in the store (store.overLimit), so they outlast the
// page view (a link followed while locked): closing the tab asks first while any wait, on any page.
let warnsHidden = false;
const warnHidden = (store) => {
  if (warnsHidden) return;
  warnsHidden = true;
  window.addEventListener("beforeunload", (event) => {
    if (!Object.keys(store.overLimit).length) return;
    event.preventDefault();
    event.returnValue = "";
  });
};

/** Mount once per page view; `signal` ends it (instant navigation); `say` announces (the toolbar's status). */
export function mountForm(form, { signal, say = () => {} } = {}) {
  if (mounted.has(form)) return;
  mounted.add(form);
  signal?.addEventListener("abort", () => mounted.delete(form));

  const store = getStore();
  const id = form.getAttribute(ATTR.worksheet);
  const fields = new Map([...form.querySelectorAll(sel(ATTR.field))].map((el) => [el.getAttribute(ATTR.field), el]));
  const kindOf = (el) => el.getAttribute(ATTR.kind);
  const fieldOf = (el) => el.closest?.(sel(ATTR.field));

  const dirty = new Set(); // fields edited since the last save
  const unfit = new Set(); // fields whose stored value the controls cannot show
  const stale = new Set(); // focused fields another tab changed; refreshed on focus, return or blur
  // The stored value (as JSON) each field last showed or saved: when a save
  // finds another value stored, another tab changed that field meanwhile, and
  // its text moves to Earlier answers instead of being written over.
  const seen = new Map();
  let timer = null;

  // ------------------------------------------------------------ reading and writing fields

  const collect = (field) => {
    const kind = kindOf(field);
    return kind === "repeat" ? rowsValue(repeatOf(field)) : valueFromControls(kind, controlsOf(field));
  };

  // The browser may not take what is set: a date input drops text that is
  // not a date, a one-line input drops line breaks. What it shows is read
  // back, and any difference makes the field unfit, so an edit moves the
  // stored value to Earlier answers instead of writing over it.
  const setControls = (el, kind, value) => {
    const controls = controlsOf(el);
    let { fits, states } = controlsForValue(kind, value, controls);
    controls.forEach((c, i) => {
      if ("checked" in states[i]) {
        c.checked = states[i].checked;
        if (c.checked !== states[i].checked) fits = false;
      } else {
        c.value = states[i].value;
        if (c.value !== states[i].value) fits = false;
      }
    });
    return fits;
  };

  const show = (field, value) => {
    const kind = kindOf(field);
    return kind === "repeat" ? showRows(repeatOf(field), value, setControls) : setControls(field, kind, value);
  };

  // Edits held after an erase elsewhere (held.js) are on screen while the tab asks, never while locked.
  const held = () => (store.lockState !== "locked" && store.heldWhy !== "locked" && store.held?.[id]?.answers) || {};
  const restore = ({ keepFocused = false } = {}) => {
    const answers = { ...store.worksheet(id).answers, ...held() };
    for (const fieldId of [...unfit]) if (!dirty.has(fieldId)) unfit.delete(fieldId); // an edited field keeps its mark
    for (const fieldId of [...tooBig.keys()]) if (!dirty.has(fieldId)) limitNote(fieldId, null); // erased, or replaced
    for (const [fieldId, field] of fields) {
      if (kindOf(field) === "tracker") continue; // the tracker owns its stored list
      if (keepFocused && field.contains(document.activeElement)) {
        stale.add(fieldId);
        continue;
      }
      if (dirty.has(fieldId)) continue;
      if (!show(field, answers[fieldId])) unfit.add(fieldId);
      seen.set(fieldId, JSON.stringify(answers[fieldId]));
    }
    mirror();
    renderEarlier();
    // Values set here fire no input events: the goal checker (checker.js) listens for this,
    // so its feedback follows restored answers, and empties when the workbook locks.
    form.dispatchEvent(new Event(EVENT.RESTORED));
  };

  // A value over the store's limits (format.js) is not saved: it stays on
  // screen (and dirty, so nothing replaces it), and a note beside the field
  // says so until it is short enough. The rest of the worksheet saves as usual.
  const tooBig = new Map(); // fieldId -> the note shown beside it
  const warnUnsaved = (event) => {
    event.preventDefault();
    event.returnValue = "";
  };
  const limitNote = (fieldId, error) => {
    const field = fields.get(fieldId);
    let note = tooBig.get(fieldId);
    if (!error) {
      note?.remove();
      tooBig.delete(fieldId);
      if (!tooBig.size) window.removeEventListener("beforeunload", warnUnsaved); // hidden ones: warnHidden
      return;
    }
    // Closing the tab would lose the words that could not be saved: the browser asks first.
    window.addEventListener("beforeunload", warnUnsaved, { signal });
    const text = /too many/.test(error)
      ? `Not saved: this answer has more than ${MAX_ITEMS.toLocaleString("en-GB")} entries, the most the workbook can keep. It is still here on the screen. Remove some entries and it will save.`
      : `Not saved: this answer is longer than ${MAX_TEXT.toLocaleString("en-GB")} characters, the most the workbook can keep in one answer. It is still here on the screen. Shorten it and it will save, or copy it into a document of your own.`;
    if (!note) {
      note = h("p", { class: "wb-alert wb-field-limit", id: `wb-limit-${id}-${fieldId}`, "data-wb-limit": fieldId });
      field.append(note);
      tooBig.set(fieldId, note);
      for (const control of controlsOf(field)) {
        const ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
        if (!ids.includes(note.id)) control.setAttribute("aria-describedby", [...ids, note.id].join(" "));
      }
      say(text);
    }
    note.textContent = text;
  };

  const save = () => {
    clearTimeout(timer);
    timer = null;
    if (!dirty.size) return;
    let record = store.worksheet(id);
    const held = [];
    for (const fieldId of dirty) {
      const value = collect(fields.get(fieldId));
      const error = isEmptyValue(value) ? null : checkValue(value, "");
      limitNote(fieldId, error);
      if (error) {
        held.push(fieldId);
        continue;
      }
      const stored = JSON.stringify(record.answers[fieldId]);
      const theirs = seen.has(fieldId) && stored !== seen.get(fieldId) && stored !== JSON.stringify(value);
      if (unfit.has(fieldId) || theirs) {
        record = retireAnswer(record, fieldId); // keeps a non-empty stored value in `earlier`
        unfit.delete(fieldId);
      }
      if (isEmptyValue(value)) delete record.answers[fieldId];
      else record.answers[fieldId] = value;
      seen.set(fieldId, JSON.stringify(record.answers[fieldId]));
    }
    const retired = Object.keys(record.earlier || {}).length !== Object.keys(store.worksheet(id).earlier || {}).length;
    const written = [...dirty].filter((fieldId) => !held.includes(fieldId));
    dirty.clear();
    for (const fieldId of held) dirty.add(fieldId);
    // Held (another tab erased everything; the page asks): what was typed stays on screen meanwhile.
    if (store.put(id, record).value === "held") for (const fieldId of written) stale.delete(fieldId);
    if (retired) renderEarlier();
  };

  const touched = (fieldId) => {
    dirty.add(fieldId);
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY);
  };

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

  // ------------------------------------------------------------ repeat rows and earlier answers

  const repeatOf = mountRepeats(form, {
    say,
    signal,
    changed: (field) => {
      mirror();
      touched(field.getAttribute(ATTR.field));
    },
  });
  const renderEarlier = mountEarlier(form, { store, id, fieldIds: [...fields.keys()], unfit, dirty, save, say, signal });

  // ------------------------------------------------------------ events

  const opts = { signal };
  const onEdit = (event) => {
    const field = fieldOf(event.target);
    if (!field || !form.contains(field) || event.target.closest(sel(ATTR.tracker))) return;
    const fieldId = field.getAttribute(ATTR.field);
    // A change event on leaving a field repeats what its input events did: nothing new when the
    // field holds what it last saved (or handed over, held after an erase elsewhere).
    if (event.type === "change" && !dirty.has(fieldId) && JSON.stringify(collect(field)) === seen.get(fieldId)) return;
    if (event.target.tagName === "TEXTAREA") mirror(event.target);
    stale.delete(fieldId);
    touched(fieldId);
    const other = event.type === "input" && event.target.value?.trim() && event.target.closest(".wb-other");
    if (other) tickOther(other);
  };
  // Words typed in an "Other" box (a field or sub-field of its own, <id>_other) tick the
  // choice's "other" option, so the choice and its words are saved together.
  const tickOther = (box) => {
    const attr = box.hasAttribute(ATTR.field) ? ATTR.field : ATTR.subfield;
    const owner = (attr === ATTR.field ? form : box.parentElement)
      .querySelector(sel(attr, box.getAttribute(attr).replace(/_other$/, "")));
    const tick = owner?.querySelector('input[value="other"]');
    if (tick && !tick.checked) {
      tick.checked = true;
      tick.dispatchEvent(new Event("change", { bubbles: true }));
    }
  };
  form.addEventListener("input", onEdit, opts);
  form.addEventListener("change", onEdit, opts);
  form.addEventListener("submit", (event) => event.preventDefault(), opts);
  // A field another tab changed while it had the focus shows the new value
  // before it is typed in again: on blur, on focus, and when the tab or
  // window comes back (a background tab keeps its focused field).
  const refresh = (fieldId) => {
    if (!stale.delete(fieldId) || dirty.has(fieldId)) return;
    const value = store.worksheet(id).answers[fieldId];
    if (!show(fields.get(fieldId), value)) unfit.add(fieldId);
    else unfit.delete(fieldId);
    seen.set(fieldId, JSON.stringify(value));
    mirror();
  };
  const refreshAll = () => [...stale].forEach(refresh);
  form.addEventListener("focusout", (event) => {
    const field = fieldOf(event.target);
    if (field && !field.contains(event.relatedTarget)) refresh(field.getAttribute(ATTR.field));
  }, opts);
  form.addEventListener("focusin", (event) => {
    const field = fieldOf(event.target);
    if (field) refresh(field.getAttribute(ATTR.field));
  }, opts);
  window.addEventListener("focus", refreshAll, opts);
  window.addEventListener("pagehide", save, opts);
  window.addEventListener("beforeprint", () => mirror(), opts);
  document.addEventListener("visibilitychange", () => (document.visibilityState === "hidden" ? save() : refreshAll()), opts);

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
    // The goal checker's feedback quotes the goal: it goes with the answers.
    const regions = form.querySelectorAll(sel(ATTR.smartFeedback));
    if (regions.length) import("./feedback.js").then(({ clearFeedback }) => regions.forEach(clearFeedback)).catch(() => {});
    if (lockedNote) return;
    lockedNote = h("div", { class: "wb-alert wb-locked", "data-wb-locked": true },
      h("p", {}, "Your answers are locked. Type your passphrase to see and change this worksheet."),
      h("button", { type: "button", class: "md-button", onclick: () => askUnlock(store, { signal }) }, "Unlock"));
    form.before(lockedNote);
  };

  // An answer over the limit (never saved) leaves the screen with the rest
  // when the workbook locks, and waits in the store's memory (a link followed
  // meanwhile keeps it): once unlocked, on this worksheet's page, it is back,
  // as typed, still with its note.
  const hideOverLimit = () => {
    for (const fieldId of [...tooBig.keys()].filter((f) => dirty.has(f))) {
      store.overLimit[id] = { ...store.overLimit[id], [fieldId]: { value: collect(fields.get(fieldId)), seen: seen.get(fieldId) } };
      warnHidden(store);
      dirty.delete(fieldId);
      limitNote(fieldId, null);
      show(fields.get(fieldId), undefined);
    }
    mirror();
  };
  const showOverLimit = () => {
    const back = Object.entries(store.overLimit[id] || {}).filter(([fieldId]) => fields.has(fieldId));
    delete store.overLimit[id];
    for (const [fieldId, { value, seen: before }] of back) {
      show(fields.get(fieldId), value);
      seen.set(fieldId, before);
      touched(fieldId); // dirty: restore leaves it, and its save shows the note again
      window.addEventListener("beforeunload", warnUnsaved, { signal }); // on screen, not saved
    }
    mirror();
  };

  const offFlush = store.addFlusher(save);
  const offChanged = store.subscribe((event) => {
    if (event.type === "lock") {
      if (store.lockState === "locked") hideOverLimit();
      else showOverLimit();
      showLock();
      if (store.held?.[id]) restore(); // held text leaves the screen with the lock, and is back after unlocking
    }
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
  // A stored value it differs from moves to Earlier answers when it saves
  // (unfit), as when another tab changed the field: neither text is lost.
  const typedEarly = new Map();
  for (const [fieldId, field] of fields) {
    const value = kindOf(field) === "tracker" ? undefined : collect(field);
    if (!isEmptyValue(value)) typedEarly.set(fieldId, JSON.stringify(value));
  }
  if (store.lockState !== "locked") {
    const { answers } = store.worksheet(id);
    for (const [fieldId, typed] of typedEarly) {
      if (!isEmptyValue(answers[fieldId]) && JSON.stringify(answers[fieldId]) !== typed) unfit.add(fieldId);
      seen.set(fieldId, JSON.stringify(answers[fieldId]));
    }
  }
  for (const fieldId of typedEarly.keys()) touched(fieldId);
  showLock();
  restore();
  if (store.lockState !== "locked") showOverLimit(); // hidden while locked on an earlier view of this page
}
