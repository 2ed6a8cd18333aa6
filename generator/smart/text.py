"""A plain, readable multi-line report for the terminal (the CLI's default)."""

MARKS = {"met": "[x]", "partial": "[~]", "missing": "[ ]"}
TITLES = (("specific", "Specific"), ("measurable", "Measurable"), ("attainable", "Attainable"),
          ("relevant", "Relevant"), ("time_bound", "Time-bound"))
# The caution tier's one calm line, shown above the breakdown (report "caution": true), in three parts
# so the page can make the middle one a link to Getting help now. Safe-messaging: no judgement, no
# assumption that the goal is about harm, help-seeking offered and always available.
CAUTION_NOTE = ("If any of this is about something hard that is happening now, you don't have to deal with it "
                "alone: ", "Getting help now", " lists people you can talk to, any time.")
FRAMING = {
    "approach": "Approach: it moves toward something you want.",
    "avoidance": "Avoidance: it is about stopping or reducing something.",
    "mixed": "Mixed: it names something to do and something to leave behind.",
}


def format_report(report, text=None):
    """Each criterion with a status mark, message and suggestion; then framing
    and the reframe hint. Accepts a Report or its to_dict()."""
    data = report.to_dict() if hasattr(report, "to_dict") else report
    lines = []
    if text:
        lines += ["Goal: %s" % " ".join(str(text).split()), ""]
    if data.get("safety"):
        # The safety screen found risk: support instead of the SMART breakdown (see safety.py).
        return "\n".join(lines + [data["safety"]["message"], "",
                                   "Getting help now: the workbook's page getting-help/ lists crisis lines, "
                                   "emergency numbers and other services by country."])
    if data.get("caution"):
        # The caution tier: the breakdown stays (its messages are plain, without praise), the score is not
        # announced as an achievement, and one calm line about help comes first.
        before, link, after = CAUTION_NOTE
        lines += [before + link + after + " (the workbook's page getting-help/)", ""]
        lines.append("SMART parts found: %d of 5" % data["score"])
    else:
        lines.append("SMART score: %d of 5" % data["score"])
    for key, title in TITLES:
        crit = data["criteria"][key]
        lines.append("%s %s (%s)" % (MARKS.get(crit["status"], "[?]"), title, crit["status"]))
        lines.append("    " + crit["message"])
        if crit.get("suggestion"):
            lines.append("    Suggestion: " + crit["suggestion"])
        if text and crit.get("evidence"):
            words = ", ".join('"%s"' % text[s:e] for s, e in crit["evidence"])
            lines.append("    Because of: " + words)
    lines.append("")
    lines.append("Framing: " + FRAMING.get(data["framing"], data["framing"]))
    if data.get("reframe"):
        lines.append("    " + data["reframe"])
    return "\n".join(lines)
