"""Definitions a document gives for its acronyms, found as the literature's extractors find them.

Schwartz and Hearst (2003) is the reference point: a short form in brackets next to a long
form, the short form's letters matched right to left inside the long form, the first letter
at the start of a word. Extended for NHS writing: either order ("Did Not Attend (DNA)", "DNA
(did not attend)"), an expansion between dashes ("STPs – sustainability and transformation
plans –"), "known as" and ", or", plurals and possessives, slashed lists ("integrated/accountable
care organisations (ICOs/ACOs)"), Markdown emphasis and backticks. A long form that is a
person's name ("Tracy Allen (TA)") is told apart: initials are not jargon.
"""

from __future__ import annotations

import functools
import re

from nhsjargon.keys import normalise
from nhsjargon.model import Entry

_QUALIFIER = re.compile(r"\s*\([^()]*\)")
_EMPHASIS = re.compile(r"[*_`]+")
_LIST_BEFORE = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9&]*(?:'s|\u2019s|s)?[ \t]*/[ \t]*)+$")
_LIST_AFTER = re.compile(r"^(?:[ \t]*/[ \t]*[A-Za-z0-9][A-Za-z0-9&]*(?:'s|\u2019s|s)?)+")
_KNOWN_AS = re.compile(
    r"[,(]?\s*(?:(?:also|now|often|commonly|hereafter|usually)\s+)?"
    r"(?:known as|referred to as|called|abbreviated(?: to| as)?)\s+(?:the\s+)?[\"'\u2018\u201c]?$",
    re.IGNORECASE,
)
_OR_BEFORE = re.compile(r"(?:,\s*|\s+)or\s*[\"'\u2018\u201c]?$")
_DASH_AFTER = re.compile(r"^\s*[\u2013\u2014]\s*|^\s+-\s+")
_NAME_AFTER = re.compile(r"^[ \t]?\(\s*([^()]{2,200}?)\s*\)")
_SMALL = frozenset({"and", "&", "of", "the", "for", "in", "on", "to", "with", "a", "an", "at", "by", "or"})
_TITLES = frozenset(
    "dr mr mrs ms miss mx prof professor sir dame lord lady cllr councillor rev rt hon".split()
)
# Words that make a long form an organisation, a role or a thing, not a person's name.
_NOT_A_NAME = frozenset(
    """
nhs health healthwatch care council trust board group service services committee partnership network
centre center hospital hospitals university foundation college society association agency authority
institute unit team programme program fund plan system systems england london national royal
commission office department body forum alliance federation practice practices surgery clinical
chair director officer manager lead member secretary governor executive nurse consultant practitioner
doctor medical mental public community primary social local regional integrated development standards
research record records information digital data review report panel district county city borough
""".split()
)


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def stems(text: str) -> list[str]:
    return [_stem(word) for word in normalise(_EMPHASIS.sub("", text)).split()]


@functools.lru_cache(maxsize=8192)
def _names(entry: Entry) -> tuple[tuple[str, ...], ...]:
    """Each of an entry's names as word stems, without a qualifier such as "(provider alliance)"."""
    names = (_QUALIFIER.sub("", name) for name in (entry.name, *entry.aliases))
    return tuple(tuple(stems(name)) for name in names if " " in name.strip())


def _content(words: list[str] | tuple[str, ...]) -> list[str]:
    return [word for word in words if word not in _SMALL]


def letters(short: str) -> str:
    return "".join(c for c in short.casefold() if c.isalnum())


def spelled(long: str, short: str) -> str | None:
    """Schwartz and Hearst's match: the shortest ending of `long` whose characters hold the short
    form's letters in order, the first at the start of a word. Returns that long form or None."""
    chars = letters(short)
    if len(chars) < 2 or not long:
        return None
    text = long
    i, j = len(chars) - 1, len(text) - 1
    while i >= 0:
        c = chars[i]
        while j >= 0 and (
            text[j].casefold() != c
            or (i == 0 and (j > 0 and text[j - 1].isalnum() or _small_word_at(text, j)))
        ):
            j -= 1
        if j < 0:
            return None
        i, j = i - 1, j - 1
    start = j + 1
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    found = text[start:].strip(" \t\n,;:-\u2013\u2014\"'\u2018\u2019\u201c\u201d()[]")
    if "(" in found or ")" in found or short in found.split():
        return None  # "ICB) ICS" in "(ICB) ICS (ICB)": a long form holds neither brackets nor its acronym
    return found if sum(c.isalnum() for c in found) > len(chars) else None


def _small_word_at(text: str, j: int) -> bool:
    """Whether a small word ("and", "of") starts at `j`: a long form does not begin with one."""
    end = j
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[j:end].casefold() in _SMALL and text[j:end] != text[j:end].upper()


def spells_from_start(text: str, short: str) -> bool:
    """Whether `text` begins with the short form's first letter and holds the rest in order."""
    chars, folded = letters(short), text.casefold()
    if not chars or not folded.startswith(chars[0]):
        return False
    position = 1
    for c in chars[1:]:
        position = folded.find(c, position) + 1
        if position == 0:
            return False
    return True


def _window(text: str, short: str) -> str:
    """The words a long form may span before its short form: min(|A| + 5, 2|A|), as S&H say."""
    count = len(letters(short))
    words = text.split()
    return " ".join(words[-min(count + 5, count * 2) :]) if words else ""


def _prefix_spelling(content: str, short: str) -> str | None:
    """The long form at the start of `content` (a bracket's or a dash clause's): all of it up to a
    comma or semicolon if that spells the short form, else the shortest run of words that does."""
    whole = re.split(r"[,;:]|\s[\u2013\u2014-]\s", content, maxsplit=1)[0].strip()
    whole = re.sub(r"^(?:the|a|an)\s+", "", whole, flags=re.IGNORECASE)
    if whole and len(whole.split()) <= len(letters(short)) * 2 and spells_from_start(whole, short):
        return whole
    words = content.split()
    while words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    chars = letters(short)
    if not words or words[0][:1].casefold() != chars[:1]:
        return None
    for count in range(1, min(len(words), len(chars) * 2) + 1):
        candidate = " ".join(words[:count]).strip(" ,;:")
        if spelled(candidate, short) == candidate:
            return candidate
    return None


def long_form(before: str, after: str, short: str) -> tuple[str, str] | None:
    """The long form a document gives for `short` at this place, and how ("bracket-after" for
    "Name (ACR)", "bracket-before" for "ACR (Name)", "dash", "known as", "or"); None if it does
    not define it here. `before` ends just before the acronym (and its opening bracket, if any);
    `after` starts just after it."""
    plain_before = _EMPHASIS.sub("", before)
    trimmed = _LIST_BEFORE.sub("", plain_before.rstrip(" \t"))
    rest = _LIST_AFTER.sub("", after)
    if trimmed.endswith("(") and rest.lstrip(" \t").startswith(")"):
        window = _window(trimmed[:-1].replace("\n", " "), short)
        for variant in alternatives(window):
            found = spelled(variant, short)
            if found:
                return found, "bracket-after"
        return None
    for pattern, how in ((_KNOWN_AS, "known as"), (_OR_BEFORE, "or")):
        match = pattern.search(plain_before)
        if match:
            phrase = _window(plain_before[: match.start()].rstrip(" ,(").replace("\n", " "), short)
            found = spelled(phrase, short)
            if found:
                return found, how
    match = _NAME_AFTER.match(after)
    if match:
        found = _prefix_spelling(_EMPHASIS.sub("", match.group(1)).replace("\n", " "), short)
        if found:
            return found, "bracket-before"
    match = _DASH_AFTER.match(after)
    if match:
        clause = re.split(r"\s[\u2013\u2014-]\s|[.;:()\n]", after[match.end() :], maxsplit=1)[0]
        found = _prefix_spelling(_EMPHASIS.sub("", clause), short)
        if found:
            return found, "dash"
    return None


def alternatives(phrase: str, limit: int = 8) -> list[str]:
    """The phrase, then each reading of its slashed words ("integrated/accountable care")."""
    words = phrase.split()
    slashed = [i for i, w in enumerate(words) if "/" in w and "://" not in w][-3:]
    variants = [phrase]
    if not slashed:
        return variants
    readings: list[list[str]] = [words]
    for i in slashed:
        readings = [
            reading[:i] + [choice] + reading[i + 1 :]
            for reading in readings
            for choice in words[i].split("/")
            if choice
        ]
    variants += [" ".join(r) for r in readings[:limit]]
    return variants


@functools.cache
def first_names() -> frozenset[str]:
    """data/first_names.txt: common first names, which tell a person from an organisation."""
    from nhsjargon.knowledge.files import word_list

    return frozenset(word.casefold() for word in word_list("first_names.txt"))


def is_person(found: str, short: str, before: str = "") -> bool:
    """Whether a long form is someone's name: after a title (Dr, Cllr) or from a first name, two
    to four capitalised words that are not the words of an organisation or a role. `before` is
    the text before the acronym (the name itself may end it: "Dr Avi Bhatia (")."""
    words = [w.strip(".,") for w in found.split()]
    preceding = before.replace("(", " ").split()
    if [w.strip(".,") for w in preceding[-len(words) :]] == words:
        preceding = preceding[: -len(words)]
    titled = (
        bool(words)
        and words[0].casefold().strip(".") in _TITLES
        or (bool(preceding) and preceding[-1].casefold().strip(".") in _TITLES)
    )
    while words and words[0].casefold().strip(".") in _TITLES:
        words = words[1:]
    if not 2 <= len(words) <= 4 or not 2 <= len(letters(short)) <= len(words) + 2:
        return False
    if not all(
        w[:1].isupper()
        and w.replace("-", "").replace("'", "").isalpha()
        and not w.isupper()
        and w.casefold() not in _NOT_A_NAME
        for w in words
    ):
        return False
    return titled or words[0].casefold() in first_names()


_NAME_WORD = re.compile(r"[A-Z][a-z\u00e0-\u00ff'\u2019-]+|[a-z]{2,3}(?= [A-Z])")
_PARTICLES = frozenset("van von de der den da du le la di".split())
_INITIAL = re.compile(r"[A-Z][a-z]*")


def named_person(before: str, initials: str) -> str:
    """The person whose initials these are, named shortly before them ("Michael Fanning,
    Director of Nursing (MF)", "Jayne Black ... (JBl)"): the nearest run of two to four name
    words that starts with a first name (or follows a title) and whose initials, with any small
    letters continuing a surname, spell them. "" if there is none."""
    groups = _INITIAL.findall(initials)
    if not 2 <= len(groups) <= 4 or "".join(groups) != initials:
        return ""
    words = [(match.group(), match.start()) for match in _NAME_WORD.finditer(before)]
    for i in range(len(words) - 1, -1, -1):
        first = words[i][0]
        titled = i > 0 and words[i - 1][0].casefold() in _TITLES
        if first.casefold() not in first_names() and not titled:
            continue
        parts = [w for w, _ in words[i:] if w.casefold() not in _PARTICLES][: len(groups)]
        if len(parts) == len(groups) and all(p.startswith(g) for p, g in zip(parts, groups, strict=True)):
            if not any(p.casefold() in _NOT_A_NAME for p in parts):
                end = next(s + len(w) for w, s in words[i:] if w == parts[-1])
                return before[words[i][1] : end]
    return ""


def matching_senses(found: str, senses: tuple[Entry, ...]) -> tuple[tuple[Entry, ...], bool]:
    """The senses a long form names, and whether it names one exactly (same words, any case or
    number). Failing that, the sense whose name shares most of its words, when it shares at
    least half and the same head noun ("primary and acute hospital systems" -> the Primary and
    Acute Care System); none when it contradicts every sense ("integrated care service")."""
    words = tuple(stems(found))
    exact = tuple(sense for sense in senses if any("".join(name) == "".join(words) for name in _names(sense)))
    if exact:
        return exact, True
    mine = _content(words)
    if not mine:
        return (), False
    best: list[tuple[float, Entry]] = []
    for sense in senses:
        score = 0.0
        for name in _names(sense):
            theirs = _content(name)
            if not theirs or theirs[-1] != mine[-1]:  # a different head noun: another thing
                continue
            shared = len(set(mine) & set(theirs))
            score = max(score, shared / max(len(set(mine) | set(theirs)), 1))
        if score >= 0.5:
            best.append((score, sense))
    best.sort(key=lambda item: -item[0])
    if best and (len(best) == 1 or best[0][0] > best[1][0]):
        return (best[0][1],), False
    return tuple(sense for _, sense in best), False


def near_miss(found: str, senses: tuple[Entry, ...]) -> Entry | None:
    """The sense a long form seems to mean but words wrongly: one that shares at least half its
    words ("integrated care service" for the Integrated Care System). None when the long form is
    another thing altogether ("personal assistant" for PA), which is not a slip."""
    mine = set(_content(tuple(stems(found))))
    for sense in senses:
        for name in _names(sense):
            theirs = set(_content(name))
            if mine and theirs and len(mine & theirs) * 2 >= max(len(mine), len(theirs)):
                return sense
    return None
