"""The passphrase lock: encrypted at rest, unlock on reload, wrong tries refused and slowed, change and remove
without loss, encrypted export round trip, idle lock and Lock now, and axe on the lock controls."""

from __future__ import annotations

import base64
import json
import time
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import assert_accessible, follow_link, new_page, run_axe, wait_until
from tests.browser.workbook_helpers import (
    KEY, answers, choose, dialog_text, held_context_fixture, import_file, open_worksheet, raw,
    search_held_in, seed_plain, stored, wait_answer, workbook,
)

WS = "smart-goal"
OTHER = "what-i-want"
PASS = "blue kettle morning"
TYPED = {"goal": "Walk at lunch with Priya", "why": "More energy for the evening"}
LOCK_DIALOG = "dialog[open][data-wb-lock-dialog]"


# Nothing here is about the goal checker: its downloads wait (hold_checker_downloads), so Pyodide does
# not boot beside each test. Nor about the offline copy: with the checker held its worker never installs,
# so its script waits too (hold_offline_worker) instead of fetching the whole site for nothing.
# Nor about Material's search: its worker and index wait too (hold_search), as they are fetched by every load.
# All three held by the session's site server (held_at_server), not by routes: the context keeps its HTTP cache, so
# a full load does not fetch and compile Material's bundle and CSS again (the search worker's script waits; its index
# is answered, never built).
pytestmark = pytest.mark.usefixtures("held_at_server")


SEALED_FIELDS = ("salt", "iv", "data")  # base64 in a stored or exported envelope


def _unsealed(text: str) -> tuple[str, bytes]:
    """The text with every base64 field as hex, and those fields' bytes joined."""
    found = []

    def walk(value, key=None):
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if key in SEALED_FIELDS and isinstance(value, str):
            found.append(base64.b64decode(value, validate=True))
            return found[-1].hex()
        return value

    shown = json.dumps(walk(json.loads(text)), ensure_ascii=False)
    return shown, b"".join(found)


def readable(text: str) -> str:
    """What anyone can read in stored or exported text: base64 fields (salt, iv, the ciphertext) become hex.

    Base64 spells letters by chance: a 2 KB ciphertext holds a given three letters ("Ola") about one
    time in a hundred, which once failed a full run. In hex a word can only be the person's own; the
    bytes themselves are checked by `sealed_bytes`."""
    return _unsealed(text)[0]


def sealed_bytes(text: str) -> bytes:
    """Every base64 field of a stored or exported text, decoded: the plaintext's UTF-8 must not be in it."""
    sealed = _unsealed(text)[1]
    assert sealed, "no encrypted field found"
    return sealed


def privacy(page, site_url):
    page.goto(f"{site_url}privacy/")
    wait_until(page, "() => !!document.querySelector('[data-wb-workbook-tools] [data-wb-lock]')")


def lock_dialog(page) -> str:
    wait_until(page, "(s) => !!document.querySelector(s)", LOCK_DIALOG)
    return page.inner_text(LOCK_DIALOG)


def submit(page, *values: str) -> None:
    boxes = page.locator(f"{LOCK_DIALOG} input[type=password], {LOCK_DIALOG} input.wb-lock-input")
    for i, value in enumerate(values):
        boxes.nth(i).fill(value)
    page.click(f"{LOCK_DIALOG} [data-wb-lock-submit]")


def dialog_closed(page) -> None:
    wait_until(page, "() => !document.querySelector('dialog[open]')", timeout=20)


def lock_error(page) -> str:
    wait_until(page, "(s) => !!document.querySelector(s + ' .wb-lock-error').textContent", LOCK_DIALOG, timeout=20)
    return page.inner_text(f"{LOCK_DIALOG} .wb-lock-error")


def is_locked_shape(page) -> bool:
    text = raw(page)
    return bool(text) and "locked" in json.loads(text)


def set_passphrase(page, site_url, passphrase: str = PASS) -> None:
    privacy(page, site_url)
    page.click("[data-wb-lock-set]")
    text = lock_dialog(page)
    assert "cannot be recovered" in text
    submit(page, passphrase, passphrase)
    dialog_closed(page)
    wait_until(page, "() => { const d = JSON.parse(localStorage.getItem('workbook:v1') || '{}'); return !!d.locked; }")


def fake_clock(page) -> None:
    """The retry throttle reads Date.now(): the tests hold that clock still (timers keep running), so a
    quick second try is quick however busy the machine is, and move it past a delay instead of waiting."""
    page.fixed_now = time.time()
    page.clock.set_fixed_time(page.fixed_now)


