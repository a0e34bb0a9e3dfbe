"""Views of documents and of the whole base: what decode, check and export hand to the renderer.

Kept apart from views.py (the views of single terms and models) because only these three
commands need them; the shapes are the ones README.md documents.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from nhsjargon.check import Finding
from nhsjargon.decode import Decoded, Found
from nhsjargon.model import KnowledgeBase
from nhsjargon.views import Cards, Report, Row, Table, entry_data, event_data, explain_view

DECODE_CSV_COLUMNS = ("kind", "acronym", "id", "name", "count", "first_line", "defined")
CHECK_CSV_COLUMNS = ("file", "line", "column", "acronym", "kind", "message", "id")


def choice_note(found: Found) -> str:
    """"ICP has 2 senses; chose Integrated Care Provider (nearby words: contract, provider)"."""
    return (f"{found.acronym} has {len(found.senses)} senses; chose {found.entry.name} "
            f"({found.choice})")


def _defined(found: Found) -> str:
    return f"line {found.definitions[0].line}" if found.definitions else "no"


def decode_data(decoded: Decoded) -> dict[str, Any]:
    return {
        "terms": [
            {"acronym": f.acronym, "id": f.entry.id, "name": f.entry.name, "count": f.count,
             "first_line": f.first_line, "defined": f.defined,
             "senses": [sense.id for sense in f.senses],
             "choice": choice_note(f) if len(f.senses) > 1 else None}
            for f in decoded.terms
        ],
        "unknown": [{"token": u.token, "count": u.count, "first_line": u.first_line}
                    for u in decoded.unknown],
    }


def decode_view(decoded: Decoded) -> Report:
    """Known acronyms (meaning, uses, first line, where defined), then the unknown ones."""
    terms = decoded.terms
    known = Table(
        columns=("acronym", "meaning", "uses", "first line", "defined"),
        rows=tuple((f.acronym, f.entry.name, str(f.count), str(f.first_line), _defined(f)) for f in terms),
        data=None,
        title=f"{decoded.name}: {len(terms)} known acronym(s)" if terms else "",
        notes=tuple(choice_note(f) for f in terms if len(f.senses) > 1),
    )
    sections = [known]
    if decoded.unknown:
        sections.append(Table(
            columns=("token", "uses", "first line"),
            rows=tuple((u.token, str(u.count), str(u.first_line)) for u in decoded.unknown),
            data=None,
            title=f"Not in the knowledge base: {len(decoded.unknown)}",
            notes=("Add your own terms with --data FILE (see 'nhsjargon validate --help').",),
        ))
    notes = [] if terms or decoded.unknown else [f"{decoded.name}: no acronyms found"]
    if decoded.forgot_rare:
        notes.append("Too many distinct tokens: some that occur once were not counted.")
    rows: list[Row] = [("term", f.acronym, f.entry.id, f.entry.name, str(f.count), str(f.first_line),
                        "yes" if f.defined else "no") for f in terms]
    rows += [("unknown", u.token, "", "", str(u.count), str(u.first_line), "") for u in decoded.unknown]
    return Report(
        sections=tuple(sections),
        data=decode_data(decoded),
        export=(DECODE_CSV_COLUMNS, tuple(rows)),
        notes=tuple(notes),
        markdown=glossary(decoded),
    )


def glossary(decoded: Decoded) -> str:
    """A Markdown glossary to paste at the end of a report; unknown tokens in a hidden comment."""
    from nhsjargon.render.markdown import pipe_table

    lines = ["## Glossary", ""]
    if decoded.terms:
        lines += pipe_table(("Acronym", "Meaning"), tuple((f.acronym, f.entry.name) for f in decoded.terms))
    else:
        lines.append("No acronyms from the knowledge base were found.")
    # Notes for the writer, hidden when the Markdown is rendered.
    notes = [choice_note(f) for f in decoded.terms if len(f.senses) > 1]
    if decoded.unknown:
        notes.append("not in the knowledge base: " + ", ".join(u.token for u in decoded.unknown))
    # no run of dashes may survive inside an HTML comment, or a name could close it early
    lines += [""] + [f"<!-- nhsjargon: {re.sub('-{2,}', '-', note)} -->" for note in notes] if notes else []
    return "\n".join(lines)


def check_view(findings: Sequence[Finding], files: int) -> Report:
    """Findings as `FILE:LINE: message` lines in text, a table elsewhere, a list in JSON."""
    rows = tuple((f"{f.file}:{f.line}:{f.column}", f.acronym, f.kind, f.message) for f in findings)
    if findings:
        kinds = {kind: sum(f.kind == kind for f in findings) for kind in ("undefined", "outdated")}
        summary = f"{len(findings)} finding(s) in {files} file(s): " + ", ".join(
            f"{count} {kind}" for kind, count in kinds.items() if count)
    else:
        summary = f"No problems found in {files} file(s)."
    return Report(
        sections=(Table(columns=("where", "acronym", "kind", "message"), rows=rows, data=None),),
        data=[dataclasses.asdict(f) for f in findings],
        export=(CHECK_CSV_COLUMNS, tuple((f.file, str(f.line), str(f.column), f.acronym, f.kind, f.message,
                                          f.id) for f in findings)),
        notes=(summary,),
        text="\n".join(f"{f.file}:{f.line}: {f.message}" for f in findings),
    )


def export_view(knowledge: KnowledgeBase, version: str) -> Cards:
    """The whole knowledge base as one document: every entry's card, sorted by acronym."""
    entries = sorted(knowledge.entries, key=lambda e: (e.label.casefold(), e.id))
    cards = explain_view(knowledge, [(entry.label, (entry,)) for entry in entries])
    return cards._replace(
        title=f"NHS jargon: {len(entries)} terms (nhsjargon {version})",
        data={"version": version, "terms": [entry_data(entry) for entry in entries],
              "events": [event_data(event) for event in knowledge.events]},
    )
