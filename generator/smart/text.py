"""A plain, readable multi-line report for the terminal (the CLI's default)."""

MARKS = {"met": "[x]", "partial": "[~]", "missing": "[ ]"}
TITLES = (("specific", "Specific"), ("measurable", "Measurable"), ("attainable", "Attainable"),
          ("relevant", "Relevant"), ("time_bound", "Time-bound"))
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
