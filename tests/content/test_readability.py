"""Reading grade (Flesch-Kincaid) of each chapter's running prose.

The grade is measured on running prose only: the sentences of paragraphs,
not headings, list items, definition terms or table cells (see
content_prose.py). Labels are short by nature and would pull the grade down
without saying anything about how the prose reads. The chapters along the
path, and every other page, aim at grade 5-7 (flowing, varied sentences;
plain-language guidance asks for about grade 6). The terminal summary
lists every chapter's grades and word count.
"""

from __future__ import annotations

from content_prose import (
    GRADE_BAND,
    MAX_GRADE,
    MAX_WORDS,
    MIN_WORDS,
    markdown_to_prose,
    reading_grade,
)


def test_reading_grade(chapter):
    grade = reading_grade(chapter.running)
    print(f"\n{chapter.name}: Flesch-Kincaid grade {grade:.1f} (running prose)")
    assert grade <= MAX_GRADE, (
        f"content/{chapter.name} reads at grade {grade:.1f} (limit {MAX_GRADE}): "
        "use shorter sentences and shorter words"
    )
    low, high = GRADE_BAND
    assert low <= grade <= high, (
        f"content/{chapter.name} reads at grade {grade:.1f}; aim for {low:g}-{high:g}: "
        + ("join choppy sentences into flowing ones" if grade < low else "split long sentences, use plainer words")
    )


def test_running_prose_leaves_out_labels():
    markdown = "\n".join([
        "# Heading words",
        "",
        '!!! abstract "Three key points"',
        "    - A point in a list.",
        "",
        "A paragraph sentence that runs on. Another one.",
        "",
        "Term",
        ":   A definition.",
        "",
        "| Cell |",
        "|---|",
        "| 4 |",
        "",
        "- an item",
        "  that wraps",
        "",
        "    An indented paragraph in a card.",
    ])
    assert markdown_to_prose(markdown, running_only=True).split("\n") == [
        "A paragraph sentence that runs on. Another one.",
        "An indented paragraph in a card.",
    ]


def test_length(chapter):
    if chapter.name == "getting-help.md":
        # A directory of lines for six countries cannot be short; it is kept scannable instead.
        assert chapter.words <= 2 * MAX_WORDS
        return
    assert MIN_WORDS <= chapter.words <= MAX_WORDS, (
        f"content/{chapter.name} has {chapter.words} words of prose; "
        f"keep chapters between {MIN_WORDS} and {MAX_WORDS}"
    )


def test_prose_drops_markup_but_keeps_words():
    markdown = "\n".join([
        "# A heading",
        "",
        '!!! tip "Go slow"',
        "    Take [one step](smart-goals.md){ .md-button } at a time.",
        "",
        '=== "On paper"',
        "",
        "    - Print the `pdf` file",
        "",
        "```text",
        "not prose",
        "```",
        "",
        "| Day | Rating |",
        "|---|---|",
        "| Monday | 4 |",
        "",
        '<div class="grid cards" markdown>',
        "</div>",
    ])
    assert markdown_to_prose(markdown).split("\n") == [
        "A heading.",
        "Go slow.",
        "Take one step at a time.",
        "On paper.",
        "Print the file.",
        "Day.",
        "Rating.",
        "Monday.",
        "4.",
    ]
