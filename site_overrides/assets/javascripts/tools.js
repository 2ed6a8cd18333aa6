// Export, import, erase and print, for one worksheet (the toolbar above its
// form) or the whole workbook (the tools block on the privacy page), plus the
// warnings every page with answers must show: storage full or unavailable,
// unreadable data set aside, and what the browser said about keeping data.

import { QUARANTINE_PREFIX, isEmptyValue } from "./format.js";
import {
  MAX_IMPORT_BYTES, applyImport, buildExport, exportFileName, fieldLabel, importPreview, validateImport, validateSetAside,
  worksheetTitle,
} from "./transfer.js";
import { getStore } from "./tab-store.js";
import { ask, count, download, fill, h } from "./dom.js";
import { askUnlock, lockButton, lockSection, openEncryptedFile, promptIfLocked } from "./lock-ui.js";
import { mountHeld } from "./held-ui.js";

// Worksheet titles and field labels from the worksheet index, so the import
// preview names fields as the pages do; null (ids are shown) if it cannot load.
let names = null;
const worksheetNames = () => {
  names ||= fetch(new URL("../worksheets.json", import.meta.url))
    .then((r) => (r.ok ? r.json() : null))
    .then((index) => Object.fromEntries((index?.worksheets || []).map((w) => [w.id, { title: w.title, labels: w.labels || {} }])))
    .catch(() => null);
  return names;
};

const answerCount = (record) => (record ? Object.values(record.answers).filter((v) => !isEmptyValue(v)).length + Object.keys(record.earlier || {}).length : 0);

const STORAGE_ALERTS = {
  quota: "Your browser's storage for this site is full, so your latest answers are not saved yet. They are still on this page. Use Export to save a copy now.",
  unavailable: "This browser is not letting the workbook save answers (for example in some private windows, or with site data turned off). You can keep filling in this page, but your answers will be gone when you close it. Use Export to save a copy.",
  blocked: "Your saved answers could not be read, and could not be set aside either, so the workbook is not saving over them. Download them below to keep them. New answers are not being saved.",
  newer: "A newer version of the workbook has saved your answers. This page is older and cannot read them, so it is not saving: your saved answers stay safe. Reload to get the newer version. Anything you typed here since is not saved. Use Export first to keep it.",
};

const PERSIST_NOTES = {
  granted: "Your browser has agreed to keep your answers: it won't clear them to free up space. Clearing this site's data yourself still removes them.",
  denied: "Your browser may clear saved answers if it runs low on space. Use Export now and then to keep a copy.",
};

/**
 * Fill `host` with the tools. `scope` is a worksheet id, or null for the
 * whole workbook. Returns {say} for other code on the page.
 */
