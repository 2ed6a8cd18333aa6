"""The worksheet index the browser reads: ``assets/worksheets.json``.

The My goals page (``mygoals.js``) reads only the answers in this browser; to
show them it needs to know which field ids are goals and trackers, their
labels, and each worksheet's title and address. This module builds that small
JSON from the model; the plugin adds it to the site as a generated file.
"""

from __future__ import annotations

import json

from .contract import INDEX_FORMAT
from .model import DateField, GoalField, TrackerField, Worksheet, menu_order
from .render import page_url

URL = "assets/worksheets.json"
FORMAT = INDEX_FORMAT


# The worksheet page's address, relative to the site root (one helper for every address: render.py).
worksheet_url = page_url


def _field(field) -> dict:
    out: dict = {"id": field.id, "kind": field.kind, "label": field.label}
    if isinstance(field, GoalField):
        out["why"] = field.why
        out["confidence"] = field.confidence
    elif isinstance(field, TrackerField):
        out["goal"] = field.goal
        out["min_label"] = field.min_label
        out["max_label"] = field.max_label
    return out


def build_index(worksheets: list[Worksheet], *, use_directory_urls: bool = True) -> dict:
    """Per worksheet (in menu order): id, title, url and its goal and tracker fields; the review date and start pages."""
    ordered = menu_order(worksheets)
    # The review date that counts as looking at every goal again: the first
    # worksheet (menu order) whose `review_field` names one of its date fields.
    review = None
    for ws in ordered:
        field = ws.field(ws.review_field) if ws.review_field else None
        if review is None and isinstance(field, DateField):
            review = {"worksheet": ws.id, "field": field.id}
    return {
        "format": FORMAT,
        "worksheets": [
            {
                "id": ws.id,
                "title": ws.title,
                "url": worksheet_url(ws, use_directory_urls=use_directory_urls),
                "fields": [_field(f) for f in ws.fields() if isinstance(f, (GoalField, TrackerField))],
                # Every field's label, so an import preview names fields as the page does (issue 14).
                "labels": {f.id: f.label for f in ws.fields()},
            }
            for ws in ordered
        ],
        "review": review,
        # Worksheets to suggest while no goal is written yet (YAML `start_here`).
        "start": [ws.id for ws in ordered if ws.start_here],
    }


def index_json(worksheets: list[Worksheet], *, use_directory_urls: bool = True) -> str:
    """The index as compact, stable JSON text."""
    return json.dumps(build_index(worksheets, use_directory_urls=use_directory_urls), ensure_ascii=False, separators=(",", ":"))
