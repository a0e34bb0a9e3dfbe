"""Views of terms: the explain card, expand, list, search and validate."""

from __future__ import annotations

from nhsjargon.lookup import related, successors
from nhsjargon.model import Entry, KnowledgeBase
from nhsjargon.schema import ATTRIBUTES, ENTRY_FIELDS, PREDECESSOR_RELATIONS, SUCCESSOR_RELATIONS
from nhsjargon.views import Block, Card, Cards, Flat, Pairs, Part, Row, Table

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import Any

    from nhsjargon.knowledge.report import ValidationReport
    from nhsjargon.search import Result
    from nhsjargon.views.shapes import EntryData, ExpandData

RELATION_LABELS = {
    "evolved_into": "Evolved into",
    "evolved_from": "Evolved from",
    "replaced_by": "Replaced by",
    "replaces": "Replaces",
    "renamed_to": "Renamed to",
    "renamed_from": "Renamed from",
    "merged_into": "Merged into",
    "absorbed": "Absorbed",
    "part_of": "Part of",
    "has_part": "Includes",
    "kind_of": "A kind of",
    "has_kind": "Kinds",
    "established_by": "Established by",
    "establishes": "Establishes",
    "accountable_to": "Accountable to",
    "oversees": "Oversees",
    "contrasts_with": "Contrasts with",
    "see_also": "See also",
}
# The relations a short card shows, under these labels.
KEY_RELATIONS = (
    ("Came from", PREDECESSOR_RELATIONS),
    ("Became", SUCCESSOR_RELATIONS),
    ("Part of", frozenset({"part_of"})),
)


# ---------------------------------------------------------------- an entry as data


def _plain(kind: str, value: Any) -> object:
    if kind == "date":
        return str(value) if value is not None else None
    if kind == "texts":
        return list(value)
    if kind == "relations":
        return [{"relation": link.relation, "id": link.id} for link in value]
    if kind == "attributes":
        return dict(value)
    if kind == "sources":
        return [{"title": source.title, "url": source.url} for source in value]
    if kind == "counts":
        return [
            {"date": str(count.date), "count": count.count, "note": count.note or None} for count in value
        ]
    return value


def entry_data(entry: Entry) -> EntryData:
    """An entry as the JSON object documented in README.md: every field of ENTRY_FIELDS."""
    return {field.name: _plain(field.kind, getattr(entry, field.name)) for field in ENTRY_FIELDS}  # type: ignore[return-value]


ENTRY_CSV_COLUMNS = (
    "id",
    "acronym",
    "name",
    "category",
    "status",
    "introduced",
    "ended",
    "definition",
    "related",
    "sources",
)


def entry_row(entry: Entry) -> Row:
    return (
        entry.id,
        entry.acronym or "",
        entry.name,
        entry.category,
        entry.status,
        str(entry.introduced or ""),
        str(entry.ended or ""),
        entry.definition,
        "; ".join(f"{link.relation}:{link.id}" for link in entry.related),
        "; ".join(f"{source.title} <{source.url}>" for source in entry.sources),
    )


def entries_csv(entries: Sequence[Entry]) -> Flat:
    return Flat(ENTRY_CSV_COLUMNS, tuple(entry_row(entry) for entry in entries))


# ---------------------------------------------------------------- the card


def status_line(knowledge: KnowledgeBase, entry: Entry) -> str:
    """ "replaced, 2013-04-01 to 2022-06-30; replaced by ICB (Integrated Care Board) from 2022-07-01"."""
    dates = entry.era()
    line = entry.status if dates == "dates not recorded" else f"{entry.status}, {dates}"
    if entry.gone or entry.status == "current":
        after = [
            f"{relation.replace('_', ' ')} {target.full_label}" + (f" {when}" if when else "")
            for relation, target, when in successors(knowledge, entry)
        ]
        if after:
            line += "; " + "; ".join(after)
    return line


def _parts(entries: Sequence[Entry]) -> tuple[Part, ...]:
    return tuple((entry.full_label, entry.id) for entry in entries)


def entry_card(knowledge: KnowledgeBase, entry: Entry, full: bool = False) -> Card:
    """The card for one sense: short (the answer) or full (everything the base holds)."""
    from nhsjargon.keys import compact

    facts: list[tuple[str, tuple[Part, ...]]] = []
    sections: list[tuple[str, tuple[str, ...]]] = []
    if full:
        facts.append(("Category", ((entry.category, ""),)))
        shown = [alias for alias in entry.aliases if compact(alias) != compact(entry.name)]
        if shown:
            facts.append(("Also called", tuple((alias, "") for alias in shown)))
        grouped: dict[str, list[Entry]] = {}
        for link in entry.related:
            target = knowledge.by_id.get(link.id)
            if target is not None:
                grouped.setdefault(RELATION_LABELS[link.relation], []).append(target)
        facts += [(label, _parts(targets)) for label, targets in grouped.items()]
        if entry.notes:
            sections.append(("Notes", entry.notes))
        if entry.attributes:
            sections.append(
                ("Model", tuple(f"{ATTRIBUTES[key]}: {value}" for key, value in entry.attributes))
            )
    else:
        for label, relations in KEY_RELATIONS:
            targets = related(knowledge, entry, relations)
            if targets:
                facts.append((label, _parts(targets)))
    sources = tuple(dict.fromkeys((source.title, source.url) for source in entry.sources))
    return Card(
        title=entry.title,
        summary=status_line(knowledge, entry),
        body=entry.definition,
        facts=tuple(facts),
        sections=tuple(sections),
        sources=sources,
        status=entry.status,
        anchor=entry.id,
    )


