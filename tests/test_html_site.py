"""The exported HTML glossary as a small linked site, driven in real headless Chromium.

Skipped where Playwright or Chromium is missing (.ci/run installs both where it can). The page
is exported once per module from the shipped base, so the ranking the page computes in the
browser can be held against the CLI's own `search.search` on the same entries.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nhsjargon import knowledge, search
from tests.conftest import session_root

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

VISIBLE = '[...document.querySelectorAll("article:not([hidden])")].map(a => a.id)'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("site") / "glossary.html"
    env = {key: value for key, value in os.environ.items() if not key.startswith("NHSJARGON_")}
    env["NHSJARGON_CACHE_DIR"] = str(session_root(tmp_path_factory) / "cache")  # the run's shared cache
    done = subprocess.run(
        [sys.executable, "-m", "nhsjargon", "export", "--format", "html"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    page.write_text(done.stdout, encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def opened(browser: Any, site: Path) -> Iterator[tuple[Any, list[str]]]:
    """The page loaded once at a phone's size (a load takes about a second), with its script errors."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.as_uri())
    yield page, errors
    page.close()


RESET = """() => {
  const q = document.getElementById("q");
  q.value = "";
  q.dispatchEvent(new Event("input"));
  document.querySelectorAll("details[open]").forEach(d => { d.open = false; });
}"""


@pytest.fixture
def phone(opened: tuple[Any, list[str]]) -> Iterator[Any]:
    """The page as a reader first sees it (empty search, first page of cards), failing the test on
    any script error; reset through the page's own search box rather than reloaded."""
    page, errors = opened
    page.evaluate(RESET)
    errors.clear()
    yield page
    assert errors == []


def test_it_opens_on_the_first_fifty_cards_with_more_on_demand(phone: Any) -> None:
    total = len(knowledge.load())
    assert phone.inner_text("#count") == f"{total} terms"
    assert len(phone.evaluate(VISIBLE)) == 50
    phone.click("#more")
    assert len(phone.evaluate(VISIBLE)) == 100


def test_entries_are_anchored_by_id_and_related_terms_are_links(phone: Any, site: Path) -> None:
    phone.goto(site.as_uri() + "#icb")
    assert phone.evaluate(VISIBLE) == ["icb"]
    assert phone.inner_text("#count").endswith("terms: ICB")
    phone.click('article#icb dd a[href="#ccg"]')  # "Came from: CCG"
    phone.wait_for_function("location.hash === '#ccg'")
    assert phone.evaluate(VISIBLE) == ["ccg"]


def test_a_card_shows_the_short_answer_and_the_rest_on_demand(phone: Any, site: Path) -> None:
    phone.goto(site.as_uri() + "#ics")
    card = phone.locator("article#ics")
    assert card.locator("p.body").is_visible() and card.locator("h3", has_text="Sources").is_visible()
    notes = card.locator("details h3", has_text="Notes")
    assert not notes.is_visible()
    card.locator("details summary").click()
    assert notes.is_visible()


@pytest.mark.parametrize(
    "query",
    ["whole population", "CCGs", "ICB ICP", "ics", "integrated care", "primary care network", "budget"],
)
def test_the_page_ranks_as_the_cli_does(phone: Any, query: str) -> None:
    phone.fill("#q", query)
    expected = [hit.entry.id for hit in search.search(knowledge.load(), query, 10).hits]
    assert phone.evaluate(VISIBLE)[:10] == expected


def test_a_relation_question_is_answered_first(phone: Any) -> None:
    phone.fill("#q", "what replaced CCGs")
    answer = search.search(knowledge.load(), "what replaced CCGs").answer
    assert answer is not None
    expected = f"CCG (Clinical Commissioning Group) became: {', '.join(e.full_label for e in answer.found)}"
    assert phone.inner_text("#answer") == expected and "ICB (Integrated Care Board)" in expected
    assert phone.evaluate(VISIBLE)[: len(answer.found) + 1] == [e.id for e in answer.found] + ["ccg"]


def test_matches_are_highlighted_and_the_search_is_in_the_address(phone: Any, site: Path) -> None:
    phone.fill("#q", "whole population")
    assert phone.evaluate("location.hash") == "#q=whole%20population"
    marks = phone.evaluate('[...document.querySelectorAll("article#wpb mark")].map(m => m.textContent)')
    assert {"Whole", "Population"} <= set(marks)
    phone.fill("#q", "zebra")
    assert phone.inner_text("#count") == f"0 of {len(knowledge.load())} terms match"
    assert phone.evaluate('document.querySelectorAll("article mark").length') == 0


def test_a_shared_search_address_and_fragment_changes_are_followed(phone: Any, site: Path) -> None:
    phone.goto(site.as_uri() + "#q=capitation")
    assert phone.input_value("#q") == "capitation" and phone.evaluate(VISIBLE)
    phone.evaluate("location.hash = '#wpb'")
    phone.wait_for_function("document.querySelectorAll('article:not([hidden])').length === 1")
    assert phone.evaluate(VISIBLE) == ["wpb"] and phone.input_value("#q") == ""


def test_timeline_and_comparisons_are_on_the_page(phone: Any) -> None:
    assert phone.locator("#timeline").is_visible()
    assert phone.locator("#timeline + .scroll tbody tr").count() == len(knowledge.load().events)
    assert phone.locator("#comparisons h2", has_text="Comparing ICB").count() == 1
    assert phone.locator("#comparisons tr.differs").count() >= 3


def test_nothing_is_wider_than_a_phone(phone: Any) -> None:
    phone.goto(phone.url.split("#")[0] + "#q=integrated")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
