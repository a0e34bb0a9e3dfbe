"""JSON and CSV: the machine-readable formats."""

from __future__ import annotations

from nhsjargon.text import one_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable

    from nhsjargon.views import View


def to_json(view: View) -> str:
    """`json.dumps(data, indent=2, ensure_ascii=True)`, written without importing `json`, whose
    decoder imports `re` (a sixth of a cached lookup's time); ensure_ascii keeps control
    characters and odd code points as \\u escapes, always safe to print."""
    quick = _quick_json(view.data)
    if quick is not None:
        return quick
    import json

    return json.dumps(view.data, indent=2, ensure_ascii=True)


def _quick_json(data: object) -> str | None:
    """The JSON for `data`, or None where the json module must decide (another Python, or a
    value the short writer does not know, such as a key that is not a string)."""
    try:
        from _json import encode_basestring_ascii  # CPython's C string quoting
    except ImportError:  # pragma: no cover - another Python
        return None
    out: list[str] = []
    try:
        _write_json(data, encode_basestring_ascii, "\n", out)
    except TypeError:
        return None
    return "".join(out)


_INFINITY = float("inf")


def _write_json(value: object, quote: Callable[[str], str], newline: str, out: list[str]) -> None:
    """Append `value` as indented JSON to `out`; `newline` carries the current indentation."""
    if isinstance(value, str):
        out.append(quote(value))
    elif value is None or value is True or value is False:
        out.append("null" if value is None else "true" if value else "false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float) and value == value and value not in (_INFINITY, -_INFINITY):
        out.append(float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        opening = "[" + inner
        for item in value:
            out.append(opening)
            _write_json(item, quote, inner, out)
            opening = "," + inner
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(type(key).__name__)
            out.append(opening + quote(key) + ": ")
            _write_json(item, quote, inner, out)
            opening = "," + inner
        out.append(newline + "}")
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
