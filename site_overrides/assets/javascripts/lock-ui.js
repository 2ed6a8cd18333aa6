// The passphrase lock's page side: the unlock prompt and the set, change and
// remove dialogs (accessible <dialog>s built from text nodes), the "Lock"
// section of the workbook tools and the worksheet toolbar's Lock/Unlock
// button. The cryptography is in lock.js; the store (locked-store.js) holds
// the key and does the writing; when to lock by itself is lock-session.js.

import { MIN_PASSPHRASE, checkNewPassphrase, open, throttle } from "./lock.js";
import { IDLE_CHOICES } from "./format.js";
import { fill, h, modal, uid } from "./dom.js";
import { lockEverywhere, onRelock } from "./lock-session.js";

const session = {
  get: (k) => { try { return window.sessionStorage.getItem(k); } catch { return null; } },
  set: (k, v) => { try { window.sessionStorage.setItem(k, v); } catch { /* memory only */ } },
};
const tries = throttle(session);
const seconds = (ms) => {
  const s = Math.ceil(ms / 1000);
  return `${s} second${s === 1 ? "" : "s"}`;
};
const waitText = (ms) => `Too many wrong tries for now. You can try again in ${seconds(ms)}.`;

// ---------------------------------------------------------------- one dialog with passphrase boxes
//
// The passphrase must not end up in the browser's or a password manager's
// store: on a shared device a saved or autofilled passphrase undoes the lock.
// So the boxes sit in no <form> (browsers offer to save a password when a form
// holding one is submitted, or disappears after a submit), Enter and the
// button call the handler directly, the boxes are emptied before the dialog
// goes, and each box says what it is: autocomplete="off" where the passphrase
// is typed to open (nothing to fill in), "new-password" where a new one is
// chosen (no saved password is filled in), plus the opt-out attributes the
// common password managers read.
const NO_MANAGER = { "data-1p-ignore": "true", "data-lpignore": "true", "data-bwignore": "true", "data-form-type": "other" };

/**
 * A modal dialog with labelled password boxes. `onSubmit(values)` returns
 * {error} (shown, the dialog stays) or {value} (the dialog closes and the
 * promise resolves with it); Cancel and Escape resolve with null.
 */
export function passphraseDialog({ title, intro = [], fields, submitLabel, danger = false, onSubmit, signal, extra = null }) {
  const errorId = uid("wb-lock-error");
  const error = h("p", { id: errorId, class: "wb-lock-error", role: "alert" });
  const inputs = fields.map(({ name, label, autocomplete, hint }) => {
    const id = uid("wb-passphrase");
    const hintId = hint ? `${id}-hint` : null;
    const input = h("input", {
      id, type: "password", class: "wb-input wb-lock-input", autocomplete, spellcheck: "false",
      autocapitalize: "off", "aria-describedby": [hintId, errorId].filter(Boolean).join(" "), ...NO_MANAGER,
    });
    return { name, input, row: h("div", { class: "wb-lock-field" }, h("label", { for: id, class: "wb-label" }, label), hint ? h("p", { id: hintId, class: "wb-help" }, hint) : null, input) };
  });
  const show = h("input", { type: "checkbox", "data-wb-lock-show": true });
  show.addEventListener("change", () => inputs.forEach(({ input }) => { input.type = show.checked ? "text" : "password"; }));
  const submit = h("button", { type: "button", class: `md-button ${danger ? "wb-button--danger" : "md-button--primary"}`, "data-wb-lock-submit": true }, submitLabel);
  const cancel = h("button", { type: "button", class: "md-button", "data-value": "cancel" }, "Cancel");
  const form = h("div", { class: "wb-lock-form" },
    intro,
    inputs.map((i) => i.row),
    h("label", { class: "wb-option wb-lock-show" }, show, fields.length > 1 ? "Show passphrases" : "Show passphrase"),
    error,
    h("div", { class: "wb-dialog__actions" }, cancel, submit));

  let busy = false;
  const wire = (finish) => {
    cancel.addEventListener("click", () => finish(null));
    const submitValues = async () => {
      if (busy) return;
      busy = true;
      submit.disabled = true;
      fill(error, "");
      const values = Object.fromEntries(inputs.map(({ name, input }) => [name, input.value]));
      let result;
      try {
        result = await onSubmit(values);
      } catch (e) {
        console.error("workbook:", e);
        result = { error: "Something went wrong. Nothing was changed." };
      }
      busy = false;
      submit.disabled = false;
      if (result && "value" in result) {
        finish(result.value);
        return;
      }
      fill(error, result?.error || "");
      const bad = inputs[result?.field ?? 0]?.input;
      inputs.forEach(({ input }) => input.removeAttribute("aria-invalid"));
      if (bad) {
        bad.setAttribute("aria-invalid", "true");
        bad.focus();
        bad.select();
      }
    };
    submit.addEventListener("click", submitValues);
    form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.tagName === "INPUT" && event.target.type !== "checkbox") {
        event.preventDefault();
        submitValues();
      }
    });
    return [extra, form].filter(Boolean);
  };
  return modal({
    title,
    signal,
    className: "wb-lock-dialog",
    attrs: { "data-wb-lock-dialog": true },
    cancelValue: null,
    canCancel: () => !busy,
    onFinish: () => inputs.forEach(({ input }) => { input.value = ""; }),
    build: wire,
    focus: () => inputs[0].input,
  });
}