export function mountTools(host, { scope = null, title = "", signal }) {
  const store = getStore();
  host.querySelectorAll("[data-wb-tools]").forEach((el) => el.remove());
  const whole = scope === null;
  const where = whole ? "in this workbook" : "on this worksheet";
  const ids = whole ? null : [scope];

  const status = h("p", { class: "wb-status", role: "status", "aria-live": "polite" });
  const alerts = h("div", { class: "wb-alerts" });
  const note = h("p", { class: "wb-note", hidden: true });
  const say = (text) => fill(status, text);
  const warn = (text, extra = []) => {
    alerts.append(h("div", { class: "wb-alert", role: "alert" }, h("p", {}, text), extra));
  };

  const fileInput = h("input", {
    type: "file", accept: ".json,application/json", class: "wb-file", hidden: true, "data-wb-import-file": true,
    "aria-label": whole ? "Import answers file" : "Import answers file for this worksheet",
  });

  // With a passphrase set, the page must be unlocked to read or change answers.
  const unlocked = async () => store.lockState !== "locked" || askUnlock(store, { signal });

  const exportPlain = () => {
    store.flush();
    const now = new Date().toISOString();
    const data = buildExport(store.data, now, ids);
    const name = exportFileName(now, scope);
    download(name, JSON.stringify(data, null, 2));
    const n = Object.values(data.worksheets).reduce((sum, r) => sum + answerCount(r), 0);
    say(`Exported ${count(n, "answer")} to ${name}. Keep the file somewhere private: anyone who opens it can read your answers.`);
    return name;
  };

  const doExport = async () => {
    if (!(await unlocked())) return say("Nothing was exported: the answers are locked.");
    if (store.lockState !== "open") return exportPlain();
    const choice = await ask({
      title: "Export as a plain or an encrypted file?",
      className: "wb-export-dialog",
      signal,
      body: [
        h("p", {}, "A plain file can be read by anyone who opens it, and by any program. An encrypted file needs this workbook's passphrase: Import asks for it."),
        h("p", {}, "Keep either somewhere private. If the passphrase is forgotten, an encrypted file cannot be opened."),
      ],
      buttons: [
        { label: "Cancel", value: "cancel", initial: true },
        { label: "Plain file", value: "plain" },
        { label: "Encrypted file", value: "encrypted", kind: "primary" },
      ],
    });
    if (choice === "plain") return exportPlain();
    if (choice !== "encrypted" || signal?.aborted || store.lockState !== "open") return say("Nothing was exported.");
    store.flush();
    const now = new Date().toISOString();
    const data = buildExport(store.data, now, ids);
    const name = exportFileName(now, scope).replace(/\.json$/, "-encrypted.json");
    download(name, JSON.stringify(await store.sealExport(data), null, 2));
    const n = Object.values(data.worksheets).reduce((sum, r) => sum + answerCount(r), 0);
    return say(`Exported ${count(n, "answer")}, encrypted, to ${name}. Import opens it with the workbook's current passphrase.`);
  };

  const doImport = async () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    await importFrom({ name: file.name, size: file.size, read: () => file.text(), check: validateImport });
  };

  // A set-aside copy (Privacy page): checked as stored data, then the same preview, Merge or Replace.
  const importCopy = (key) => {
    const raw = store.readRaw(key) ?? "";
    return importFrom({ name: key.slice(QUARANTINE_PREFIX.length), size: raw.length, read: async () => raw, check: validateSetAside })
      .catch(crashed);
  };

  /** Import from a file or a set-aside copy: {name, size, read() -> text, check(text, size, opts) -> result}. */
  const importFrom = async ({ name, size, read, check }) => {
    alerts.querySelectorAll("[data-import-error]").forEach((el) => el.remove());
    const fail = (text) => {
      alerts.append(h("div", { class: "wb-alert", role: "alert", "data-import-error": true }, h("p", {}, text)));
      say("");
    };
    if (size > MAX_IMPORT_BYTES) return fail(validateImport("", size).error);
    // The workbook can lock during any wait below (idle time, Lock now in
    // another tab): then the answers are not in memory, and an import would
    // be applied to nothing. Check after every await; the store refuses too.
    const locks = store.locks;
    const lockedMeanwhile = () => store.lockState === "locked" || store.locks !== locks;
    const stopLocked = () => say("Import stopped: the workbook locked meanwhile. Nothing was changed. Unlock it and import again.");
    let result = check(await read(), size);
    if (!result.ok) return fail(result.error);
    if (!(await unlocked())) return say("Import cancelled: the answers are locked. Nothing was changed.");
    if (lockedMeanwhile()) return stopLocked();
    if (result.encrypted) {
      const text = await openEncryptedFile(result.encrypted, { name, signal, idleMinutes: result.idleMinutes ?? null });
      if (text === null || signal?.aborted) return say("Import cancelled. Nothing was changed.");
      if (lockedMeanwhile()) return stopLocked();
      result = check(text, text.length, { allowEncrypted: false });
      if (!result.ok) return fail(result.error);
    }
    const labels = await worksheetNames();
    if (lockedMeanwhile()) return stopLocked();
    store.flush();
    const preview = importPreview(store.data, result.worksheets, ids);
    if (!preview.rows.length) {
      return fail(whole ? "This file has no answers in it. Nothing was changed." : "This file has no answers for this worksheet. To load answers for other worksheets, use Import on the Privacy page. Nothing was changed.");
    }
    const choice = await ask({
      title: `Import answers from “${name}”?`,
      className: "wb-import-dialog",
      signal,
      body: previewNodes(preview, whole, labels),
      buttons: [
        { label: "Cancel", value: "cancel", initial: true },
        { label: "Merge", value: "merge", kind: "primary" },
        { label: "Replace", value: "replace", kind: "danger" },
      ],
    });
    if (choice === "cancel" || signal?.aborted) {
      say("Import cancelled. Nothing was changed.");
      return;
    }
    if (lockedMeanwhile()) return stopLocked();
    const now = new Date().toISOString();
    const saved = store.replace(applyImport(store.data, result.worksheets, choice, now, ids));
    if (saved.error === "locked") return stopLocked();
    const n = preview.rows.reduce((sum, r) => sum + r.incoming, 0);
    const leftOut = result.leftOut ? ` Some answers in it were left out (${result.leftOut}); the copy stays here, so Download it to keep them.` : "";
    say(`${choice === "merge" ? "Merged" : "Replaced with"} ${count(n, "answer")} from ${name}.${saved.ok ? "" : " They are on this page but could not be saved in this browser."}${leftOut}`);
  };

  const doErase = async () => {
    // Erasing everything works while locked: the way out of a forgotten passphrase.
    if (!whole && !(await unlocked())) return say("Nothing was erased: the answers are locked.");
    store.flush();
    const locked = store.lockState === "locked";
    const records = whole ? Object.values(store.data.worksheets) : [store.data.worksheets[scope]];
    const n = records.reduce((sum, r) => sum + answerCount(r), 0);
    const copies = whole ? store.quarantineKeys().length : 0;
    if (!whole && !n && !copies && store.lockState === "none") {
      say(`There are no saved answers ${where} to erase.`);
      return;
    }
    const passphrase = whole && store.lockState !== "none" ? ", and the passphrase" : "";
    const what = locked && whole
      ? `all your locked answers${copies ? `, ${count(copies, "set-aside copy", "set-aside copies")} of unreadable data` : ""}${passphrase}`
      : whole
        ? `all ${count(n, "answer")} on ${count(records.length, "worksheet")}${copies ? `, and ${count(copies, "set-aside copy", "set-aside copies")} of unreadable data` : ""}${passphrase}`
        : `the ${count(n, "answer")} you wrote on “${title}”`;
    // Erase all means all: also the offline copy, the checker's download and the service worker
    // (erase.js), unless the person keeps the offline copy; and it says what it cannot reach.
    const keep = h("input", { type: "checkbox", "data-wb-erase-keep-offline": true });
    const choice = await ask({
      title: whole ? "Erase all your answers?" : "Erase your answers on this worksheet?",
      className: "wb-erase-dialog",
      signal,
      body: whole ? [
        h("p", {}, `This removes ${n || copies || store.lockState !== "none" ? what : "everything the workbook saved"} from this browser, with the offline copy of the site and the goal checker's download. It can't be undone. If you want a copy, choose Cancel and use Export first.`),
        h("label", { class: "wb-option" }, keep, "Keep the offline copy of the site (it holds none of your answers)"),
        h("p", {}, "The workbook cannot remove files you downloaded (exports and PDFs), your browser history, or text you copied. Delete those yourself."),
      ] : [h("p", {}, `This removes ${what} from this browser. It can't be undone. If you want a copy, choose Cancel and use Export first.`)],
      buttons: [
        { label: "Cancel", value: "cancel", initial: true },
        { label: whole ? "Erase everything" : "Erase answers", value: "erase", kind: "danger" },
      ],
    });
    if (choice !== "erase" || signal?.aborted) {
      say("Nothing was erased.");
      return;
    }
    const result = store.erase(scope);
    const done = result.ok ? `Erased ${what.replace(/^the |^all /, "")} from this browser.` : "The answers were cleared from this page, but this browser did not let the workbook change its storage.";
    if (!whole) return say(done);
    const { eraseBrowserCopies } = await import("./erase.js");
    const copiesGone = await eraseBrowserCopies({ keepOffline: keep.checked });
    const offline = keep.checked ? "The offline copy is kept." : "The offline copy and the checker's download are removed too.";
    return say(`${done} ${copiesGone.failed.length ? "Some stored copies of the site could not be removed." : offline} Downloads, history and copied text are not touched.`);
  };

  const button = (label, onclick, extra = {}) => h("button", { type: "button", class: "md-button wb-tool", onclick, ...extra }, label);
  const tools = h("div", { class: "wb-tools", "data-wb-tools": true, role: "group", "aria-label": whole ? "Your answers in this workbook" : "Your answers on this worksheet" },
    h("div", { class: "wb-tools__buttons" },
      button(whole ? "Export all answers" : "Export answers", doExport, { "data-wb-export": true }),
      button("Import answers", () => fileInput.click(), { "data-wb-import": true }),
      button(whole ? "Erase all answers" : "Erase answers", doErase, { "data-wb-erase": true }),
      whole ? null : button("Print answers", () => window.print(), { "data-wb-print": true }),
      fileInput),
    alerts, note, status);
  host.append(tools);
  function crashed(error) {
    console.error("workbook:", error);
    say("Something went wrong while importing. Nothing was changed.");
  }
  fileInput.addEventListener("change", () => doImport().catch(crashed), { signal });
  if (whole) tools.append(lockSection(store, { say, exportPlain, signal }));
  else lockButton(store, { holder: tools.querySelector(".wb-tools__buttons"), say, signal });
  promptIfLocked(store, { signal });

  // Warnings that follow the store's state.
  const storageAlert = h("div", { class: "wb-alert", role: "alert", "data-wb-storage-alert": true });
  let quarantineAlert = quarantineNotice(store, whole);
  let quarantineShown = store.quarantine;
  const render = () => {
    if (STORAGE_ALERTS[store.storage]) {
      fill(storageAlert, h("p", {}, STORAGE_ALERTS[store.storage]), store.storage === "newer"
        ? h("div", { class: "wb-alert__actions" }, h("button", { type: "button", class: "md-button", "data-wb-reload": true, onclick: () => window.location.reload() }, "Reload"))
        : null);
      if (!storageAlert.isConnected) alerts.prepend(storageAlert);
    } else if (storageAlert.isConnected) {
      storageAlert.remove();
      say("Saving works again: your answers are saved in this browser.");
    }
    if (store.quarantine !== quarantineShown) { // set aside since (a save found text it could not use)
      quarantineAlert?.remove();
      quarantineAlert = quarantineNotice(store, whole);
      quarantineShown = store.quarantine;
      store.quarantineSeen = false;
    }
    if (quarantineAlert && !store.quarantineSeen && !quarantineAlert.isConnected) alerts.append(quarantineAlert);
    if (store.persist && !store.persistShown) {
      store.persistShown = true;
      note.hidden = false;
      fill(note, PERSIST_NOTES[store.persist]);
    }
  };
  // Edits held when another tab erased everything: the person decides (held-ui.js).
  mountHeld(store, { alerts, say, signal });
  const off = store.subscribe((event) => (event.type === "status" || event.type === "persist") && render());
  signal?.addEventListener("abort", () => { off(); tools.remove(); });
  render();
  if (whole) tools.append(setAsideList(store, importCopy));
  return { say };
}

