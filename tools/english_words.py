"""Write data/english_words.txt: ordinary English words, so that decode can tell a word in
capitals ("CONFIRMED", "INTRODUCTION") from an acronym it does not know.

    python tools/english_words.py            # rewrite the list from data/terms.yaml
    python tools/english_words.py --check    # exit 1 if the list is not what it would write

The words are the knowledge base's own: every word of three or more letters written in small
letters at least twice in its definitions and notes, plus the words of document structure
(months, days, "agenda", "appendix") that headings use and of letters and emphasis ("PLEASE",
"REMINDER") that e-mails write in capitals. A word that is also an acronym or alias
in the base is left out, though decode would know it anyway. Re-run it after a large merge.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nhsjargon.knowledge.yamlio import read_yaml  # noqa: E402

TERMS = ROOT / "data" / "terms.yaml"
OUTPUT = ROOT / "data" / "english_words.txt"
HEADING_WORDS = """
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
agenda appendix annex minutes present apologies attendance chair chapter section schedule part
summary contents introduction background conclusion conclusions recommendations foreword
confirmed unconfirmed draft final official sensitive confidential restricted public private
item items action actions decision decisions resolved noted received approved agreed
meeting board committee session paper report review key facts figures purpose
please thank thanks dear hello regards reminder urgent important today tomorrow yesterday shall
""".split()
WORD = re.compile(r"(?<![\w-])[a-z]{3,}(?![\w-])")
HEADER = """\
# Ordinary English words (written by tools/english_words.py from the base's own definitions):
# a word in capitals that is one of these, and not a known acronym, is a heading or emphasis,
# not jargon, and decode does not list it. Regenerate with: python tools/english_words.py
"""


def as_list(value: object) -> list[object]:
    """A field that holds a list (or nothing) as a list."""
    return list(value) if isinstance(value, list) else []


def words_of(terms: list[dict[str, object]]) -> list[str]:
    counts: Counter[str] = Counter()
    acronyms: set[str] = set()
    for term in terms:
        texts = [str(term.get("definition") or ""), *map(str, as_list(term.get("notes")))]
        for text in texts:
            counts.update(WORD.findall(text))
        for form in [term.get("acronym"), *as_list(term.get("aliases")), *as_list(term.get("misspellings"))]:
            if form and str(form).upper() == str(form):
                acronyms.add(str(form).lower())
    chosen = {word for word, count in counts.items() if count >= 2} | set(HEADING_WORDS)
    return sorted(chosen - acronyms)


def render(words: list[str]) -> str:
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    return HEADER + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of date")
    args = parser.parse_args()
    terms = read_yaml(TERMS)["terms"]  # the loader's own reading: safe, libyaml where installed
    text = render(words_of(terms))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        sys.exit(0 if current == text else f"{OUTPUT} is out of date: run python tools/english_words.py")
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT}: {len(text.split()) - len(HEADER.split())} words")


if __name__ == "__main__":
    main()
