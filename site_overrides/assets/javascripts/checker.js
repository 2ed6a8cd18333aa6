// Main-thread client of the checker worker: one worker per tab, shared across
// Material's instant navigation; requests by id; only the latest answer for a
// field is shown; typing is debounced; the main thread never waits on Python.

import { renderFeedback, renderState } from "./feedback.js";

const DEBOUNCE_MS = 250;
const READY_TIMEOUT_MS = 90000;

let worker = null;
let status = "loading"; // loading | ready | unavailable
let reason = "";
let nextId = 1;
const pending = new Map(); // id -> callback
const listeners = new Set(); // status listeners of mounted fields

const setStatus = (value, why = "") => {
  status = value;
  reason = why;
  // Other modules (offline.js) wait for the checker without importing it.
  document.documentElement.dataset.wbChecker = value;
  window.dispatchEvent(new Event("wb:checker"));
  // A worker that failed to load never answers: settle what is waiting (My goals awaits checkGoal).
  if (value === "unavailable") {
    for (const [id, callback] of pending) callback({ id, type: "error", message: why });
    pending.clear();
  }
  for (const listener of listeners) listener();
};

export const startWorker = () => {
  if (worker || status === "unavailable") return;
  try {
    worker = new Worker(new URL("./checker-worker.mjs", import.meta.url), { type: "module" });
  } catch (error) {
    setStatus("unavailable", String(error));
    return;
  }
  const timer = setTimeout(() => status === "loading" && setStatus("unavailable", "the checker took too long to start"), READY_TIMEOUT_MS);
  worker.addEventListener("message", ({ data }) => {
    if (data.type === "ready") {
      clearTimeout(timer);
      setStatus("ready");
    } else if (data.type === "unavailable") {
      clearTimeout(timer);
      setStatus("unavailable", data.reason);
    } else if (pending.has(data.id)) {
      const callback = pending.get(data.id);
      pending.delete(data.id);
      callback(data);
    }
  });
  worker.addEventListener("error", (event) => {
    clearTimeout(timer);
    event.preventDefault();
    setStatus("unavailable", event.message || "the checker could not load");
  });
};

/** Ask the worker to check a goal; resolves with {type: "result", report} or {type: "error", message}. */
export const checkGoal = (text, why, confidence) =>
  new Promise((resolve) => {
    startWorker();
    const id = nextId++;
    pending.set(id, resolve);
    if (worker && status !== "unavailable") worker.postMessage({ id, type: "check", text, why, confidence });
    else {
      pending.delete(id);
      resolve({ id, type: "error", message: reason });
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
  const region = document.querySelector(`[data-smart-feedback="${CSS.escape(goal.name)}"]`);
  if (!region) return;
  region.hidden = false;
  const form = goal.form;
  let latest = 0;
  let timer = null;

  const run = async () => {
    if (status === "unavailable") return renderState(region, "unavailable", reason);
    const text = goal.value;
    const why = valueOf(form, goal.dataset.smartWhy);
    const raw = valueOf(form, goal.dataset.smartConfidence);
    const confidence = raw === null || raw === "" ? null : Number.parseInt(raw, 10);
    const id = ++latest;
    const answer = await checkGoal(text, why, Number.isInteger(confidence) ? confidence : null);
    if (id !== latest || signal.aborted) return; // a newer request, or the page has gone
    if (answer.type === "result") renderFeedback(region, answer.report, text);
    else renderState(region, "unavailable", answer.message);
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  };

  goal.addEventListener("input", soon, { signal });
  for (const name of [goal.dataset.smartWhy, goal.dataset.smartConfidence].filter(Boolean)) {
    for (const control of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      control.addEventListener("input", soon, { signal });
      control.addEventListener("change", soon, { signal });
    }
  }
  // Answers restored from storage (or another tab) arrive without input events.
  form.addEventListener("wb:restored", soon, { signal });

  const onStatus = () => (status === "ready" ? run() : renderState(region, status, reason));
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
  for (const goal of root.querySelectorAll("textarea[data-smart-goal]")) mountField(goal, controller.signal);
};