function quarantineNotice(store, whole) {
  const q = store.quarantine;
  if (!q) return null;
  const box = h("div", { class: "wb-alert", role: "alert", "data-wb-quarantine": true });
  const where = q.key ? `They have been set aside, unchanged, in this browser under “${q.key}”, and the workbook has started with empty worksheets.` : "";
  // Only some answers were bad: the rest opened as usual.
  const text = q.partial
    ? `Some of your saved answers could not be used: ${q.reason}. ${q.key ? `Everything else opened as usual. The saved text as it was, with those answers in it, has been set aside, unchanged, in this browser under “${q.key}”.` : ""} Download it to keep a copy or to get help reading it.`
    : `Your saved answers could not be used: ${q.reason}. ${where} Download them to keep a copy or to get help reading them.`;
  fill(box,
    h("p", {}, text),
    h("div", { class: "wb-alert__actions" },
      h("button", { type: "button", class: "md-button", onclick: () => download(`therapy-goals-unreadable-${(q.key || "data").replace(/[^0-9a-z-]/gi, "-")}.txt`, q.raw, "text/plain") }, "Download the set-aside data"),
      h("button", { type: "button", class: "md-button", onclick: () => { store.quarantineSeen = true; box.remove(); } }, "Hide this message")));
  return box;
}