/** Ask for a passphrase that `check(passphrase)` accepts, slowing repeated wrong tries. */
async function checked(check, passphrase, wrongText) {
  const wait = tries.wait();
  if (wait > 0) return { error: waitText(wait) };
  if (!passphrase) return { error: "Type your passphrase." };
  if (await check(passphrase)) {
    tries.succeeded();
    return null;
  }
  const delay = tries.failed();
  return { error: `${wrongText} Nothing was changed. You can try again in ${seconds(delay)}.` };
}

/**
 * One passphrase box for `attempt(passphrase)` -> {ok, value, message?}:
 * resolves with the value, or null when cancelled.
 */
function askPassphrase({ title, intro, label, submitLabel, wrongText, attempt, signal }) {
  return passphraseDialog({
    title,
    intro: [h("p", {}, intro)],
    fields: [{ name: "passphrase", label, autocomplete: "off" }],
    submitLabel,
    signal,
    onSubmit: async ({ passphrase }) => {
      let result = null;
      const problem = await checked(async (p) => (result = await attempt(p)).ok, passphrase, wrongText);
      if (result?.message) return { error: result.message };
      return problem || { value: result.value };
    },
  });
}

// ---------------------------------------------------------------- unlock

let asking = null;
let declined = false; // the person closed the prompt: pages show an Unlock button instead of asking again

/** The unlock prompt (one at a time). Resolves true when the workbook is open. */
export function askUnlock(store, { signal } = {}) {
  if (store.lockState !== "locked") return Promise.resolve(true);
  // The prompt after Lock now has no page view's signal: when instant navigation took its dialog away,
  // it is over (else Unlock on the next page did nothing).
  if (asking && document.querySelector("dialog[data-wb-lock-dialog]")) return asking;
  asking = askPassphrase({
    title: "Unlock your answers",
    intro: "Your answers in this browser are locked with a passphrase. Type it to see and change them.",
    label: "Passphrase",
    submitLabel: "Unlock",
    wrongText: "That passphrase is not right.",
    signal,
    attempt: async (p) => {
      const result = await store.unlock(p);
      return { ok: result.ok, value: true, message: result.error === "unreadable" ? "The locked answers could not be read from this browser's storage. Nothing was changed." : null };
    },
  }).then((value) => {
    asking = null;
    declined = !value;
    return Boolean(value);
  });
  return asking;
}

/** Ask on page load (once, unless the person closed the prompt in this tab). */
export function promptIfLocked(store, { signal } = {}) {
  if (store.lockState === "locked" && !declined) askUnlock(store, { signal });
}

// After an idle lock or "Lock now" (lock-session.js), a page with the tools asks again.
onRelock((store) => {
  declined = false;
  if (store.lockState === "locked" && document.querySelector("[data-wb-tools]")) askUnlock(store);
});

// ---------------------------------------------------------------- encrypted export files

