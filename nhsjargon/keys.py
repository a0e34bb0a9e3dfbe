"""How names are folded into lookup keys, so that "A&E", "a and e" and "AE" meet."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/.,'\u2019()]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Case-fold, unify punctuation and spelling variants, collapse spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    text = text.replace("ization", "isation").replace("izing", "ising").replace("ize", "ise")
    return _SEPARATORS.sub(" ", text).strip()


def compact(text: str) -> str:
    """The normalised text with everything but letters and digits removed ("a and e" -> "aande")."""
    return _NON_ALNUM.sub("", normalise(text))


def acronym_compact(text: str) -> str:
    """Letters and digits only, keeping "&" out entirely ("A&E" -> "ae", "NHSE/I" -> "nhsei")."""
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


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
