"""Tidy the knowledge base: one canonical layout, each link written once, the schema files in step.

    python tools/kb_format.py                      # tidy data/terms.yaml in place
    python tools/kb_format.py --check              # exit 1 if it is not tidy (the tests run this)
    python tools/kb_format.py --merge new.yaml     # add a file's terms and events, then tidy

Entries are sorted by id and events by date; fields follow nhsjargon/schema.py's ENTRY_FIELDS.
A pair of entries linked on both sides keeps one link (its forward direction: CCG replaced_by
ICB, not ICB replaces CCG): the loader derives the other side. The header comment and
data/terms.schema.json are regenerated from ENTRY_FIELDS.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nhsjargon.dates import PartialDate  # noqa: E402
from nhsjargon.knowledge.jsonschema import schema_text, yaml_header  # noqa: E402
from nhsjargon.knowledge.yamlio import read_yaml  # noqa: E402
from nhsjargon.schema import ATTRIBUTES, FIELD_NAMES, FORWARD_RELATIONS, INVERSE_RELATION  # noqa: E402

TERMS = ROOT / "data" / "terms.yaml"
SCHEMA = ROOT / "data" / "terms.schema.json"
SYMMETRIC = {name for name, inverse in INVERSE_RELATION.items() if name == inverse}


def plain(value: Any) -> Any:
    """Parsed YAML (mappings that carry their lines) as plain dicts and lists."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def tidy_term(term: dict[str, Any]) -> dict[str, Any]:
    ordered = {
        key: term[key]
        for key in FIELD_NAMES
        if key in term and term[key] is not False and term[key] not in (None, [], {}, "")
    }
    ordered.update(
        {key: value for key, value in term.items() if key not in FIELD_NAMES}
    )  # kept for validation
    for key in ("introduced", "ended"):
        if key in ordered:
            ordered[key] = str(PartialDate.parse(ordered[key]))
    for key in ("definition", "name"):
        if isinstance(ordered.get(key), str):
            ordered[key] = " ".join(ordered[key].split())
    if "related" in ordered:
        specific = {link["id"] for link in ordered["related"] if link.get("relation") != "see_also"}
        links: list[dict[str, str]] = []
        for link in ordered["related"]:
            pair = {"relation": link["relation"], "id": link["id"]}
            if pair not in links and not (pair["relation"] == "see_also" and pair["id"] in specific):
                links.append(pair)
        ordered["related"] = links
    if "sources" in ordered:
        first: dict[object, dict[str, Any]] = {}
        for source in ordered["sources"]:
            first.setdefault(source.get("url"), source)  # a source cited twice is kept once
        ordered["sources"] = list(first.values())
    if "counts" in ordered:
        for count in ordered["counts"]:
            count["date"] = str(PartialDate.parse(count["date"]))
    if "attributes" in ordered:
        attributes = ordered["attributes"]
        ordered["attributes"] = {key: attributes[key] for key in ATTRIBUTES if key in attributes} | {
            key: value for key, value in attributes.items() if key not in ATTRIBUTES
        }
    return ordered


def _keeps(holder: str, link: dict[str, str]) -> bool:
    """Of a pair written on both sides, which link stays: the forward one; a symmetric one on
    the entry whose id sorts first."""
    if link["relation"] in SYMMETRIC:
        return holder < link["id"]
    return link["relation"] in FORWARD_RELATIONS


def write_each_link_once(terms: list[dict[str, Any]]) -> int:
    """Drop the second side of every pair written on both entries (a see_also that the other side
    states more precisely goes too); returns how many were dropped."""
    written = {
        (term["id"], link["id"]): link["relation"] for term in terms for link in term.get("related") or []
    }
    dropped = 0
    for term in terms:
        links = term.get("related") or []
        kept = []
        for link in links:
            other = written.get((link["id"], term["id"]))
            if other is None:
                kept.append(link)
            elif link["relation"] == "see_also" and other != "see_also":
                continue  # the other entry says how they are linked
            elif other == "see_also" and link["relation"] != "see_also" or _keeps(term["id"], link):
                kept.append(link)
        dropped += len(links) - len(kept)
        if kept:
            term["related"] = kept
        else:
            term.pop("related", None)
    return dropped


_Dumper: Any = type("Dumper", (getattr(yaml, "CSafeDumper", yaml.SafeDumper),), {})


def _str(dumper: Any, value: str) -> Any:
    style = ">" if len(value) > 90 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _dict(dumper: Any, value: dict[str, Any]) -> Any:
    flow = set(value) in ({"relation", "id"}, {"title", "url"}, {"date", "count"}, {"date", "count", "note"})
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dict, _dict)


def dump(terms: list[dict[str, Any]], events: list[dict[str, Any]]) -> str:
    body = yaml.dump(
        {"schema": 1, "terms": terms, "events": events},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        indent=2,
    )
    return yaml_header() + "\n" + body.replace("\n- id: ", "\n\n- id: ").replace("\n- date: ", "\n\n- date: ")


def formatted(paths: list[Path]) -> tuple[str, int]:
    terms: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for path in paths:
        data = plain(read_yaml(path)) or {}
        terms += data.get("terms") or []
        events += data.get("events") or []
    terms = sorted((tidy_term(term) for term in terms), key=lambda term: str(term.get("id")))
    dropped = write_each_link_once(terms)
    for event in events:
        event["date"] = str(PartialDate.parse(event["date"]))
    events.sort(key=lambda event: (PartialDate.parse(event["date"]).key(), event["title"]))
    return dump(terms, events), dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "file", nargs="?", type=Path, default=TERMS, help="the file to tidy (data/terms.yaml)"
    )
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if the file is not tidy")
    parser.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        default=[],
        metavar="FILE",
        help="add these files' terms and events to FILE",
    )
    args = parser.parse_args(argv)
    text, dropped = formatted([args.file, *args.merge])
    stale = [
        path
        for path, wanted in ((args.file, text), (SCHEMA, schema_text()))
        if not path.exists() or path.read_text(encoding="utf-8") != wanted
    ]
    if args.check:
        for path in stale:
            print(f"{path}: not tidy; run python tools/kb_format.py", file=sys.stderr)
        return 1 if stale else 0
    args.file.write_text(text, encoding="utf-8")
    SCHEMA.write_text(schema_text(), encoding="utf-8")
    print(f"{args.file}: tidy ({dropped} link(s) written twice were kept once)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