/**
 * Ask for the passphrase of an encrypted export or set-aside copy (sealed
 * with `idleMinutes`, lock.js; null for files); resolves with its text, or null (cancelled).
 */
export function openEncryptedFile(envelope, { name, signal, idleMinutes = null }) {
  return askPassphrase({
    title: `Open “${name}”`,
    intro: "This export is encrypted. Type the passphrase the workbook had when the file was made.",
    label: "Passphrase for this file",
    submitLabel: "Open file",
    wrongText: "That passphrase does not open this file.",
    signal,
    attempt: async (p) => {
      const opened = await open(p, envelope, idleMinutes);
      return { ok: opened.ok, value: opened.ok ? opened.text : null };
    },
  });
}

// ---------------------------------------------------------------- the Lock section (privacy page) and toolbar button

const IDLE_LABELS = { 0: "Never", 5: "5 minutes", 15: "15 minutes", 30: "30 minutes", 60: "1 hour" };

/**
 * The "Lock" section of the whole-workbook tools. `exportPlain()` saves a
 * plain export and returns its file name ("Export first"); `say` reports.
 */
export function lockSection(store, { say, exportPlain, signal }) {
  const headingId = uid("wb-lock-heading");
  const state = h("p", { class: "wb-lock__state", "data-wb-lock-state": true });
  const buttons = h("div", { class: "wb-lock__buttons" });
  const idleId = uid("wb-lock-idle");
  const idle = h("select", { id: idleId, class: "wb-input wb-lock__select", "data-wb-lock-idle": true },
    IDLE_CHOICES.map((m) => h("option", { value: String(m) }, IDLE_LABELS[m] ?? `${m} minutes`)));
  const idleRow = h("div", { class: "wb-lock__idle" }, h("label", { for: idleId, class: "wb-label" }, "Lock again when this page is left alone for"), idle);
  const section = h("section", { class: "wb-lock", "aria-labelledby": headingId, "data-wb-lock": true },
    h("h3", { id: headingId }, "Lock your answers with a passphrase"), state, buttons, idleRow);
  const button = (label, onclick, extra = {}) => h("button", { type: "button", class: "md-button wb-tool", onclick, ...extra }, label);

  idle.addEventListener("change", async () => {
    await store.setIdle(Number(idle.value));
    say(Number(idle.value) ? `The workbook now locks after ${IDLE_LABELS[idle.value] ?? `${idle.value} minutes`} without use.` : "The workbook no longer locks by itself. Use Lock now when you step away.");
  }, { signal });

  const render = () => {
    const s = store.lockState;
    idleRow.hidden = s !== "open";
    idle.value = String(store.idleMinutes);
    if (s === "none") {
      fill(state, "Set a passphrase and your answers are kept encrypted in this browser: anyone else using this device needs the passphrase to read them.");
      fill(buttons, button("Set a passphrase", setFlow, { "data-wb-lock-set": true }));
    } else if (s === "open") {
      fill(state, "Your answers are encrypted in this browser and unlocked on this page now. They are locked again after the time below without use, when you choose Lock now, and when this tab is closed.");
      fill(buttons,
        button("Lock now", () => {
          say("Locked. Your answers are hidden until the passphrase is typed.");
          lockEverywhere(store);
        }, { "data-wb-lock-now": true }),
        button("Change passphrase", changeFlow, { "data-wb-lock-change": true }),
        button("Remove passphrase", removeFlow, { "data-wb-lock-remove": true }));
    } else {
      fill(state, "Your answers are locked. Type the passphrase to see, change or export them. If it is forgotten, the answers cannot be recovered: Erase all answers (above) removes them and the passphrase, so you can start again.");
      fill(buttons, button("Unlock", () => askUnlock(store, { signal }), { "data-wb-lock-unlock": true }));
    }
  };

  async function setFlow() {
    const exported = h("p", { class: "wb-status", role: "status" });
    const warning = h("div", { class: "wb-lock-warning", "data-wb-lock-warning": true },
      h("p", {}, h("strong", {}, "A forgotten passphrase cannot be recovered. "),
        "There is no reset: nobody, not this site and not your browser, can open your answers without it. Export a copy first and keep it somewhere private."),
      h("button", {
        type: "button", class: "md-button", "data-wb-lock-export-first": true,
        onclick: () => fill(exported, `Saved a copy as ${exportPlain()}. It is not encrypted: keep it somewhere private.`),
      }, "Export first"),
      exported);
    const done = await passphraseDialog({
      title: "Set a passphrase",
      extra: warning,
      fields: NEW_FIELDS,
      submitLabel: "Set passphrase",
      signal,
      onSubmit: async ({ first, second }) => badNew(first, second, 0) || outcome(await store.setPassphrase(first)),
    });
    if (done) say("Passphrase set. Your answers are now encrypted in this browser.");
  }

  async function changeFlow() {
    const done = await passphraseDialog({
      title: "Change the passphrase",
      intro: [h("p", {}, "Every answer is encrypted again with the new passphrase. Export files made before keep the passphrase they were made with.")],
      fields: [CURRENT_FIELD, ...NEW_FIELDS],
      submitLabel: "Change passphrase",
      signal,
      onSubmit: async ({ current, first, second }) => badNew(first, second, 1)
        || (await checked((p) => store.checkPassphrase(p), current, "The current passphrase is not right."))
        || outcome(await store.setPassphrase(first)),
    });
    if (done) say("Passphrase changed. Every answer is now encrypted with the new one.");
  }

  async function removeFlow() {
    const done = await passphraseDialog({
      title: "Remove the passphrase?",
      intro: [h("p", {}, "Your answers will be kept in this browser without encryption, as they were before: anyone who uses this browser can read them.")],
      fields: [CURRENT_FIELD],
      submitLabel: "Remove passphrase",
      danger: true,
      signal,
      onSubmit: async ({ current }) => (await checked((p) => store.checkPassphrase(p), current, "That passphrase is not right."))
        || outcome(await store.removePassphrase()),
    });
    if (done) say("Passphrase removed. Your answers are kept in this browser without encryption.");
  }

  const off = store.subscribe((event) => event.type === "lock" && render());
  signal?.addEventListener("abort", off);
  render();
  return section;
}

