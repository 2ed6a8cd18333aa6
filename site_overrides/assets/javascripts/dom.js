// Small DOM helpers shared by the page modules (form, tools, lock, tracker). Elements are built with
// createElement and text nodes only: whatever a person typed is never parsed
// as HTML (the site's CSP forbids inline script, and we never need it).

import { ATTR, sel } from "./contract.js";

/** The address of Getting help now, taken from the page's own "Get help now" link (the build resolves it
 *  from getting-help.md, so it holds with or without use_directory_urls); ``fallback`` on a page without it. */
export const helpHref = (fallback) => document.querySelector(sel(ATTR.help))?.href || fallback;

/** count(2, "answer") -> "2 answers"; count(1, "copy", "copies") -> "1 copy". */
export const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** h("p", {class: "x", onclick: fn}, "text", child) -> element. Strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "class") el.className = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replace an element's children (text nodes for strings). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Save `text` as a file through a blob: link; nothing leaves the browser. */
export function download(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let ids = 0;
export const uid = (prefix) => `${prefix}-${(ids += 1)}`;

/**
 * The modal <dialog> every dialog of the workbook is: a heading, then the
 * nodes `build(finish)` returns. Resolves with what `finish(value)` is given,
 * or `cancelValue` on Escape (unless `canCancel()` says no) or when the page
 * view ends (`signal`). Focus goes to `focus(dialog)` and returns to where
 * it was; `onFinish` runs first (to clear what the dialog held). In `parent`, else the article.
 */
export function modal({ title, build, focus, signal, className = "", attrs = {}, cancelValue = "cancel", canCancel = () => true, onFinish = null, parent = null }) {
  const opener = document.activeElement;
  const headingId = uid("wb-dialog-title");
  const dialog = h("dialog", { class: `wb-dialog ${className}`.trim(), "aria-labelledby": headingId, ...attrs });
  return new Promise((resolve) => {
    let done = false;
    const finish = (value) => {
      done = true;
      onFinish?.();
      if (dialog.open) dialog.close();
      dialog.remove();
      signal?.removeEventListener("abort", onAbort);
      if (opener && opener.isConnected && typeof opener.focus === "function") opener.focus();
      resolve(value);
    };
    const onAbort = () => finish(cancelValue);
    dialog.append(h("h2", { id: headingId, class: "wb-dialog__title" }, title), ...build(finish));
    dialog.addEventListener("cancel", (event) => { event.preventDefault(); if (canCancel()) finish(cancelValue); });
    // Chromium lets a page block Escape only so often: a later `cancel` cannot be prevented and the
    // dialog closes. Closed without a choice, it is Escape: cancelled where allowed, else open again.
    dialog.addEventListener("close", () => {
      if (done || !dialog.isConnected) return;
      if (canCancel()) return finish(cancelValue);
      dialog.showModal();
      focus(dialog)?.focus();
    });
    signal?.addEventListener("abort", onAbort);
    (parent || document.querySelector("article.md-content__inner") || document.body).append(dialog);
    dialog.showModal();
    focus(dialog)?.focus();
  });
}

/**
 * A question in a modal: body nodes and buttons. Resolves with the chosen
 * button's value, or "cancel" (Escape unless `canCancel()` says no, Cancel,
 * or the page view ending). Focus goes to the `initial` button (else the first).
 */
export function ask({ title, body = [], buttons, signal, className = "", canCancel, parent }) {
  const bodyId = uid("wb-dialog-body");
  return modal({
    title,
    signal,
    parent,
    attrs: { "aria-describedby": bodyId },
    className,
    canCancel,
    build: (finish) => {
      const actions = h("div", { class: "wb-dialog__actions" });
      for (const { label, value, kind = "", initial = false } of buttons) {
        const cls = ["md-button", kind === "primary" && "md-button--primary", kind === "danger" && "wb-button--danger"].filter(Boolean).join(" ");
        actions.append(h("button", { type: "button", class: cls, "data-value": value, "data-initial": initial, onclick: () => finish(value) }, label));
      }
      return [h("div", { id: bodyId, class: "wb-dialog__body" }, body), actions];
    },
    focus: (dialog) => dialog.querySelector(".wb-dialog__actions [data-initial]") || dialog.querySelector(".wb-dialog__actions button"),
  });
}