def wait_out(page, ms: int) -> None:
    """Move the page's clock (fake_clock) past the throttle's delay: the next try is allowed at once."""
    page.fixed_now += ms / 1000
    page.clock.set_fixed_time(page.fixed_now)


def unlock(page, passphrase: str = PASS) -> None:
    lock_dialog(page)
    submit(page, passphrase)
    dialog_closed(page)


def open_unlocked(page, site_url, ws: str = WS) -> None:
    """From a page of the site whose tab holds the key (set_passphrase just set it), the worksheet `ws`, unlocked and
    drawn. On the default port by a click on a link (conftest.follow_link): Material's instant navigation keeps the
    document, its store and the key, so nothing asks (the passphrase's key derivation, about 0.3 CPU-s, and a full
    load of the worksheet saved); elsewhere a full load, which asks: unlocked as a person would. For tests whose
    subject is not that a new load asks (test_lock_encrypts_at_rest_and_reload_asks_for_the_passphrase's)."""
    if urlparse(site_url).port is not None:  # no instant navigation off the default port
        open_worksheet(page, site_url, ws)
        unlock(page)
        return
    follow_link(page, f"{site_url}worksheets/{ws}/",
                "(ws) => location.pathname.endsWith(`/${ws}/`) && !!document.querySelector('[data-wb-tools]')"
                " && document.querySelector('form[data-wb-mounted]')?.inert === false", ws)


def fill_typed(page, site_url):
    open_worksheet(page, site_url, WS)
    page.fill("#wb-goal", TYPED["goal"])
    page.fill("#wb-why", TYPED["why"])
    page.fill("[name='first_steps[0].step']", "Find my trainers")
    wait_answer(page, WS, "first_steps", TYPED_STORED["first_steps"])


# What fill_typed leaves stored for WS. The tests whose subject is not the typing (it is the first test's: typed
# answers saved, then sealed) start from it stored (seed_plain: no load of the worksheet to type it in).
TYPED_STORED = {**TYPED, "first_steps": [{"step": "Find my trainers"}, {}, {}]}


def test_lock_encrypts_at_rest_and_reload_asks_for_the_passphrase(page, site_url):
    fake_clock(page)
    seed_plain(page, site_url, workbook({OTHER: {"matters_most": "Calm mornings"}}))
    fill_typed(page, site_url)
    plain = stored(page)

    privacy(page, site_url)
    page.click("[data-wb-lock-set]")
    text = lock_dialog(page)
    assert "cannot be recovered" in text and "Export a copy first" in text
    with page.expect_download() as info:
        page.click("[data-wb-lock-export-first]")
    backup = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert backup["worksheets"] == plain["worksheets"]
    assert page.locator(LOCK_DIALOG).count() == 1  # still asking

    submit(page, "short", "short")
    assert "at least 8" in lock_error(page)
    submit(page, PASS, PASS + "x")
    assert "not the same" in lock_error(page)
    assert not is_locked_shape(page)
    submit(page, PASS, PASS)
    dialog_closed(page)
    wait_until(page, "() => !!JSON.parse(localStorage.getItem('workbook:v1')).locked")

    text = raw(page)
    for words in [*TYPED.values(), "Priya", "trainers", "Calm", WS, OTHER]:
        assert words not in readable(text) and words.encode() not in sealed_bytes(text), words
    data = json.loads(text)
    assert list(data) == ["version", "locked", "idle_minutes"]
    env = data["locked"]
    assert (env["v"], env["alg"], env["kdf"]) == (2, "AES-GCM-256", "PBKDF2-SHA-256")  # v2: idle time authenticated (issue 14)
    assert env["iterations"] >= 600_000
    everything = page.evaluate("() => [Object.entries(localStorage), Object.entries(sessionStorage)]")
    seen = [readable(v) if k == "workbook:v1" else f"{k} {v}" for store in everything for k, v in store]
    assert not [v for v in seen if "Priya" in v or "Calm" in v], seen

    # a new page load has no key: it asks; once open, typing is saved encrypted too
    open_worksheet(page, site_url, WS)
    unlock(page)
    assert page.input_value("#wb-goal") == TYPED["goal"]
    page.fill("#wb-supports", "My neighbour Ola")
    wait_until(page, "(t) => localStorage.getItem('workbook:v1') !== t", text)
    assert "Ola" not in readable(raw(page)) and b"Ola" not in sealed_bytes(raw(page))

    # reload: the passphrase is asked for; nothing shows and nothing can be typed meanwhile
    page.reload()
    wait_until(page, "() => !!document.querySelector('[data-wb-tools]')")
    text = lock_dialog(page)
    assert "Unlock your answers" in text
    assert page.get_attribute(f"{LOCK_DIALOG} input", "autocomplete") == "off"  # never filled in (issue 14)
    assert page.input_value("#wb-goal") == ""
    assert page.evaluate("() => document.querySelector('form[data-worksheet]').inert") is True

    # a wrong one: a clear message, nothing changed; a quick second try is slowed
    before = raw(page)
    submit(page, "not my passphrase")
    message = lock_error(page)
    assert "not right" in message and "Nothing was changed" in message and "try again in 1 second" in message
    assert page.get_attribute(f"{LOCK_DIALOG} input", "aria-invalid") == "true"
    assert raw(page) == before
    submit(page, PASS)
    wait_until(page, "(s) => document.querySelector(s + ' .wb-lock-error').textContent.includes('Too many')", LOCK_DIALOG)
    assert page.input_value("#wb-goal") == ""
    wait_out(page, 1100)

    # the right one restores everything
    submit(page, PASS)
    dialog_closed(page)
    assert page.input_value("#wb-goal") == TYPED["goal"]
    assert page.input_value("#wb-why") == TYPED["why"]
    assert page.input_value("#wb-supports") == "My neighbour Ola"
    assert page.input_value("[name='first_steps[0].step']") == "Find my trainers"
    assert page.evaluate("() => document.querySelector('form[data-worksheet]').inert") is False
    assert raw(page) == before
    assert page.watch.foreign() == []
    assert [e for e in page.watch.errors if "workbook" in e] == []