const CURRENT_FIELD = { name: "current", label: "Current passphrase", autocomplete: "off" };
const NEW_FIELDS = [
  { name: "first", label: "New passphrase", autocomplete: "new-password", hint: `At least ${MIN_PASSPHRASE} characters. A few unrelated words are easy to remember and hard to guess.` },
  { name: "second", label: "Type the new passphrase again", autocomplete: "new-password" },
];

/** A new passphrase that is too short or typed differently: the message, on the box to fix (`first` is its index). */
function badNew(first, second, index) {
  const problem = checkNewPassphrase(first, second);
  return problem && { error: problem, field: [...first].length < MIN_PASSPHRASE ? index : index + 1 };
}

const outcome = (result) => (result.ok ? { value: true } : { error: failure(result.error) });

function failure(error) {
  if (error === "locked") return "Another tab locked the workbook meanwhile. Nothing was changed here; unlock it and try again.";
  if (error === "quota") return "This browser's storage for the site is full, so nothing was changed. Export a copy and free some space.";
  if (error === "blocked") return "The workbook is not saving (see the message above), so no passphrase can be set. Nothing was changed.";
  return "This browser did not let the workbook save. Nothing was changed.";
}

/** The worksheet toolbar's Lock / Unlock button: absent without a passphrase. */
export function lockButton(store, { holder, say, signal }) {
  const button = h("button", { type: "button", class: "md-button wb-tool wb-lock-toggle", "data-wb-lock-toggle": true });
  button.addEventListener("click", async () => {
    if (store.lockState === "open") {
      say("Locked. Your answers are hidden until the passphrase is typed.");
      await lockEverywhere(store);
    } else if (await askUnlock(store, { signal })) {
      say("Unlocked.");
    }
  }, { signal });
  const render = () => {
    if (store.lockState === "none") {
      button.remove();
      return;
    }
    fill(button, store.lockState === "open" ? "Lock now" : "Unlock");
    if (!button.isConnected) holder.append(button);
  };
  const off = store.subscribe((event) => event.type === "lock" && render());
  signal?.addEventListener("abort", off);
  render();
}
