"""No chapter may share a run of 8 or more words with the reference article.

The article in shared/seed/ is the source of the workbook's facts and ideas,
but every sentence in content/ is written fresh. Both texts are normalised the
same way (lowercase, Markdown and punctuation gone, curly quotes made straight,
white space collapsed) and every 8-word shingle of a chapter is looked up in
the article's shingles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from content_prose import load_chapter, markdown_to_prose, normalise_words, shingles

SHINGLE = 8
SEED_DIR = Path(__file__).parents[2] / ".." / "shared" / "seed"


@pytest.fixture(scope="module")
def seed_shingles() -> set[tuple[str, ...]]:
    if not SEED_DIR.is_dir():
        pytest.skip(
            f"reference article folder not found at {SEED_DIR.resolve()} "
            "(the repo is expected to sit next to shared/)"
        )
    files = sorted(p for p in SEED_DIR.iterdir() if p.is_file())
    if not files:
        pytest.fail(f"{SEED_DIR.resolve()} holds no reference article")
    found: set[tuple[str, ...]] = set()
    for path in files:
        found |= shingles(normalise_words(path.read_text(encoding="utf-8")), SHINGLE)
    return found


def chapter_word_streams(name: str) -> list[list[str]]:
    """The chapter as raw Markdown and as prose, both normalised.

    Checking both catches a copied run whether or not the Markdown stripping
    happens to split it (for example across a link or a list marker).
    """
    chapter = load_chapter(name)
    return [normalise_words(chapter.prose), normalise_words(chapter.markdown)]


def test_no_shared_eight_word_run(chapter, seed_shingles):
    offending = set()
    for words in chapter_word_streams(chapter.name):
        offending |= shingles(words, SHINGLE) & seed_shingles
    phrases = sorted(" ".join(s) for s in offending)
    assert not phrases, (
        f"content/{chapter.name} shares {len(phrases)} run(s) of {SHINGLE}+ words "
        "with the reference article; reword:\n  " + "\n  ".join(phrases)
    )


def test_normalising_treats_markup_and_quotes_alike():
    markdown = "**You don\u2019t** need [all the](x.md) answers\u2014*yet*."
    plain = "you don't need all the answers - yet"
    assert normalise_words(markdown_to_prose(markdown)) == normalise_words(plain)