# Two worksheets open at once in one context: held by routes too (in the browser, no connection kept), as a held
# request at the server keeps one of the six connections Chromium opens to a host (hold_at_server).
@pytest.mark.usefixtures("checker_held", "offline_held", "search_held")
def test_lock_now_idle_lock_and_a_second_tab(context, page, site_url):
    seed_plain(page, site_url, workbook({WS: TYPED_STORED}))
    set_passphrase(page, site_url)
    open_unlocked(page, site_url)
    second = new_page(context, site_url)
    open_worksheet(second, site_url, WS)
    unlock(second)
    assert second.input_value("#wb-goal") == TYPED["goal"]

    # an edit in one tab reaches the other (the storage event, decrypted with the key in memory)
    page.fill("#wb-why", "Sleep better")
    wait_until(second, "() => document.querySelector('#wb-why').value === 'Sleep better'")

    # Lock now (worksheet toolbar): answers leave the page, in both tabs; the prompt comes back
    page.fill("#wb-supports", "typed just before locking")
    page.click("[data-wb-lock-toggle]")
    lock_dialog(page)
    assert page.input_value("#wb-goal") == "" and page.input_value("#wb-supports") == ""
    wait_until(second, "() => document.querySelector('#wb-goal').value === ''")
    assert second.locator("[data-wb-locked]").count() == 1
    unlock(page)
    assert page.input_value("#wb-supports") == "typed just before locking"  # saved before it locked

    # idle: the chosen time without use locks again
    page.clock.install()
    privacy(page, site_url)
    unlock(page)
    wait_until(page, "() => !document.querySelector('.wb-lock__idle').hidden")
    page.select_option("[data-wb-lock-idle]", "5")
    wait_until(page, "() => JSON.parse(localStorage.getItem('workbook:v1')).idle_minutes === 5")
    page.clock.run_for("04:00")
    assert page.locator("[data-wb-lock-now]").count() == 1
    page.clock.run_for("01:30")
    lock_dialog(page)
    assert page.locator("[data-wb-lock-unlock]").count() == 1


def test_change_and_remove_the_passphrase_without_loss(page, site_url):
    fake_clock(page)
    seed_plain(page, site_url, workbook({OTHER: {"matters_most": "Calm mornings"}, WS: TYPED_STORED}))
    plain = stored(page)["worksheets"]
    set_passphrase(page, site_url)
    first = raw(page)

    page.click("[data-wb-lock-change]")
    lock_dialog(page)
    submit(page, "wrong current", "new passphrase here", "new passphrase here")
    assert "not right" in lock_error(page)
    assert raw(page) == first
    wait_out(page, 1100)
    submit(page, PASS, "new passphrase here", "new passphrase here")
    dialog_closed(page)
    assert "Passphrase changed" in page.inner_text("[data-wb-workbook-tools] [role=status]")
    changed = raw(page)
    assert changed != first and json.loads(changed)["locked"]["salt"] != json.loads(first)["locked"]["salt"]

    page.reload()
    lock_dialog(page)
    submit(page, PASS)
    assert "not right" in lock_error(page)
    wait_out(page, 1100)
    submit(page, "new passphrase here")
    dialog_closed(page)

    page.click("[data-wb-lock-remove]")
    text = lock_dialog(page)
    assert "without encryption" in text
    submit(page, "new passphrase here")
    dialog_closed(page)
    assert stored(page)["worksheets"] == plain
    assert page.locator("[data-wb-lock-set]").count() == 1
    assert page.evaluate("() => sessionStorage.length") == 1  # only the wrong-try count, no answers
    open_worksheet(page, site_url, WS)
    assert page.locator(LOCK_DIALOG).count() == 0
    assert page.input_value("#wb-goal") == TYPED["goal"]
    assert answers(page, WS)["why"] == TYPED["why"]


