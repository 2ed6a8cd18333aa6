"""Each chapter reads at a Flesch-Kincaid grade of 8 or below.

The grade is measured on the prose a reader sees (see content_prose.py); the
terminal summary lists every chapter's grade and word count.
"""

from __future__ import annotations

from content_prose import MAX_GRADE, MAX_WORDS, MIN_WORDS, markdown_to_prose, reading_grade


def test_reading_grade(chapter):
    grade = reading_grade(chapter.prose)
    print(f"\n{chapter.name}: Flesch-Kincaid grade {grade:.1f}")
    assert grade <= MAX_GRADE, (
        f"content/{chapter.name} reads at grade {grade:.1f} (limit {MAX_GRADE}): "
        "use shorter sentences and shorter words"
    )


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
