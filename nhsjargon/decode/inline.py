"""`decode --inline`: the document back, each acronym expanded once, at its first plain use.

The text's own definitions are reused (a document that defines ICS on line 9 gets its own
words on line 3), a use inside brackets is expanded with a comma rather than a second pair of
brackets, and a proper name is kept whole: "NHS England" keeps its NHS, and the expansion
goes to the next plain NHS (or, if there is none, after the name: "NHS England (NHS: National
Health Service)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from nhsjargon.decode.results import Decoded, Found

_TRAILING_QUALIFIER = re.compile(r"\s*\([^()]*\)$")


def plural(name: str) -> str:
    """ "Integrated Care Systems", "Agencies": a plural of a name for an expansion of "ICSs"."""
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    if name.endswith(("s", "x", "ch", "sh")):
        return name + "es"
    return name + "s"


def meaning(found: Found) -> str:
    """What to write for an acronym: the document's own long form if it gives one, else the
    sense's name without the qualifier that tells senses apart in the knowledge base."""
    if found.definitions:
        return found.definitions[0].long_form
    name = _TRAILING_QUALIFIER.sub("", found.name) or found.name
    written = found.first_form
    is_plural = (
        written.endswith("s") and not written.endswith(("'s", "\u2019s")) and not found.acronym.endswith("s")
    )
    return plural(name) if is_plural else name


def expansions(decoded: Decoded) -> dict[int, str]:
    """Text to insert after each acronym's first plain use, keyed by offset."""
    grouped: dict[int, list[Found]] = {}
    for found in decoded.terms:
        if found.defined_at_first_use or found.insert_at < 0:
            continue
        grouped.setdefault(found.insert_at, []).append(found)
    inserts = {}
    for offset, group in grouped.items():
        group.sort(key=lambda f: f.first_offset)
        if len(group) == 1 and not group[0].insert_named:
            found = group[0]
            inserts[offset] = f", {meaning(found)}" if found.insert_inside else f" ({meaning(found)})"
        else:
            text = "; ".join(f"{f.acronym}: {meaning(f)}" for f in group)
            inserts[offset] = f", {text}" if group[0].insert_inside else f" ({text})"
    return inserts


def expand_blocks(blocks: Iterable[str], inserts: dict[int, str]) -> Iterator[str]:
    """The same blocks with the expansions inserted at their offsets."""
    pending = sorted(inserts.items())
    offset = 0
    index = 0
    for block in blocks:
        end = offset + len(block)
        if index >= len(pending) or pending[index][0] > end:
            yield block
        else:
            pieces = []
            last = 0
            while index < len(pending) and pending[index][0] <= end:
                at, text = pending[index]
                pieces.append(block[last : at - offset])
                pieces.append(text)
                last = at - offset
                index += 1
            pieces.append(block[last:])
            yield "".join(pieces)
        offset = end
