"""Merge and tidy knowledge-base files: add missing inverse relations, sort, and rewrite.

    python tools/kb_format.py data/terms.yaml                 # tidy in place
    python tools/kb_format.py -o data/terms.yaml a.yaml b.yaml  # merge parts into one file

Entries are sorted by id and events by date; each relation gets its inverse on the
other entry, so contributors only need to write one direction. The header comment
(the schema's documentation) is kept from data/terms.yaml.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nhsjargon.model import INVERSE_RELATION, PartialDate  # noqa: E402

FIELD_ORDER = ["id", "acronym", "name", "aliases", "misspellings", "category", "status", "introduced",
               "ended", "definition", "notes", "related", "attributes", "sources"]
ATTRIBUTE_ORDER = ["scope", "population", "budget", "contract", "legal_status", "held_by"]


def header_of(path: Path) -> str:
    if not path.exists():
        return ""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            lines.append(line)
        else:
            break
    return "\n".join(lines).rstrip() + "\n"


def load_parts(paths: list[Path]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    terms: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        terms += data.get("terms") or []
        events += data.get("events") or []
    return terms, events


def add_inverses(terms: list[dict[str, Any]]) -> int:
    by_id = {term["id"]: term for term in terms}
    added = 0
    for term in terms:
        for link in list(term.get("related") or []):
            target = by_id.get(link["id"])
            inverse_relation = INVERSE_RELATION.get(link["relation"])
            if target is None or inverse_relation is None:
                continue
            inverse = {"relation": inverse_relation, "id": term["id"]}
            target_links = target.setdefault("related", [])
            if inverse not in target_links:
                target_links.append(inverse)
                added += 1
    return added


def tidy_term(term: dict[str, Any]) -> dict[str, Any]:
    ordered = {key: term[key] for key in FIELD_ORDER if key in term and term[key] not in (None, [], {})}
    extra = {key: value for key, value in term.items() if key not in ordered and key not in FIELD_ORDER}
    ordered.update(extra)  # unknown keys are kept so that validation can name them
    for key in ("introduced", "ended"):
        if key in ordered:
            ordered[key] = str(PartialDate.parse(ordered[key]))
    if "related" in ordered:
        # "see also" adds nothing where a more specific relation names the same entry
        specific = {link["id"] for link in ordered["related"] if link["relation"] != "see_also"}
        seen: list[dict[str, str]] = []
        for link in ordered["related"]:
            pair = {"relation": link["relation"], "id": link["id"]}
            if pair not in seen and not (pair["relation"] == "see_also" and pair["id"] in specific):
                seen.append(pair)
        ordered["related"] = seen
    if "attributes" in ordered:
        attrs = ordered["attributes"]
        ordered["attributes"] = {k: attrs[k] for k in ATTRIBUTE_ORDER if k in attrs} | {
            k: v for k, v in attrs.items() if k not in ATTRIBUTE_ORDER}
    return ordered


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 90 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow_small_dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    flow = set(value) in ({"relation", "id"}, {"title", "url"})
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dict, _flow_small_dict)


def dump(terms: list[dict[str, Any]], events: list[dict[str, Any]]) -> str:
    body = yaml.dump({"schema": 1, "terms": terms, "events": events}, Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100, indent=2)
    return body.replace("\n- id: ", "\n\n- id: ").replace("\n- date: ", "\n\n- date: ")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="write here (default: the single input, in place)")
    parser.add_argument("--header-from", type=Path, default=Path("data/terms.yaml"))
    args = parser.parse_args()
    output = args.output or args.inputs[0]
    header = header_of(args.header_from)
    terms, events = load_parts(args.inputs)
    added = add_inverses(terms)
    terms = sorted((tidy_term(term) for term in terms), key=lambda term: term["id"])
    for event in events:
        event["date"] = str(PartialDate.parse(event["date"]))
    events.sort(key=lambda event: (PartialDate.parse(event["date"]).first_day, event["title"]))
    output.write_text(header + "\n" + dump(terms, events), encoding="utf-8")
    print(f"{output}: {len(terms)} terms, {len(events)} events, {added} inverse relations added")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
