"""Choosing the meaning of an acronym in a document, and saying why with real evidence.

In order: the document's own definition (it names one sense, or none the base knows, and
then its words are the meaning); else, leaving out minor senses, the senses in use on the
document's date (or --as-of); then the distinctive words of a sense's name near its uses, and
the neighbouring terms the document also uses that the base links to a sense. Filler words
are never evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from nhsjargon.decode.definitions import stems
from nhsjargon.decode.results import DOCUMENT, KNOWLEDGE_BASE, Definition, DocumentDate, Occurrence
from nhsjargon.model import Entry

_WORD = re.compile(r"[^\W_]+")
_SMALL = frozenset(
    """and of the for in on to with a an at by or that this from their which these those have has
been were will would could should into than then them they what when where while also more most such each
other some only over under between about after before being does done very much many well its our your
care health nhs service services""".split()
)


class Choice:
    __slots__ = ("entry", "name", "source", "reason")

    def __init__(self, entry: Entry | None, name: str, source: str, reason: str = "") -> None:
        self.entry, self.name, self.source, self.reason = entry, name, source, reason


def _span(entry: Entry) -> tuple[dt.date, dt.date]:
    return (
        entry.introduced.first_day if entry.introduced else dt.date.min,
        entry.ended.last_day if entry.ended else dt.date.max,
    )


def _name_words(entry: Entry) -> set[str]:
    words = set(stems(" ".join((entry.name, *entry.aliases))))
    return {word for word in words if len(word) > 2 and word not in _SMALL and not word.isdigit()}


def _near(contexts: Iterable[Occurrence]) -> set[str]:
    return {word for occurrence in contexts for word in stems(occurrence.context)}


def choose(
    senses: tuple[Entry, ...],
    definitions: Iterable[Definition],
    contexts: Iterable[Occurrence],
    date: DocumentDate | None,
    neighbours: Iterable[Entry],
    written: str = "",
) -> Choice:
    """The meaning of one acronym of the document (`senses` may be empty: only the document
    defines it), and the evidence for it when there was a choice to make."""
    ordered = sorted(definitions, key=lambda d: d.offset)
    for definition in ordered:
        if len(definition.senses) == 1 and definition.senses[0] in senses:
            sense = definition.senses[0]
            why = f"the document defines it on line {definition.line} as '{definition.long_form}'"
            return Choice(sense, sense.name, KNOWLEDGE_BASE, why if len(senses) > 1 else "")
    prefix = ""
    for definition in ordered:
        if definition.senses:
            senses = tuple(sense for sense in senses if sense in definition.senses) or senses
            prefix = f"the definition on line {definition.line} fits {len(senses)} senses; "
            break
        if definition.long_form:
            known = "; ".join(sense.name for sense in senses)
            why = f"the document defines it on line {definition.line}"
            if known:
                why += f"; the knowledge base knows it as {known}"
            return Choice(None, definition.long_form, DOCUMENT, why)
    major = tuple(sense for sense in senses if not sense.minor)
    if major:  # a sense readers rarely mean (the charity CCG) wins only by a definition
        senses = major
    if len(senses) == 1:
        return Choice(senses[0], senses[0].name, KNOWLEDGE_BASE)
    contexts = list(contexts)
    # the acronym itself (an alias of some senses) is in every context: it is no evidence
    own = set(stems(" ".join(sense.acronym for sense in senses if sense.acronym)))
    near = _near(contexts) - own
    words = [_name_words(sense) for sense in senses]
    shared = set.intersection(*words) if words else set()
    linked = {entry.id: entry for entry in neighbours}
    scored = []
    for rank, sense in enumerate(senses):
        reasons = []
        score = 0.0
        if date is not None:
            start, end = _span(sense)
            if start <= date.date <= end and sense.status != "proposed":
                score += 5 if date.strong else 2
                reasons.append(f"in use on the document's date ({date.text}, {date.reason})")
        distinctive = sorted((words[rank] - shared) & near)
        if distinctive:
            score += 3 * len(distinctive)
            reasons.append("the words " + ", ".join(f"'{word}'" for word in distinctive[:3]) + " nearby")
        related = sorted({linked[link.id].label for link in sense.related if link.id in linked})
        if related:
            score += 2 * len(related)
            reasons.append("neighbouring terms " + ", ".join(related[:4]))
        scored.append((score, -rank, sense, reasons))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    best, runner_up = scored[0], scored[1]
    if best[0] == runner_up[0] or not best[3]:
        sense = best[2]
        which = "the current one" if sense.status == "current" else "the first one"
        if written and sense.acronym == written and any(other.acronym != written for other in senses):
            which = f"the one written {written}"  # "LD", not "L&D": `senses` come spelt-first
        return Choice(
            sense,
            sense.name,
            KNOWLEDGE_BASE,
            prefix + f"nothing {'else ' if prefix else ''}in the document tells them apart, so {which}",
        )
    return Choice(best[2], best[2].name, KNOWLEDGE_BASE, prefix + "; ".join(best[3]))
