"""Views of documents and of the whole base: what decode, check and export hand to the renderer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from nhsjargon.decode.results import DOCUMENT, Decoded, Found
from nhsjargon.views import Findings, Flat, Report, Row, Table

if TYPE_CHECKING:
    from nhsjargon.drafts import Finding

DECODE_CSV_COLUMNS = (
    "kind",
    "acronym",
    "id",
    "name",
    "source",
    "count",
    "first_line",
    "first_column",
    "defined_line",
)
CHECK_CSV_COLUMNS = ("file", "line", "column", "acronym", "kind", "message", "id")


def choice_note(found: Found) -> str:
    """ "ICP: chose Integrated Care Provider (the document defines it on line 4 as ...)"."""
    return f"{found.acronym}: {found.name} ({found.choice})"


def _defined(found: Found) -> str:
    return f"line {found.definitions[0].line}" if found.definitions else "no"


def _source(found: Found) -> str:
    return "the document" if found.source == DOCUMENT else "knowledge base"


def decode_data(decoded: Decoded) -> dict[str, Any]:
    date = decoded.date
    return {
        "date": None
        if date is None
        else {
            "date": date.date.isoformat(),
            "as_written": date.text,
            "reason": date.reason,
            "line": date.line or None,
            "stated": date.strong,
        },
        "terms": [
            {
                "acronym": f.acronym,
                "as_written": f.first_form,
                "id": f.id,
                "name": f.name,
                "source": f.source,
                "count": f.count,
                "first_line": f.first_line,
                "first_column": f.first_column,
                "defined": f.defined,
                "definition": (
                    {
                        "line": f.definitions[0].line,
                        "column": f.definitions[0].column,
                        "long_form": f.definitions[0].long_form,
                    }
                    if f.definitions
                    else None
                ),
                "senses": [sense.id for sense in f.senses],
                "choice": f.choice or None,
            }
            for f in decoded.terms
        ],
        "unknown": [
            {"token": u.token, "count": u.count, "first_line": u.first_line, "first_column": u.first_column}
            for u in decoded.unknown
        ],
        "families": [
            {"codes": f.label, "members": list(f.members), "count": f.count, "first_line": f.first_line}
            for f in decoded.families
        ],
        "people": [{"initials": p.initials, "name": p.name, "line": p.line} for p in decoded.people],
    }


def decode_view(decoded: Decoded, unknown_hint: str = "") -> Report:
    """Acronyms (meaning, where it comes from, uses, first use, where defined), then the ones
    nobody defines; the document's date, the choices made and what was left out, as notes."""
    terms = decoded.terms
    notes = []
    if decoded.date is not None and terms:
        notes.append(f"Dated {decoded.date.date.isoformat()}: {decoded.date.reason}.")
    notes += [choice_note(f) for f in terms if f.choice]
    known = Table(
        columns=("acronym", "meaning", "from", "uses", "first use", "defined"),
        rows=tuple(
            (f.acronym, f.name, _source(f), str(f.count), f"{f.first_line}:{f.first_column}", _defined(f))
            for f in terms
        ),
        data=None,
        title=f"{decoded.name}: {len(terms)} acronym(s)" if terms else "",
        notes=tuple(notes),
        wrap=True,
    )
    sections = [known]
    if decoded.unknown or decoded.families:
        rows = tuple((u.token, str(u.count), f"{u.first_line}:{u.first_column}") for u in decoded.unknown)
        rows += tuple(
            (f"{f.label} (numbered codes)", str(f.count), str(f.first_line)) for f in decoded.families
        )
        sections.append(
            Table(
                columns=("token", "uses", "first use"),
                rows=rows,
                data=None,
                title=f"Not defined in the document and not in the knowledge base: {len(rows)}",
                notes=(unknown_hint,) if unknown_hint else (),
            )
        )
    extra = []
    if decoded.people:
        shown = ", ".join(person.initials for person in decoded.people[:12])
        more = f" and {len(decoded.people) - 12} more" if len(decoded.people) > 12 else ""
        extra.append(f"People's initials left out: {shown}{more}.")
    if not terms and not decoded.unknown:
        extra.append(f"{decoded.name}: no acronyms found")
    if decoded.forgot_rare:
        extra.append("Too many distinct tokens: some that occur once were not counted.")
    rows_csv: list[Row] = [
        (
            "term",
            f.acronym,
            f.id or "",
            f.name,
            f.source,
            str(f.count),
            str(f.first_line),
            str(f.first_column),
            str(f.definitions[0].line) if f.definitions else "",
        )
        for f in terms
    ]
    rows_csv += [
        ("unknown", u.token, "", "", "", str(u.count), str(u.first_line), str(u.first_column), "")
        for u in decoded.unknown
    ]
    rows_csv += [
        ("codes", f.label, "", "", "", str(f.count), str(f.first_line), "", "") for f in decoded.families
    ]
    glossary_notes = [choice_note(f) for f in terms if f.choice]
    if decoded.unknown:
        glossary_notes.append("not in the knowledge base: " + ", ".join(u.token for u in decoded.unknown))
    return Report(
        sections=tuple(sections),
        data=decode_data(decoded),
        csv=Flat(DECODE_CSV_COLUMNS, tuple(rows_csv)),
        notes=tuple(extra),
        glossary=tuple((f.acronym, f.name) for f in terms),
        glossary_notes=tuple(glossary_notes),
    )


def check_summary(findings: Sequence[Finding], files: int) -> str:
    if not findings:
        return f"No problems found in {files} file(s)."
    kinds = {
        kind: sum(f.kind == kind for f in findings)
        for kind in ("undefined", "late", "unknown", "slip", "outdated")
    }
    words = {
        "undefined": "never defined",
        "late": "defined late",
        "unknown": "unknown",
        "slip": "likely slips",
        "outdated": "outdated",
    }
    return f"{len(findings)} finding(s) in {files} file(s): " + ", ".join(
        f"{count} {words[kind]}" for kind, count in kinds.items() if count
    )


def check_view(findings: Sequence[Finding], files: int) -> Findings:
    """Findings as `FILE:LINE:COL: message` lines in text, a table elsewhere, a list in JSON."""
    items = tuple((f"{f.file}:{f.line}:{f.column}", f.message) for f in findings)
    summary = check_summary(findings, files)
    table = Table(
        columns=("where", "acronym", "kind", "message"),
        rows=tuple(
            (where, f.acronym, f.kind, f.message) for (where, _), f in zip(items, findings, strict=True)
        ),
        data=None,
        notes=(summary,),
        wrap=True,
    )
    return Findings(
        items=items,
        table=table,
        data=[f.data() for f in findings],
        notes=(summary,),
        csv=Flat(
            CHECK_CSV_COLUMNS,
            tuple(
                (f.file, str(f.line), str(f.column), f.acronym, f.kind, f.message, f.id or "")
                for f in findings
            ),
        ),
    )
