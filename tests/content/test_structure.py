"""Chapter shape (issue 17): three key points first, a short exercise last, and one
direction for every 0-10 scale (0 = not at all there, 10 = fully there)."""

from __future__ import annotations

import re

from content_prose import CONTENT, PATH_CHAPTERS, markdown_to_prose

_KEY_POINTS = re.compile(r'^!!! abstract "Three key points"\n((?:    - .+\n)+)', re.M)
# "10 means/= ..." or "rate ... from 0 (...) to 10 (...)": what a 10 stands for.
_TEN_MEANS = re.compile(r"\b10\s*(?:=|means|is|\()\s*([^.;)|]*)", re.I)
_WORSE = re.compile(r"\b(tense|tension|anxious|anxiety|worst|worse|bad|stressed|upset|harsh)\b", re.I)


def _path_chapter(chapter) -> bool:
    return chapter.name in PATH_CHAPTERS


def test_opens_with_three_key_points(chapter):
    if not _path_chapter(chapter):
        return
    body = chapter.markdown.split("\n", 2)[2].lstrip("\n")  # after the title
    match = _KEY_POINTS.match(body)
    assert match, f"content/{chapter.name} should open with a '!!! abstract \"Three key points\"' box"
    points = match.group(1).strip("\n").split("\n")
    assert len(points) == 3, f"content/{chapter.name} has {len(points)} key points, not three"


def test_try_this_now_is_short_and_names_a_time(chapter):
    if not _path_chapter(chapter):
        return
    section = chapter.markdown.rsplit("\n## Try this now\n", 1)
    assert len(section) == 2, f"content/{chapter.name} has no closing 'Try this now' section"
    text = markdown_to_prose(section[1])
    assert len(text.split()) <= 120, f"content/{chapter.name}: keep 'Try this now' short"
    minutes = [int(n) for n in re.findall(r"\b(\d+|one|two|three|four|five)\s+minutes?\b", text)
               if n.isdigit()] + [
        {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}[w]
        for w in re.findall(r"\b(one|two|three|four|five)\s+minutes?\b", text)
    ]
    if minutes:
        assert max(minutes) <= 5, f"content/{chapter.name}: 'Try this now' should take five minutes or less"


def test_ten_never_stands_for_the_worst(chapter):
    # A scale whose 10 is "as tense as I have ever been" charts improvement as decline on the
    # tracker, whose 10 is "fully there".
    wrong = [m.group(0) for m in _TEN_MEANS.finditer(chapter.markdown) if _WORSE.search(m.group(1))]
    assert not wrong, f"content/{chapter.name}: a 10 that means worse: {wrong}"


def test_scale_direction_is_said_where_ratings_are_taught():
    for name in ("smart-goals.md", "tracking-progress.md"):
        text = " ".join((CONTENT / name).read_text(encoding="utf-8").split())
        assert "0 means not at all there" in text and "10 means fully there" in text, name


def test_the_scale_check_catches_the_old_wording():
    # The wording issue 17 found in smart-goals.md; worksheet labels are checked in tests/generator.
    old = "After it, I will rate how tense I felt from 0 to 10 (10 = as tense as I have ever been)."
    assert any(_WORSE.search(m.group(1)) for m in _TEN_MEANS.finditer(old))
    assert not any(_WORSE.search(m.group(1)) for m in _TEN_MEANS.finditer("from 0 to 10 (10 = fully calm)"))


def test_authorship_licence_and_last_review_are_stated():
    import yaml

    from content_prose import REPO

    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    line = config["copyright"]
    assert "contributors" in line and "MIT License" in line
    assert re.search(r"last reviewed \d{1,2} \w+ \d{4}", line)
    partial = (REPO / "site_overrides" / "partials" / "copyright.html").read_text(encoding="utf-8")
    assert "config.copyright" in partial, "the footer partial must show the copyright line"
    references = (CONTENT / "references.md").read_text(encoding="utf-8")
    assert "## Authorship, licence and review" in references and "MIT License" in references


def test_getting_help_reaches_six_countries_and_everyone_else():
    text = (CONTENT / "getting-help.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    wanted = ("United States", "Canada", "UK", "Ireland", "Australia", "New Zealand")
    for title in ("Talk to someone now", "If someone is hurting or controlling you", "If you are struggling with eating"):
        body = next((s for s in sections if s.startswith(title)), None)
        assert body is not None, f"getting-help.md has no '{title}' section"
        # Canada has no national domestic-abuse line: its entry points to the shelter directory.
        missing = [c for c in wanted if not re.search(rf"^{c}\n:   .*(\*\*[\d -]+\*\*|sheltersafe\.ca)", body, re.M)]
        assert not missing, f"'{title}' has no number for {missing}"
    assert "findahelpline.com" in text and "IASP" in text
    assert re.search(r"text \*\*\w+\*\* to \*\*\d+\*\*", text, re.I), "list the text lines"
    assert re.search(r'"Numbers last checked: \d{4}-\d{2}-\d{2}"', text)
    assert "commit suicide" not in text.lower()


def test_relationships_chapter_has_the_abuse_guidance():
    text = " ".join((CONTENT / "relationships-with-others.md").read_text(encoding="utf-8").split())
    for needed in ("threaten", "control", "most dangerous time", "plan", "private window",
                   "Exit this page", "getting-help.md#if-someone-is-hurting-or-controlling-you"):
        assert needed in text, needed