def other_sense(number: int, entry: Entry) -> str:
    """ "2. icp-provider: Integrated Care Provider (renamed, 2017 to 2018-08-02)"."""
    return f"{number}. {entry.id}: {entry.name} ({entry.status}, {entry.era()})"


def explain_view(
    knowledge: KnowledgeBase,
    found: Sequence[tuple[str, tuple[Entry, ...]]],
    full: bool = False,
    day: dt.date | None = None,
    none_in_use: Sequence[str] = (),
) -> Cards:
    """For each query: the most relevant sense as a card and a line for each other sense (with
    `full`, every sense in full). JSON and CSV hold every sense shown or named, whole."""
    blocks: list[Block] = []
    entries: list[Entry] = []
    for query, senses in found:
        headline = ""
        if query in none_in_use:
            headline = f"{query} was not in use on {day}; showing what the knowledge base has"
        elif len(senses) > 1:
            when = f" in use on {day}" if day else ""
            headline = f"{query} has {len(senses)} senses{when}; the most relevant first"
        shown = senses if full else senses[:1]
        cards = tuple(entry_card(knowledge, sense, full) for sense in shown)
        others = () if full else tuple(other_sense(i, sense) for i, sense in enumerate(senses[1:], 2))
        blocks.append(Block(cards, headline, others))
        entries += [sense for sense in senses if sense not in entries]
    return Cards(
        blocks=tuple(blocks), data=[entry_data(entry) for entry in entries], csv=entries_csv(entries)
    )


# ---------------------------------------------------------------- expand, list, search, validate


def expand_view(found: Sequence[tuple[str, tuple[Entry, ...]]]) -> Pairs:
    items = tuple(
        (_as_asked(query, senses), "; ".join(sense.name for sense in senses)) for query, senses in found
    )
    data: list[ExpandData] = [
        {"term": query, "senses": [{"id": s.id, "acronym": s.acronym, "name": s.name} for s in senses]}
        for query, senses in found
    ]
    return Pairs(items=items, data=data)


def _as_asked(query: str, senses: tuple[Entry, ...]) -> str:
    """The term a line of `expand` starts with: the senses' one acronym ("ccgs" reads "CCG");
    among several, the first written as asked, in any case ("crc" reads "CRC", though its first
    sense is the UNCRC, which CRC also names); else the query as written ("PAs": physician
    associates and PAS, where capitals and a small s are a plural, not PAS)."""
    from nhsjargon.lookup import plural_of_capitals

    acronyms = [sense.acronym for sense in senses if sense.acronym]
    if len(acronyms) == len(senses) and len(set(acronyms)) == 1:
        return acronyms[0]
    asked = query.strip()
    if asked in acronyms or plural_of_capitals(asked):
        return asked
    return next((a for a in acronyms if a.casefold() == asked.casefold()), asked)


LIST_COLUMNS = ("term", "name", "category", "status", "when")


def list_view(entries: Sequence[Entry]) -> Table:
    return Table(
        columns=LIST_COLUMNS,
        rows=tuple((e.acronym or "", e.name, e.category, e.status, e.era()) for e in entries),
        data=[entry_data(entry) for entry in entries],
        csv=entries_csv(entries),
        notes=(f"{len(entries)} term(s)",),
        wrap=True,
    )


def _score(score: float) -> str:
    """An exact hit (a question's answer, an acronym named) reads "exact", not 1000."""
    from nhsjargon.search import EXACT

    return "exact" if score > EXACT / 2 else f"{score:g}"


def search_view(text: str, result: Result, answer_note: str = "") -> Table:
    """Ranked hits, with a relation question's answer and any pointer (`answer_note`) first."""
    hits = result.hits
    notes = []
    answer = result.answer
    if answer is not None and answer.kind in ("after", "before"):
        asked = " / ".join(entry.full_label for entry in answer.asked)
        verb = "became" if answer.kind == "after" else "came from"
        if answer.found:
            notes.append(f"{asked} {verb}: " + ", ".join(entry.full_label for entry in answer.found))
        else:
            notes.append(f"The knowledge base records nothing that {asked} {verb}.")
    if answer_note:
        notes.append(answer_note)
    data = {
        "query": text,
        "answer": None
        if answer is None
        else {
            "kind": answer.kind,
            "asked": [e.id for e in answer.asked],
            "found": [e.id for e in answer.found],
        },
        "results": [{**entry_data(hit.entry), "score": hit.score} for hit in hits],
    }
    rows = tuple(
        (hit.entry.acronym or "", hit.entry.name, hit.entry.status, _score(hit.score)) for hit in hits
    )
    csv = Flat(
        ("id", "acronym", "name", "status", "score"),
        tuple(
            (h.entry.id, h.entry.acronym or "", h.entry.name, h.entry.status, f"{h.score:g}") for h in hits
        ),
    )
    return Table(
        columns=("term", "name", "status", "score"),
        rows=rows,
        data=data,
        csv=csv,
        title=f"Search: {text}",
        lead=tuple(notes),
        wrap=True,
    )


def validation_view(report: ValidationReport) -> Table:
    files = [{"path": f.path, "entries": f.entries, "events": f.events} for f in report.files]
    if report.problems:
        return Table(
            columns=("problem",),
            rows=tuple((problem,) for problem in report.problems),
            data={"valid": False, "problems": list(report.problems), "files": files},
        )
    return Table(
        columns=("file", "entries", "events", "result"),
        rows=tuple((f.path, str(f.entries), str(f.events), "valid") for f in report.files),
        data={"valid": True, "problems": [], "files": files},
    )
