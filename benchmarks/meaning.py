"""Does an expansion the tool gives match the meaning an annotator wrote? Shared by the benchmarks.

Annotators and the base word the same thing differently ("Accident & Emergency Department",
"Accident and Emergency"), so both sides are reduced to their content words (lower case, "&" as
"and", plural s off, filler and generic words dropped) and they match when the smaller set is
nearly all inside the larger one. A meaning may list alternatives separated by " | "; words in
brackets in an annotation are asides and ignored (in a name they count: "H1 and H2 (half-years
of the financial year)").
"""

from __future__ import annotations

import re

FILLER = frozenset(
    "a an and the of for in on to at by with nhs service services department dept team unit "
    "england english national uk".split()
)
SPELLINGS = {
    "organisation": "organization",
    "programme": "program",
    "centre": "center",
    "healthcare": "health care",
}
WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str, asides: bool = True) -> frozenset[str]:
    """The words that carry a meaning, normalised so that spelling variants meet; with
    `asides` False, words in brackets (an annotator's "(paper)") are dropped."""
    text = text.lower() if asides else re.sub(r"\([^)]*\)", " ", text.lower())
    text = text.replace("&", " and ").replace("'s", "").replace("’s", "")
    for british, other in SPELLINGS.items():
        text = text.replace(british, other)
    words = [
        word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        for word in WORD.findall(text)
    ]
    content = frozenset(word for word in words if word not in FILLER)
    return content or frozenset(words)  # "NHS England" is all filler words, and still a meaning


def matches(meaning: str, names: list[str]) -> bool:
    """True when any alternative of `meaning` matches any of `names` (a sense's name and aliases)."""
    for alternative in meaning.split(" | "):
        wanted = content_words(alternative, asides=False)
        for name in names:
            given = content_words(name)
            if not wanted or not given:
                continue
            shared = len(wanted & given)
            if shared / min(len(wanted), len(given)) >= 0.75 and shared / max(len(wanted), len(given)) >= 0.5:
                return True
    return False
