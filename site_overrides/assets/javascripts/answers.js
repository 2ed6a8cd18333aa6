// Answers and form controls: the value a field's controls hold, how to show a
// stored value in them (and whether they can), answers whose field is gone,
// and answers as plain text. Pure: controls are plain {type, value, checked}
// objects or real inputs, so this runs under node --test; form.js, repeat.js
// and earlier.js apply it to the page.

import { isEmptyValue, isObject, own } from "./format.js";

const ID_MAX = 64; // contract.js ID_PATTERN: a letter and up to 63 more


/**
 * The answer held by one field's controls (plain {type, value, checked}
 * objects or real inputs): text -> string, scale -> number, one choice ->
 * string, several -> array of strings. Undefined when nothing is filled.
 */
export function valueFromControls(kind, controls) {
  if (!controls.length) return undefined;
  if (kind === "checklist" || (kind === "choice" && controls[0].type === "checkbox")) {
    const picked = controls.filter((c) => c.checked).map((c) => c.value);
    return picked.length ? picked : undefined;
  }
  if (kind === "scale" || kind === "choice") {
    const picked = controls.find((c) => c.checked);
    if (!picked) return undefined;
    return kind === "scale" ? Number(picked.value) : picked.value;
  }
  const text = controls[0].value;
  return text === "" ? undefined : text;
}

/**
 * How to show a stored answer in a field's controls: {fits, states} where
 * states[i] is {value} or {checked} for controls[i]. `fits` is false when the
 * controls cannot show all of it (a field changed kind, an option is gone):
 * the caller keeps the stored value rather than overwrite it.
 */
export function controlsForValue(kind, value, controls) {
  const empty = value === undefined || value === null;
  const multi = kind === "checklist" || (kind === "choice" && controls[0]?.type === "checkbox");
  if (multi) {
    const list = empty ? [] : value;
    if (!Array.isArray(list) || !list.every((v) => typeof v === "string")) return { fits: false, states: controls.map(() => ({ checked: false })) };
    const values = controls.map((c) => c.value);
    return { fits: list.every((v) => values.includes(v)), states: controls.map((c) => ({ checked: list.includes(c.value) })) };
  }
  if (kind === "scale" || kind === "choice") {
    const ok = empty || (kind === "scale" ? typeof value === "number" : typeof value === "string");
    const hit = ok && !empty && controls.some((c) => c.value === String(value));
    return { fits: empty || hit, states: controls.map((c) => ({ checked: hit && c.value === String(value) })) };
  }
  const ok = empty || typeof value === "string" || typeof value === "number";
  return { fits: ok, states: controls.map((_, i) => ({ value: ok && !empty && i === 0 ? String(value) : "" })) };
}

/** Answers whose field id is not among `fieldIds`: kept, shown as earlier answers. */
export function orphanAnswers(answers, fieldIds) {
  const known = new Set(fieldIds);
  return Object.fromEntries(Object.entries(answers).filter(([id, v]) => !known.has(id) && !isEmptyValue(v)));
}

/** An answer as plain text, for the earlier-answers box, copying and previews. */
export function valueAsText(value) {
  if (value === undefined || value === null) return "";
  if (!Array.isArray(value)) return String(value);
  if (value.every((v) => !isObject(v))) return value.map(String).join(", ");
  return value
    .map((row, i) => `${i + 1}. ${Object.entries(row).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`).join("; ")}`)
    .join("\n");
}

/** Copy-friendly text of several answers: "label: value" blocks. */
export function answersAsText(answers) {
  return Object.entries(answers)
    .map(([id, value]) => {
      const text = valueAsText(value);
      return text.includes("\n") ? `${id}:\n${text}` : `${id}: ${text}`;
    })
    .join("\n\n");
}

/**
 * A key for `fieldId` not yet used in `earlier`: the id itself, else "-2",
 * "-3" … with the id shortened so the key stays a valid id (at most 64
 * characters). Cutting the whole key instead made a 63- or 64-character id
 * give the same key for every n, and the search never ended.
 */
export function earlierKey(earlier, fieldId) {
  if (!own(earlier, fieldId)) return fieldId;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const key = fieldId.slice(0, ID_MAX - suffix.length) + suffix;
    if (!own(earlier, key)) return key;
  }
}

/**
 * Move a stored answer a field can no longer show into the record's
 * `earlier` bucket before the field is overwritten. Pure: returns a new record.
 */
export function retireAnswer(record, fieldId) {
  if (!record || !own(record.answers, fieldId) || isEmptyValue(record.answers[fieldId])) return record;
  const earlier = { ...(record.earlier || {}) };
  earlier[earlierKey(earlier, fieldId)] = record.answers[fieldId];
  const answers = { ...record.answers };
  delete answers[fieldId];
  return { ...record, answers, earlier };
}
