// What the page says about edits held after another tab erased everything
// (held.js): a tab that was locked shows a notice with Keep my changes /
// Discard them (its forms were empty while locked); a tab whose typed edits
// were not yet saved asks at once in a dialog, with what was typed still on
// screen behind it, so nothing is typed meanwhile. Either way nothing is
// saved, and nothing dropped, until the person chooses.

import { ask, count, fill, h } from "./dom.js";

let asking = false; // one dialog per tab, whichever toolbar asks

/** Show the held edits' question in `alerts` (the toolbar's) or a dialog; `say` reports the choice. */
export function mountHeld(store, { alerts, say, signal }) {
  const LOCKED = "This tab locked before you chose whether to keep your changes. Unlock to choose; nothing is saved until then.";
  const keep = () => {
    const without = store.heldWhy === "typed" || store.lockState === "open" ? "" : ", without a passphrase";
    const result = store.keepHeld();
    if (result.error === "locked") return say(LOCKED); // asks again after unlocking (the lock event)
    say(result.ok ? `Your changes were saved in this browser${without}.` : "Your changes could not be saved in this browser. They are on this page; use Export to keep a copy.");
  };
  const discard = () => {
    store.discardHeld();
    say("Your changes were discarded. Nothing was saved.");
  };
  const heldAlert = h("div", { class: "wb-alert", role: "alert", "data-wb-held": true });
  const render = () => {
    if (!store.held || store.heldWhy !== "locked") heldAlert.remove();
    if (!store.held) return;
    const n = Object.keys(store.held).length;
    if (store.heldWhy !== "locked") {
      if (store.lockState !== "locked") askTyped(store, n, { keep, discard }); // locked meanwhile: asks after unlocking
      else say(LOCKED);
      return;
    }
    fill(heldAlert,
      h("p", {}, `All answers were erased in another tab, and the passphrase with them. This tab still holds changes you made here before it locked (${count(n, "worksheet")}). They are not saved. Keep them to save them in this browser without a passphrase, or discard them.`),
      h("div", { class: "wb-alert__actions" },
        h("button", { type: "button", class: "md-button", "data-wb-held-keep": true, onclick: keep }, "Keep my changes"),
        h("button", { type: "button", class: "md-button", "data-wb-held-discard": true, onclick: discard }, "Discard them")));
    if (!heldAlert.isConnected) alerts.prepend(heldAlert);
  };
  const off = store.subscribe((event) => (event.type === "held" || event.type === "lock") && render());
  signal?.addEventListener("abort", off);
  render();
}

// The dialog is on the document's body with no page view's signal: it stays open across instant
// navigation (Back, a link), on pages without a toolbar too, until a choice is made. While edits are
// held, closing the tab asks first (held.js).
async function askTyped(store, n, { keep, discard }) {
  if (asking) return;
  asking = true;
  const passphrase = store.heldWhy === "open" ? " The passphrase was erased with them, so they would be saved without one." : "";
  const choice = await ask({
    title: "Keep what you typed in this tab?",
    className: "wb-held-dialog",
    parent: document.body,
    canCancel: () => false, // a choice is needed: Escape does not decide
    body: [
      h("p", {}, `Your saved answers were erased in another tab. This tab still has changes you typed here that were not saved yet (on ${count(n, "worksheet")}). They are shown on the page, and nothing is saved until you choose.`),
      h("p", {}, `Keep them to save them in this browser again, or discard them. Other erased answers stay erased either way.${passphrase}`),
    ],
    buttons: [
      { label: "Discard them", value: "discard", kind: "danger" },
      { label: "Keep my changes", value: "keep", kind: "primary", initial: true },
    ],
  });
  asking = false;
  if (!store.held) return; // decided elsewhere meanwhile
  if (choice === "keep") keep();
  else if (choice === "discard") discard();
}
