// GENERATED from generator/contract.py by the workbook plugin: do not edit.
// (python -m generator.contract rewrites this copy for node --test; a test checks it.)
// The names the page markup, the worksheet index and the browser modules share.

export const ATTR = Object.freeze({
  "worksheet": "data-worksheet",
  "toolbar": "data-wb-toolbar",
  "field": "data-field",
  "kind": "data-kind",
  "subfield": "data-subfield",
  "minRows": "data-min-rows",
  "maxRows": "data-max-rows",
  "repeatRows": "data-repeat-rows",
  "repeatTemplate": "data-repeat-template",
  "repeatAdd": "data-repeat-add",
  "repeatRemove": "data-repeat-remove",
  "smartGoal": "data-smart-goal",
  "smartWhy": "data-smart-why",
  "smartConfidence": "data-smart-confidence",
  "smartFeedback": "data-smart-feedback",
  "state": "data-state",
  "safety": "data-safety",
  "caution": "data-caution",
  "tracker": "data-tracker",
  "trackerEntry": "data-tracker-entry",
  "trackerError": "data-tracker-error",
  "trackerAdd": "data-tracker-add",
  "trackerCancel": "data-tracker-cancel",
  "trackerEntries": "data-tracker-entries",
  "workbookTools": "data-wb-workbook-tools",
  "myGoals": "data-wb-my-goals",
  "exit": "data-wb-exit",
  "help": "data-wb-help",
  "serviceWorker": "data-wb-sw",
  "build": "data-wb-build",
  "formMounted": "data-wb-mounted",
  "checker": "data-wb-checker",
  "searchExclude": "data-search-exclude"
});
export const MESSAGE = Object.freeze({
  "CHECK": "check",
  "PROGRESS": "progress",
  "READY": "ready",
  "UNAVAILABLE": "unavailable",
  "RESULT": "result",
  "ERROR": "error"
});
export const EVENT = Object.freeze({
  "RESTORED": "wb:restored",
  "CHECKER": "wb:checker",
  "FLUSH": "wb:flush"
});
export const CRITERIA = Object.freeze([
  [
    "specific",
    "Specific"
  ],
  [
    "measurable",
    "Measurable"
  ],
  [
    "attainable",
    "Attainable"
  ],
  [
    "relevant",
    "Relevant"
  ],
  [
    "time_bound",
    "Time-bound"
  ]
]);
export const STATUS_WORDS = Object.freeze({
  "met": "clear",
  "partial": "nearly there",
  "missing": "not yet"
});
export const FRAMING = Object.freeze({
  "approach": "Approach: it moves toward something you want.",
  "avoidance": "Avoidance: it is about stopping or reducing something.",
  "mixed": "Mixed: it names something to do and something to leave behind."
});
export const CAUTION_NOTE = Object.freeze({
  "before": "If any of this is about something hard that is happening now, you don't have to deal with it alone: ",
  "link": "Getting help now",
  "after": " lists people you can talk to, any time."
});
export const ID_PATTERN = "^[a-z][a-z0-9_-]{0,63}$";
const ID_RE = new RegExp(ID_PATTERN);
export const DOM_ID_PREFIX = "wb-";
export const INDEX_FORMAT = 1;
export const STORAGE_VERSION = 1;
export const WORKBOOK_VERSION = "0.1.0";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** `[data-x]`, or `[data-x="value"]` with the value quoted for CSS. */
export function sel(name, value) {
  return value === undefined ? `[${name}]` : `[${name}="${String(value).replace(/["\\]/g, "\\$&")}"]`;
}

/** An element id for a field path, as generator/contract.py's dom_id makes it. */
export const domId = (...parts) => DOM_ID_PREFIX + parts.map(String).join("-");

/** True for a worksheet, field or sub-field id the model allows. */
export const isId = (value) => typeof value === "string" && ID_RE.test(value);

// Guards for the checker worker's messages (as Material's search worker does with SearchMessageType).
/** A request to the worker: {id, type: "check", text, why, confidence}. */
export const isCheckMessage = (m) => isObject(m) && m.type === MESSAGE.CHECK && typeof m.id === "number";
/** Pyodide's download and start-up so far: {type: "progress", loaded, total, phase} (bytes; "download" | "starting"). */
export const isProgressMessage = (m) =>
  isObject(m) && m.type === MESSAGE.PROGRESS && Number.isFinite(m.loaded) && Number.isFinite(m.total) && typeof m.phase === "string";
/** The worker booted: {type: "ready", ms, snapshot}. */
export const isReadyMessage = (m) => isObject(m) && m.type === MESSAGE.READY;
/** The worker cannot check goals in this browser: {type: "unavailable", reason}. */
export const isUnavailableMessage = (m) => isObject(m) && m.type === MESSAGE.UNAVAILABLE;
/** A report for request `id`: {id, type: "result", report}. */
export const isResultMessage = (m) => isObject(m) && m.type === MESSAGE.RESULT && isObject(m.report);
/** A failed request `id`: {id, type: "error", message}. */
export const isErrorMessage = (m) => isObject(m) && m.type === MESSAGE.ERROR;
