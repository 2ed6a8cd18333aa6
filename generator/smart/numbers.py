"""Numbers written as digits or words ("two", "a couple of", "10,000").

Kept separate so every criterion reads quantities the same way.
"""

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "dozen": 12, "half": 0.5, "once": 1, "twice": 2, "thrice": 3,
}

# A regex fragment for one number: digits (with thousands commas or a decimal
# point) or a number word, optionally hyphen-joined ("twenty-five").
_WORDS = "|".join(sorted((w for w in UNITS if w not in ("once", "twice", "thrice")),
                         key=len, reverse=True))
NUM = r"(?:\d+(?:[.,]\d+)?|(?:%s)(?:-(?:%s))?|a couple of|a few|a|an)" % (_WORDS, _WORDS)
NUM_STRICT = r"(?:\d+(?:[.,]\d+)?|(?:%s)(?:-(?:%s))?)" % (_WORDS, _WORDS)


def value(word):
    """The numeric value of a number token, or None ("a"/"an" count as 1)."""
    word = word.strip().lower()
    if not word:
        return None
    if word in ("a", "an"):
        return 1
    if word in ("a couple of", "a couple"):
        return 2
    if word == "a few":
        return 3
    digits = word.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        pass
    if "-" in word:
        total = 0
        for part in word.split("-"):
            if part not in UNITS:
                return None
            total += UNITS[part]
        return total
    return UNITS.get(word)
