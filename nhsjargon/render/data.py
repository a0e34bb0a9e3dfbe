"""JSON and CSV: the machine-readable formats."""

from __future__ import annotations

import csv
import io
import json

from nhsjargon.render.clean import one_line
from nhsjargon.views import View


def to_json(view: View) -> str:
    # ensure_ascii keeps control characters and odd code points as \u escapes: always safe to print
    return json.dumps(view.data, indent=2, ensure_ascii=True)


def to_csv(view: View) -> str:
    columns, rows = view.table()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(tuple(one_line(cell) for cell in row) for row in rows)
    return buffer.getvalue()
