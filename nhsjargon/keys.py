"""How names are folded into lookup keys, so that "A&E", "a and e" and "AE" meet.

No regular expressions: this runs on every lookup, and `re` costs more start-up time than the
lookup itself.
"""

from __future__ import annotations

# Punctuation that separates words in names: hyphens and dashes, slashes, dots, commas,
# apostrophes, brackets and underscores.
_SEPARATORS = str.maketrans(dict.fromkeys("-‐‑‒–—―_/.,'’()", " "))
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _fold(text: str) -> str:
    if not text.isascii():
        import unicodedata

        text = unicodedata.normalize("NFKC", text)
    return text.casefold()


def normalise(text: str) -> str:
    """Case-fold, unify punctuation and spelling variants, collapse spaces."""
    text = _fold(text).replace("&", " and ")
    if "iz" in text:
        text = text.replace("ization", "isation").replace("izing", "ising").replace("ize", "ise")
    return " ".join(text.translate(_SEPARATORS).split())


def compact(text: str) -> str:
    """The normalised text with everything but letters and digits removed ("a and e" -> "aande")."""
    return "".join(c for c in normalise(text) if c in _ALNUM)


def acronym_compact(text: str) -> str:
    """Letters and digits only, keeping "&" out entirely ("A&E" -> "ae", "NHSE/I" -> "nhsei")."""
    return "".join(c for c in _fold(text) if c in _ALNUM)


def singular_forms(text: str) -> list[str]:
    """Candidate singulars of a plural or possessive query ("ICSs", "ICB's", "trusts")."""
    stripped = text.strip()
    candidates: list[str] = []
    for suffix in ("'s", "\u2019s", "s'", "\u2019"):
        if stripped.endswith(suffix):
            candidates.append(stripped[: -len(suffix)] if suffix != "s'" else stripped[:-1])
    # A lower-case final "s" marks a plural (ICSs, ccgs); an all-capitals "ICSS" is not one.
    if stripped.endswith("s") and len(stripped) > 2:
        candidates.append(stripped[:-1])
        if stripped.endswith("ies"):
            candidates.append(stripped[:-3] + "y")
        if stripped.endswith("es"):
            candidates.append(stripped[:-2])
    return candidates
