// Main-thread client of the checker worker: one worker per tab, shared across
// Material's instant navigation; requests by id; only the latest answer for a
// field is shown; typing is debounced; the main thread never waits on Python.

import { ATTR, EVENT, MESSAGE, isProgressMessage, isReadyMessage, isResultMessage, isUnavailableMessage, sel } from "./contract.js";
import { renderFeedback, renderState } from "./feedback.js";

const DEBOUNCE_MS = 250;

let worker = null;
let status = "loading"; // loading | ready | unavailable
let reason = "";
let progress = null; // the worker's last {loaded, total, phase} while it boots
let nextId = 1;
const pending = new Map(); // id -> callback
const listeners = new Set(); // status listeners of mounted fields

const notify = () => {
  for (const listener of listeners) listener();
};

const setStatus = (value, why = "") => {
  status = value;
  reason = why;
  if (value !== "loading") progress = null;
  // Other modules (offline.js) wait for the checker without importing it.
  document.documentElement.setAttribute(ATTR.checker, value);
  window.dispatchEvent(new Event(EVENT.CHECKER));
  // A worker that failed to load never answers: settle what is waiting (My goals awaits checkGoal).
  if (value === "unavailable") {
    for (const [id, callback] of pending) callback({ id, type: MESSAGE.ERROR, message: why });
    pending.clear();
  }
  notify();
};

// No timer decides that the checker failed: the worker reports every failure
// it can see (a download that is blocked, missing or cut short, a wasm that
// does not compile), and the browser reports a worker that cannot load.
export const startWorker = () => {
  if (worker || status === "unavailable") return;
  try {
    worker = new Worker(new URL("./checker-worker.mjs", import.meta.url), { type: "module" });
  } catch (error) {
    setStatus("unavailable", String(error));
    return;
  }
  worker.addEventListener("message", ({ data }) => {
    if (isProgressMessage(data)) {
      if (status !== "loading") return;
      progress = { loaded: data.loaded, total: data.total, phase: data.phase };
      notify();
    } else if (isReadyMessage(data)) {
      setStatus("ready");
    } else if (isUnavailableMessage(data)) {
      setStatus("unavailable", data.reason);
    } else if (pending.has(data.id)) {
      const callback = pending.get(data.id);
      pending.delete(data.id);
      callback(data);
    }
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    setStatus("unavailable", event.message || "the checker could not load");
  });
};

/** After "unavailable": a new worker, which downloads again what it could not get. */
export const retryChecker = () => {
  if (status !== "unavailable") return;
  worker?.terminate();
  worker = null;
  setStatus("loading");
  startWorker();
};

/** Ask the worker to check a goal; resolves with {type: "result", report} or {type: "error", message}. */
export const checkGoal = (text, why, confidence) =>
  new Promise((resolve) => {
    startWorker();
    const id = nextId++;
    pending.set(id, resolve);
    if (worker && status !== "unavailable") worker.postMessage({ id, type: MESSAGE.CHECK, text, why, confidence });
    else {
      pending.delete(id);
      resolve({ id, type: MESSAGE.ERROR, message: reason });
    }
  });

const valueOf = (form, name) => {
  if (!form || !name) return null;
  const checked = form.querySelector(`[name="${CSS.escape(name)}"]:checked`);
  if (checked) return checked.value;
  const control = form.querySelector(`[name="${CSS.escape(name)}"]`);
  return control && control.type !== "radio" && control.type !== "checkbox" ? control.value : null;
};

const mountField = (goal, signal) => {
  const region = document.querySelector(sel(ATTR.smartFeedback, goal.name));
  if (!region) return;
  region.hidden = false;
  const form = goal.form;
  let latest = 0;
  let timer = null;
  // Retry: a new worker after a failed start, or the same check again after a failed one. The button
  // goes away when pressed: the focus moves to the goal, not to the page's start.
  const retry = (event) => {
    const fromButton = event && event.currentTarget === document.activeElement;
    if (status === "unavailable") retryChecker();
    else run();
    if (fromButton) goal.focus();
  };

  const run = async () => {
    if (status === "unavailable") return renderState(region, "unavailable", reason, { retry });
    const text = goal.value;
    const why = valueOf(form, goal.getAttribute(ATTR.smartWhy));
    const raw = valueOf(form, goal.getAttribute(ATTR.smartConfidence));
    const confidence = raw === null || raw === "" ? null : Number.parseInt(raw, 10);
    const id = ++latest;
    const answer = await checkGoal(text, why, Number.isInteger(confidence) ? confidence : null);
    if (id !== latest || signal.aborted) return; // a newer request, or the page has gone
    if (isResultMessage(answer)) renderFeedback(region, answer.report, text);
    else renderState(region, "unavailable", answer.message, { retry });
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  };

  goal.addEventListener("input", soon, { signal });
  for (const name of [goal.getAttribute(ATTR.smartWhy), goal.getAttribute(ATTR.smartConfidence)].filter(Boolean)) {
    for (const control of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      control.addEventListener("input", soon, { signal });
      control.addEventListener("change", soon, { signal });
    }
  }
  // Answers restored from storage (or another tab) arrive without input events.
  form.addEventListener(EVENT.RESTORED, soon, { signal });

  const onStatus = () => (status === "ready" ? run() : renderState(region, status, reason, { progress, retry }));
  listeners.add(onStatus);
  signal.addEventListener("abort", () => listeners.delete(onStatus));
  onStatus();
};

let controller = null;

/** Bind every goal field on the page; called on each page view. */
export const mountChecker = (root) => {
  if (controller) controller.abort(); // the previous page's listeners
  controller = new AbortController();
  startWorker();
  for (const goal of root.querySelectorAll(`textarea${sel(ATTR.smartGoal)}`)) mountField(goal, controller.signal);
};
