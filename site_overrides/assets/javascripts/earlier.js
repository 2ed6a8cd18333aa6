// The "Earlier answers" box above a worksheet form: answers whose field is
// gone, stored values a field can no longer show, and answers retired to
// `earlier` when such a field was edited. Nothing a person wrote is dropped:
// the box shows them, copies them as text, hides them for this tab, and only
// "Remove these" (after a confirm) deletes them.

import { isEmptyValue, sameValue } from "./format.js";
import { answersAsText, orphanAnswers, valueAsText } from "./answers.js";
import { ask, h, uid } from "./dom.js";
import { firstControl } from "./repeat.js";

const dismissed = new Set(); // worksheets whose earlier-answers box is hidden for this tab

/**
 * What the box shows for `record`: answers of fields not in `fieldIds`, the
 * record's `earlier` map, and stored values of the fields in `unfit`.
 */
export function earlierAnswers(record, fieldIds, unfit = []) {
  const earlier = { ...orphanAnswers(record.answers, fieldIds), ...(record.earlier || {}) };
  for (const fieldId of unfit) if (!isEmptyValue(record.answers[fieldId])) earlier[fieldId] = record.answers[fieldId];
  return earlier;
}

/**
 * The record after "Remove these": only the answers the box showed (`shown`,
 * key -> value, as the dialog counted them) go, and only while they still
 * hold that value. An answer retired or changed while the dialog was open
 * (a save, another tab) stays. Fields' own answers are left to the caller
 * (it saves what the field shows). Pure: returns a new record.
 */
export function removeShown(record, shown, fieldIds) {
  const fields = new Set(fieldIds);
  const answers = { ...record.answers };
  const earlier = { ...(record.earlier || {}) };
  for (const [key, value] of Object.entries(shown)) {
    if (Object.hasOwn(earlier, key) && sameValue(earlier[key], value)) delete earlier[key];
    else if (!fields.has(key) && sameValue(answers[key], value)) delete answers[key];
  }
  const next = { ...record, answers };
  if (Object.keys(earlier).length) next.earlier = earlier;
  else delete next.earlier;
  return next;
}

/**
 * Keep the box of worksheet `id` above `form`. `fieldIds` are the form's
 * fields, `unfit` the ones whose stored value they cannot show, `dirty` the
 * ones edited since the last save; `save()` writes those. Returns render().
 */
export function mountEarlier(form, { store, id, fieldIds, unfit, dirty, save, say, signal }) {
  let box = null;

  function render() {
    const earlier = earlierAnswers(store.worksheet(id), fieldIds, unfit);
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
        h("button", { type: "button", class: "md-button", "data-wb-earlier-remove": true, onclick: () => remove(earlier) }, "Remove these")),
      plain);
    form.before(box);
    if (had && had.contains(document.activeElement)) box.querySelector("button").focus();
  }

  async function copy(text, plain) {
    plain.hidden = false;
    plain.select();
    try {
      await navigator.clipboard.writeText(text);
      say("Earlier answers copied.");
    } catch {
      plain.focus();
      plain.select();
      say("The text is selected below: copy it with your keyboard or menu.");
    }
  }

  function hide() {
    dismissed.add(id);
    render();
    firstControl(form)?.focus();
    say("Earlier answers hidden for now. They are still saved and show again the next time you open this worksheet.");
  }

  async function remove(shown) {
    const keys = Object.keys(shown);
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
      say("Nothing was removed.");
      return;
    }
    const fields = new Set(fieldIds);
    // A field's stored value it cannot show: the field's own value is saved over it.
    const ownValue = keys.filter((key) => fields.has(key) && unfit.has(key));
    for (const key of ownValue) {
      unfit.delete(key);
      dirty.delete(key);
    }
    save();
    for (const key of ownValue) dirty.add(key); // keep what the field shows now
    store.put(id, removeShown(store.worksheet(id), shown, fieldIds));
    save();
    render();
    firstControl(form)?.focus();
    say("Earlier answers removed.");
  }

  return render;
}
