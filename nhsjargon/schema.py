"""The knowledge base's one entry schema and the vocabularies its fields use.

`ENTRY_FIELDS` is the schema: validation, the cache and compiled layout, the JSON view, the
formatter's field order, the YAML header and the JSON schema for editors are all derived from
it (tests keep the derived files in step). No imports: this loads on every run.
"""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "body": "an organisation, or a type of organisation",
    "model": "a model of care, partnership or system",
    "contract": "a contract, contractual form or agreement",
    "finance": "money, payment, funding and incentives",
    "policy": "a plan, strategy, white paper, review or framework",
    "legislation": "an Act or statutory instrument",
    "planning": "a statutory planning, assessment, scrutiny or involvement instrument",
    "association": "a professional body, royal college, union, think tank or journal",
    "service": "a service or care setting",
    "role": "a job or role",
    "programme": "a national programme or initiative",
    "digital": "an IT system, data service or piece of digital infrastructure",
    "concept": "an idea or approach",
    "geography": "a footprint or level of the system",
    "general": "a general acronym that NHS papers use",
    "local": "a local name from a user's own file (the default for overlay entries)",
}

STATUSES: dict[str, str] = {
    "current": "exists or is in use today",
    "proposed": "announced or planned, not yet in place",
    "renamed": "still exists under another name",
    "merged": "absorbed into another body",
    "replaced": "superseded by something else",
    "abolished": "formally ended",
    "historical": "fallen out of use",
}
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
GONE_STATUSES = frozenset({"renamed", "merged", "replaced", "abolished", "historical"})

# Each relation and its inverse; symmetric relations map to themselves. A file writes each
# pair of entries once, in either direction: the loader derives the other side.
INVERSE_RELATION: dict[str, str] = {
    "evolved_into": "evolved_from",
    "evolved_from": "evolved_into",
    "replaced_by": "replaces",
    "replaces": "replaced_by",
    "renamed_to": "renamed_from",
    "renamed_from": "renamed_to",
    "merged_into": "absorbed",
    "absorbed": "merged_into",
    "part_of": "has_part",
    "has_part": "part_of",
    "kind_of": "has_kind",
    "has_kind": "kind_of",
    "established_by": "establishes",
    "establishes": "established_by",
    "accountable_to": "oversees",
    "oversees": "accountable_to",
    "contrasts_with": "contrasts_with",
    "see_also": "see_also",
}
SUCCESSOR_RELATIONS = frozenset({"evolved_into", "replaced_by", "renamed_to", "merged_into"})
PREDECESSOR_RELATIONS = frozenset({"evolved_from", "replaces", "renamed_from", "absorbed"})
# The direction a pair is drawn and normalised in: CCG -> replaced by -> ICB, ICB -> part of -> ICS.
FORWARD_RELATIONS = (
    "evolved_into",
    "replaced_by",
    "renamed_to",
    "merged_into",
    "part_of",
    "kind_of",
    "established_by",
    "accountable_to",
    "contrasts_with",
    "see_also",
)

# Comparison attributes written in the YAML, in display order, with their row labels.
ATTRIBUTES: dict[str, str] = {
    "scope": "Scope of services",
    "population": "Population served",
    "budget": "Budget and payment",
    "contract": "Contract form(s)",
    "legal_status": "Legal status and accountability",
    "held_by": "Who leads or holds it",
}


# ---------------------------------------------------------------- the schema


class Field:
    """One field of an entry: its name, the kind of value, whether the shipped base requires it
    (`required`) or every file does (`always`), and the sentence that documents it."""

    __slots__ = ("name", "kind", "required", "always", "doc")

    def __init__(self, name: str, kind: str, doc: str, required: bool = False, always: bool = False):
        self.name, self.kind, self.doc = name, kind, doc
        self.required, self.always = required or always, always

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.kind!r})"


# kinds: slug, text, texts (a list of text), category, status, flag (true or false), date, relations,
# attributes, counts, sources
ENTRY_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "unique lowercase slug, e.g. ics, icp-provider, pacs-imaging", always=True),
    Field("acronym", "text", "as usually written: ICS, PbR, A&E, 111, NHSE/I"),
    Field("name", "text", "the expansion or full name", always=True),
    Field(
        "aliases",
        "texts",
        "other names and spellings, former names, other acronyms (not plurals: "
        "plurals and possessives are understood by the code)",
    ),
    Field("misspellings", "texts", "wrong forms met in real documents (WBP for WPB)"),
    Field(
        "category", "category", "what kind of thing it is (overlay entries default to local)", required=True
    ),
    Field("status", "status", "whether it is current, and if not how it ended", required=True),
    Field(
        "minor",
        "flag",
        "true for a sense readers rarely mean (the cancer charity CCG): listed after the other senses",
    ),
    Field("introduced", "date", "YYYY, YYYY-MM or YYYY-MM-DD: when it began, as precisely as sources allow"),
    Field(
        "ended",
        "date",
        "same format: the LAST DAY it existed (CCGs: 2022-06-30); required for abolished, renamed and merged",
    ),
    Field(
        "definition",
        "text",
        "1 to 5 plain-English sentences in our own words; for an ambiguous "
        "acronym, where and when this sense is used",
        always=True,
    ),
    Field("notes", "texts", "caveats, and where sources disagree (dates, counts): say so here"),
    Field(
        "related",
        "relations",
        "[{relation, id}], each pair of entries written ONCE (the inverse is "
        "derived when the base is loaded)",
    ),
    Field("attributes", "attributes", "comparison attributes, required for category model"),
    Field(
        "counts",
        "counts",
        "[{date, count, note}]: how many there were at a date (42 ICSs from "
        "2021-07-01), from the entry's sources",
    ),
    Field(
        "sources",
        "sources",
        "[{title, url}]: where the facts come from, primary sources preferred",
        required=True,
    ),
)
FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in ENTRY_FIELDS)
EVENT_FIELDS: tuple[Field, ...] = (
    Field("date", "date", "when it happened, as precisely as the source allows", always=True),
    Field("title", "text", "what happened, in a line", always=True),
    Field("terms", "texts", "the ids of the entries it concerns", always=True),
    Field("source", "source", "{title, url}: where the date comes from", always=True),
)
