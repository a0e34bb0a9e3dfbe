"""From a finished scan to the Decoded document: totals, meanings chosen, the rest sorted out."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from nhsjargon.decode.dating import document_date, years_of
from nhsjargon.decode.results import DOCUMENT, Decoded, DocumentDate, Family, Found, Unknown
from nhsjargon.decode.scanner import DOC, Scanner
from nhsjargon.decode.senses import choose
from nhsjargon.decode.tokens import code_parts
from nhsjargon.lookup import spelt_first

FAMILY_MIN = 3  # numbered codes with one prefix, from this many members up, are one family


def _date(scanner: Scanner, as_of: dt.date | None) -> DocumentDate | None:
    if as_of is not None:
        return DocumentDate(as_of, str(as_of), "--as-of", strong=True)
    return document_date(scanner.head, years_of(scanner.counts.items()))


def result(scanner: Scanner, as_of: dt.date | None = None, replaced: int = 0) -> Decoded:
    totals: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    for token, parts in scanner.parts.items():
        count = scanner.counts.get(token, 0)
        for part in parts:
            if part.key is not None:
                totals[part.key] += count
            elif "/" not in part.word:
                unknown[part.word] += count
    for key in scanner.terms:  # acronyms only the document defines
        if key.startswith(DOC):
            totals[key] = sum(count for word, count in unknown.items() if DOC + _compact(word) == key)
    date = _date(scanner, as_of)
    table = scanner.table
    neighbours = [
        table.senses[key][0] for key in totals if not key.startswith(DOC) and len(table.senses[key]) == 1
    ]
    found = []
    for key, term in scanner.terms.items():
        if not totals[key] or (term.word in scanner.people and not term.definitions):
            continue  # unused, or someone's initials that happen to be an acronym ("Richard Chapman (RC)")
        # the sense written as the document writes it leads ("LD" is not "L&D")
        senses = () if key.startswith(DOC) else spelt_first(table.senses[key], term.word)
        choice = choose(
            senses, term.definitions.values(), term.contexts.values(), date, neighbours, term.word
        )
        first = term.first
        if first is None:  # an acronym only the document defines
            definition = min(term.definitions.values(), key=lambda d: d.offset)
            line, column, offset = scanner.unknown_first.get(
                term.word, (definition.line, definition.column, definition.offset)
            )
            first = (offset, line, column)
        label = (
            choice.entry.acronym
            if choice.entry is not None and choice.entry.acronym
            else table.display.get(key) or term.word or key.upper()
        )
        found.append(
            Found(
                acronym=label,
                entry=choice.entry,
                name=choice.name,
                source=choice.source,
                senses=senses,
                count=totals[key],
                first_line=first[1],
                first_column=first[2],
                first_offset=first[0],
                first_form=term.first_form or term.word,
                insert_at=term.insert_at if term.insert_at >= 0 else term.named_at,
                definitions=tuple(sorted(term.definitions.values(), key=lambda d: d.offset)),
                contexts=tuple(sorted(term.contexts.values(), key=lambda c: c.offset)),
                choice=choice.reason,
                insert_inside=term.insert_inside,
                insert_named=term.insert_at < 0 and term.named_at >= 0,
            )
        )
    found.sort(key=lambda f: (f.acronym.casefold(), f.id or ""))
    defined = {_compact(f.acronym) for f in found if f.source == DOCUMENT}
    families, singles = _families(unknown, scanner, defined)
    unknowns = sorted(
        (
            Unknown(word, count, *scanner.unknown_first.get(word, (0, 0, 0))[:2])
            for word, count in unknown.items()
            if count
            and word not in scanner.people
            and word not in scanner.units
            and _compact(word) not in defined
            and word not in singles
        ),
        key=lambda u: (-u.count, u.token),
    )
    lines = scanner.lines_before + (1 if scanner.offset > scanner.line_start else 0)
    return Decoded(
        scanner.name,
        tuple(found),
        tuple(unknowns),
        lines,
        scanner.offset,
        replaced,
        scanner.forgot_rare,
        tuple(families),
        tuple(scanner.people.values()),
        date,
    )


def _compact(word: str) -> str:
    from nhsjargon.keys import acronym_compact

    return acronym_compact(word)


def _families(unknown: Counter[str], scanner: Scanner, defined: set[str]) -> tuple[list[Family], set[str]]:
    """Unknown numbered codes: a family of three or more (SR2 ... SR9) is reported once; a lone
    code (PUB25, KA34) is a reference, not jargon, and is not reported. Returns the families and
    every code word taken out of the unknown list."""
    by_prefix: dict[str, list[tuple[int, str]]] = {}
    for word in unknown:
        parts = code_parts(word)
        if parts is not None and word not in scanner.people and _compact(word) not in defined:
            by_prefix.setdefault(parts[0], []).append((parts[1], word))
    families = []
    taken: set[str] = set()
    for prefix, members in by_prefix.items():
        members.sort()
        taken.update(word for _, word in members)
        if len(members) >= FAMILY_MIN:
            words = tuple(word for _, word in members)
            first = min(scanner.unknown_first.get(word, (0, 0, 0))[0] for word in words)
            families.append(Family(prefix, words, sum(unknown[word] for word in words), first))
    return sorted(families, key=lambda f: f.first_line), taken
