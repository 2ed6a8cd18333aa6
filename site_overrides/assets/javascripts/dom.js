// Small DOM helpers shared by form.js and tools.js. Elements are built with
// createElement and text nodes only: whatever a person typed is never parsed
// as HTML (the site's CSP forbids inline script, and we never need it).

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
 * A modal <dialog>: a heading, body nodes and buttons. Resolves with the
 * chosen button's value, or "cancel" (Escape, Cancel, or the page view ending).
 * Focus goes to the first button and returns to where it was.
 */
export function ask({ title, body = [], buttons, signal, className = "" }) {
  const opener = document.activeElement;
  const headingId = uid("wb-dialog-title");
  const dialog = h("dialog", { class: `wb-dialog ${className}`.trim(), "aria-labelledby": headingId });
  const actions = h("div", { class: "wb-dialog__actions" });
  dialog.append(h("h2", { id: headingId, class: "wb-dialog__title" }, title), h("div", { class: "wb-dialog__body" }, body), actions);
  return new Promise((resolve) => {
    const finish = (value) => {
      if (dialog.open) dialog.close();
      dialog.remove();
      signal?.removeEventListener("abort", onAbort);
      if (opener && opener.isConnected && typeof opener.focus === "function") opener.focus();
      resolve(value);
    };
    const onAbort = () => finish("cancel");
    for (const { label, value, kind = "", initial = false } of buttons) {
      const cls = ["md-button", kind === "primary" && "md-button--primary", kind === "danger" && "wb-button--danger"].filter(Boolean).join(" ");
      actions.append(h("button", { type: "button", class: cls, "data-value": value, "data-initial": initial, onclick: () => finish(value) }, label));
    }
    dialog.addEventListener("cancel", (event) => { event.preventDefault(); finish("cancel"); });
    signal?.addEventListener("abort", onAbort);
    (document.querySelector("article.md-content__inner") || document.body).append(dialog);
    dialog.showModal();
    (actions.querySelector("[data-initial]") || actions.querySelector("button"))?.focus();
  });
}
