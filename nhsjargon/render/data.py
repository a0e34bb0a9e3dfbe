"""JSON and CSV: the machine-readable formats."""

from __future__ import annotations

from nhsjargon.text import one_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from nhsjargon.views import View


def to_json(view: View) -> str:
    import json

    # ensure_ascii keeps control characters and odd code points as \u escapes: always safe to print
    return json.dumps(view.data, indent=2, ensure_ascii=True)


def to_csv(view: View) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(view.csv.columns)
    writer.writerows(tuple(one_line(cell) for cell in row) for row in view.csv.rows)
    return buffer.getvalue()
