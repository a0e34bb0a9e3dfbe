"""JSON and CSV: the machine-readable formats."""

from __future__ import annotations

from nhsjargon.text import one_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from nhsjargon.views import View


def to_json(view: View) -> str:
    """`json.dumps(data, indent=2, ensure_ascii=True)`, written without importing `json`, whose
    decoder imports `re` (a sixth of a cached lookup's time); ensure_ascii keeps control
    characters and odd code points as \\u escapes, always safe to print."""
    try:
        from _json import encode_basestring_ascii  # CPython's C string quoting
    except ImportError:  # pragma: no cover - another Python
        pass
    else:
        try:
            return "".join(_json_parts(view.data, encode_basestring_ascii, "\n"))
        except TypeError:  # a value the short writer does not know: the json module decides
            pass
    import json

    return json.dumps(view.data, indent=2, ensure_ascii=True)


def _json_parts(value: object, quote: Callable[[str], str], newline: str) -> Iterator[str]:
    """The pieces of `value` as indented JSON; `newline` carries the current indentation."""
    if isinstance(value, str):
        yield quote(value)
    elif value is None or value is True or value is False:
        yield {None: "null", True: "true", False: "false"}[value]
    elif isinstance(value, int):
        yield int.__repr__(value)
    elif isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        yield float.__repr__(value)
    elif isinstance(value, (list, tuple)) and value:
        inner = newline + "  "
        for position, item in enumerate(value):
            yield ("[" if position == 0 else ",") + inner
            yield from _json_parts(item, quote, inner)
        yield newline + "]"
    elif isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        inner = newline + "  "
        for position, (key, item) in enumerate(value.items()):
            yield ("{" if position == 0 else ",") + inner + quote(key) + ": "
            yield from _json_parts(item, quote, inner)
        yield newline + "}"
    elif isinstance(value, (list, tuple, dict)) and not value:
        yield "{}" if isinstance(value, dict) else "[]"
    else:
        raise TypeError(type(value).__name__)


def to_csv(view: View) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(view.csv.columns)
    writer.writerows(tuple(one_line(cell) for cell in row) for row in view.csv.rows)
    return buffer.getvalue()