function setAsideList(store, importCopy) {
  const keys = store.quarantineKeys();
  if (!keys.length) return h("div", { hidden: true });
  return h("div", { class: "wb-set-aside", "data-wb-set-aside": true },
    h("p", {}, `This browser also holds ${count(keys.length, "set-aside copy", "set-aside copies")} of saved answers the workbook could not use when it found them. Import a copy to see what it holds and merge it with your answers. Erase all answers removes the copies too.`),
    h("ul", {}, keys.map((key) => {
      const when = key.slice(QUARANTINE_PREFIX.length);
      return h("li", {},
        h("button", { type: "button", class: "md-button", "data-wb-set-aside-import": key, onclick: () => importCopy(key) }, `Import the copy from ${when}`),
        " ",
        h("button", { type: "button", class: "md-button", onclick: () => download(`therapy-goals-unreadable-${key.replace(/[^0-9a-z-]/gi, "-")}.txt`, store.readRaw(key) ?? "", "text/plain") }, `Download the copy from ${when}`));
    })));
}

function previewNodes(preview, whole, names) {
  const list = h("ul", { class: "wb-preview" });
  for (const row of preview.rows) {
    const mine = row.existing ? `you have ${count(row.existing, "answer")} here now` : "you have no answers here yet";
    const fields = (ids) => ids.map((f) => `“${fieldLabel(names, row.id, f)}”`).join(", ");
    const item = h("li", {}, h("strong", {}, worksheetTitle(names, row.id)), `: the file has ${count(row.incoming, "answer")}; ${mine}.`);
    if (row.overwritten.length) {
      item.append(h("br"), `Both Merge and Replace overwrite ${count(row.overwritten.length, "answer")} of yours: ${fields(row.overwritten)}.`);
    }
    if (row.joined.length) {
      item.append(h("br"), `Merge keeps your ratings and adds the file's to: ${fields(row.joined)}. Replace keeps only the file's.`);
    }
    if (row.onlyMine.length) {
      item.append(h("br"), `Replace also erases ${count(row.onlyMine.length, "answer")} the file does not have: ${fields(row.onlyMine)}.`);
    }
    list.append(item);
  }
  const nodes = [h("p", {}, "What the file holds, next to what this browser holds now:"), list];
  if (preview.dropped.length) {
    nodes.push(h("p", {}, `Replace also erases your answers on: ${preview.dropped.map((d) => `${worksheetTitle(names, d.id)} (${count(d.existing, "answer")})`).join(", ")}.`));
  }
  if (preview.skipped.length && !whole) {
    nodes.push(h("p", {}, `The file also has answers for ${count(preview.skipped.length, "other worksheet")}; they are not imported here. To import them, use Import on the Privacy page.`));
  }
  nodes.push(h("p", {}, whole
    ? "Merge keeps all your answers and adds the file's, taking the file's answer where both have one. Replace erases every answer in this browser first and keeps only the file's."
    : "Merge keeps your other answers on this worksheet and takes the file's answer where both have one. Replace erases your answers on this worksheet first and keeps only the file's."));
  return nodes;
}
