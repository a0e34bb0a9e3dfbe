"""YAML read safely: plain data only, no aliases, no duplicate keys, and every mapping's line.

The C parser (libyaml) is used where present; construction stays in Python so that each
mapping can remember where it and its keys were written, for `file:line` messages.
"""

from __future__ import annotations

import os
from typing import Any

from nhsjargon.errors import DataError
from nhsjargon.knowledge.files import read_bytes
from nhsjargon.text import shorten


class Mapping_(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows its line and each key's line (1-based)."""

    __slots__ = ("line", "key_lines")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}


def line_of(value: object, key: object = None) -> int:
    """Where a parsed mapping (or one of its keys) was written; 0 when not known."""
    if isinstance(value, Mapping_):
        return value.key_lines.get(key, value.line) if key is not None else value.line
    return 0


def _loader_class() -> Any:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    timestamp = "tag:yaml.org,2002:timestamp"
    # Dates stay text so that PartialDate reads them and reports "2019-02-30" as a validation
    # problem instead of yaml raising a bare ValueError.
    resolvers = {
        first: [(tag, pattern) for tag, pattern in rules if tag != timestamp]
        for first, rules in base.yaml_implicit_resolvers.items()
    }

    class Loader(base):  # type: ignore[misc,valid-type]
        yaml_implicit_resolvers = resolvers
        source = ""

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects:  # the same node again: an alias
                raise DataError(
                    f"{self.source}:{node.start_mark.line + 1}: YAML aliases are not allowed "
                    f"(write the value out)"
                )
            return super().construct_object(node, deep)

        def construct_lined_map(self, node: Any) -> Any:
            data = Mapping_(node.start_mark.line + 1)
            yield data
            if not isinstance(node, yaml.MappingNode):
                raise yaml.constructor.ConstructorError(None, None, "expected a mapping", node.start_mark)
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise DataError(
                        f"{self.source}:{key_node.start_mark.line + 1}: YAML merge keys (<<) are not allowed"
                    )
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    raise DataError(
                        f"{self.source}:{key_node.start_mark.line + 1}: a mapping key must be text"
                    ) from None
                line = key_node.start_mark.line + 1
                if key in data:
                    raise DataError(
                        f"{self.source}:{line}: key {shorten(str(key), 40)!r} appears twice in "
                        f"one mapping (lines {data.key_lines[key]} and {line}); the second "
                        f"would silently replace the first"
                    )
                data[key] = self.construct_object(value_node, deep=True)
                data.key_lines[key] = line

    Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_lined_map)
    return Loader


_LOADER: Any = None


def parse(text: str, source: str) -> Any:
    """Parse YAML text into plain data (dicts carry their lines); DataError says where it fails."""
    import yaml

    global _LOADER
    if _LOADER is None:
        _LOADER = _loader_class()
    loader = _LOADER(text)
    loader.source = source
    try:
        return loader.get_single_data()
    except DataError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        column = f" (column {mark.column + 1})" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(f"{source}{line}: malformed YAML{column}: {shorten(problem)}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{source}: malformed YAML: {shorten(str(exc))}") from None
    except RecursionError:
        raise DataError(f"{source}: YAML nested too deeply") from None
    except (ValueError, TypeError) as exc:  # a constructor rejecting a scalar
        raise DataError(f"{source}: invalid YAML value: {shorten(str(exc))}") from None
    finally:
        loader.dispose()


def read_yaml(path: str | os.PathLike[str]) -> Any:
    """Read and parse one file: UTF-8 text, no NUL bytes, at most the size limit."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise DataError(f"{path}: contains NUL bytes; not a YAML text file")
    return parse(text, str(path))
