"""Shared fixtures: a runner, the tiny fixture knowledge base, a stable terminal."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nhsjargon import knowledge as kb
from nhsjargon.cli import app, normalise_argv
from nhsjargon.model import KnowledgeBase

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
MODELS_OVERLAY = FIXTURES / "models_overlay.yaml"  # more models and events, laid over MINI
FULL_BASE_MIN_ENTRIES = 100  # below this, data/terms.yaml is still a stand-in for the real base


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files in tests/golden/")


def pytest_configure(config: pytest.Config) -> None:
    from tests.golden_helper import UPDATING

    UPDATING["value"] = UPDATING["value"] or bool(config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def stable_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Same width, no colour, no user overlays and a private cache for every test."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    monkeypatch.setenv("PAGER", "cat")
    monkeypatch.delenv(kb.DATA_ENV, raising=False)
    monkeypatch.delenv(kb.BASE_ENV, raising=False)
    monkeypatch.delenv("NHSJARGON_DEBUG", raising=False)
    monkeypatch.setenv(kb.CACHE_ENV, str(session_root(tmp_path_factory) / "cache"))


def session_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's temporary folder, shared by pytest-xdist's workers: one cache built from the
    YAML per run (it takes seconds with the full base), not one per worker. Sharing is safe
    because the cache is written to a temporary file and moved into place (os.replace), as it
    is for a user's concurrent runs."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture
def mini_base(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Use the fixture knowledge base instead of the shipped one."""
    monkeypatch.setenv(kb.BASE_ENV, str(MINI))
    return MINI


@pytest.fixture
def mini(mini_base: Path) -> KnowledgeBase:
    return kb.load(use_cache=False)


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped base through the run's shared cache: the YAML is parsed once per run, by
    whichever worker or CLI test gets there first (tests of the file itself read it directly)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in (kb.DATA_ENV, kb.BASE_ENV):
            patch.delenv(name, raising=False)
        patch.setenv(kb.CACHE_ENV, str(session_root(tmp_path_factory) / "cache"))
        return kb.load()


@pytest.fixture
def full_base(shipped: KnowledgeBase) -> KnowledgeBase:
    """The shipped base for tests of its promised content; skipped while it is still a stand-in."""
    if len(shipped) < FULL_BASE_MIN_ENTRIES:
        pytest.skip(f"data/terms.yaml has {len(shipped)} entries, not yet the full knowledge base")
    return shipped


@pytest.fixture
def models(mini_base: Path) -> KnowledgeBase:
    """The fixture base with the models overlay (MCP, both PACS, both STPs, more events)."""
    return kb.load([MODELS_OVERLAY], use_cache=False)


class Runner:
    """CliRunner with stdout and stderr kept apart, as a shell user sees them."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None) -> Result:
        result = self.runner.invoke(app, normalise_argv(list(args)), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out[:300]!r}, err={self.err!r})"


@pytest.fixture
def run() -> Iterator[Runner]:
    yield Runner()