def test_encrypted_export_round_trips_and_plain_export_still_works(page, site_url):
    fake_clock(page)
    seed_plain(page, site_url, workbook({WS: TYPED_STORED}))
    set_passphrase(page, site_url)

    page.click("[data-wb-export]")
    assert "plain or an encrypted" in dialog_text(page)
    with page.expect_download() as info:
        choose(page, "Encrypted file")
    assert info.value.suggested_filename.endswith("-encrypted.json")
    sealed_text = open(info.value.path(), encoding="utf-8").read()
    sealed = json.loads(sealed_text)
    assert list(sealed) == ["format", "version", "exported_at", "workbook_version", "encrypted"]
    assert sealed["format"] == "therapy-goals-workbook" and "Priya" not in readable(sealed_text)
    assert WS not in readable(sealed_text) and b"Priya" not in sealed_bytes(sealed_text)

    page.click("[data-wb-export]")
    dialog_text(page)
    with page.expect_download() as info:
        choose(page, "Plain file")
    plain = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert plain["worksheets"][WS]["answers"]["goal"] == TYPED["goal"]

    # erase everything (which removes the passphrase too), then bring the encrypted file back
    page.click("[data-wb-erase]")
    assert "and the passphrase" in dialog_text(page)
    choose(page, "Erase everything")
    assert raw(page) is None
    assert page.locator("[data-wb-lock-set]").count() == 1

    import_file(page, sealed, name="sealed.json", scope="[data-wb-workbook-tools]")
    assert "sealed.json" in lock_dialog(page)
    submit(page, "not the passphrase")
    assert "does not open this file" in lock_error(page)
    assert raw(page) is None
    page.click(f"{LOCK_DIALOG} button:text-is('Cancel')")
    dialog_closed(page)
    assert "Nothing was changed" in page.inner_text("[data-wb-workbook-tools] [role=status]")
    assert raw(page) is None

    wait_out(page, 2100)
    import_file(page, sealed, name="sealed.json", scope="[data-wb-workbook-tools]")
    lock_dialog(page)
    submit(page, PASS)
    wait_until(page, "() => !!document.querySelector('dialog[open].wb-import-dialog')", timeout=20)
    assert "the file has 3 answers" in dialog_text(page)
    choose(page, "Replace")
    assert stored(page)["worksheets"] == plain["worksheets"]


# The axe runs use no clock (page.clock is the context's): they share one context that bypasses the CSP,
# emptied before each (HeldContext), seeded from its helper tab instead of a first page load.
held_axe = held_context_fixture("held_axe", bypass_csp=True)
search_held_here = search_held_in("held_axe")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_lock_controls_and_dialogs_pass_axe(held_axe, site_url, scheme):
    held_axe.fresh()
    page = held_axe.new_page()
    page.emulate_media(color_scheme=scheme)  # before the load: the page starts in the scheme, as a context's option does
    held_axe.seed(workbook({WS: {"goal": "Walk"}}))
    privacy(page, site_url)
    assert page.evaluate("(s) => matchMedia(`(prefers-color-scheme: ${s})`).matches", scheme)
    page.click("[data-wb-lock-set]")
    lock_dialog(page)
    submit(page, "short", "short")
    lock_error(page)
    assert run_axe(page) == []
    submit(page, PASS, PASS)
    dialog_closed(page)
    wait_until(page, "() => !document.querySelector('.wb-lock__idle').hidden")
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)

    page.goto(f"{site_url}worksheets/{WS}/")
    lock_dialog(page)
    submit(page, "wrong passphrase")
    lock_error(page)
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, indent=1)
    page.keyboard.press("Escape")
    dialog_closed(page)
    assert page.locator("[data-wb-locked]").count() == 1
    assert_accessible(page, "[data-wb-tools] button, [data-wb-locked] button")
    assert KEY
