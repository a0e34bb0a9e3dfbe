"""The installed command, run as a user runs it: a real subprocess, from outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nhsjargon.model import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


def installed_command() -> str:
    found = shutil.which("nhsjargon", path=str(Path(sys.executable).parent)) or shutil.which("nhsjargon")
    if not found:
        pytest.fail("the nhsjargon console script is not installed in this environment")
    return found


def run_installed(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("NHSJARGON_BASE", None)
    return subprocess.run(
        [installed_command(), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_wheel_ships_the_knowledge_base(tmp_path: Path, shipped: KnowledgeBase) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("nhsjargon-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        shipped_yaml = archive.read("nhsjargon/data/terms.yaml")
        compiled = archive.read("nhsjargon/data/terms.kb")
        script = next(name for name in archive.namelist() if name.endswith(".data/scripts/nhsjargon"))
        assert archive.read(script).startswith(b"#!python\n") and b"import re" not in archive.read(script)
        assert {"nhsjargon/data/well_known.txt", "nhsjargon/data/first_names.txt"} <= set(archive.namelist())
    assert shipped_yaml == (ROOT / "data" / "terms.yaml").read_bytes()
    # the compiled base is the same knowledge base, and records the terms.yaml it was made from
    from nhsjargon import knowledge
    from nhsjargon.knowledge import store

    assert store.stored_key(compiled) == knowledge.compiled_key(shipped_yaml)
    assert store.unpack(compiled, None) == shipped


def test_explain_from_another_directory(tmp_path: Path) -> None:
    result = run_installed("explain", "ACO", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Accountable Care Organisation" in result.stdout
    assert "\x1b[" not in result.stdout  # a pipe gets no colour


def test_unknown_term_in_a_real_process(tmp_path: Path) -> None:
    result = run_installed("explain", "XYZZYQ", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("nhsjargon: error: unknown term 'XYZZYQ'")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nhsjargon", "expand", "ACO"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.stdout == "ACO: Accountable Care Organisation\n"


def test_env_overlay_in_a_real_process(tmp_path: Path) -> None:
    overlay = tmp_path / "local.yaml"
    overlay.write_text(
        "terms:\n  - {id: zz-local, acronym: ZZL, name: Zed Zed Local, definition: Local.}\n",
        encoding="utf-8",
    )
    result = run_installed("expand", "ZZL", cwd=tmp_path, env={"NHSJARGON_DATA": str(overlay)})
    assert result.stdout == "ZZL: Zed Zed Local\n", result.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write to a 0o500 folder")
def test_read_only_cache_folder_is_harmless(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        result = run_installed("expand", "ACO", cwd=tmp_path, env={"NHSJARGON_CACHE_DIR": str(cache)})
    finally:
        cache.chmod(0o700)
    assert result.returncode == 0 and result.stderr == ""


def test_shell_completion_offers_term_names(tmp_path: Path) -> None:
    result = run_installed(
        cwd=tmp_path,
        env={"_NHSJARGON_COMPLETE": "complete_bash", "COMP_WORDS": "nhsjargon explain IC", "COMP_CWORD": "2"},
    )
    assert {"ICB", "ICP", "ICS"} <= set(result.stdout.split())
    assert all(word.upper().startswith("IC") for word in result.stdout.split())


def test_shell_completion_offers_commands(tmp_path: Path) -> None:
    result = run_installed(
        cwd=tmp_path,
        env={"_NHSJARGON_COMPLETE": "complete_bash", "COMP_WORDS": "nhsjargon ex", "COMP_CWORD": "1"},
    )
    assert set(result.stdout.split()) == {"explain", "expand", "export"}


# A sample of the national acronyms the base grew to cover (issue 9), from the kinds it names:
# bodies past and present, representative bodies, measures, finance, contracts, workforce, data,
# governance, safeguarding, services, everyday management words and the programmes' named sites.
GROWN = {
    "ABPI": "Association of the British Pharmaceutical Industry",
    "BAF": "Board assurance framework",
    "CDF": "Cancer Drugs Fund",
    "DGH": "District general hospital",
    "FHSA": "Family Health Services Authority",
    "MASH": "Multi-agency safeguarding hub",
    "MDU": "Medical Defence Union",
    "NPSA": "National Patient Safety Agency",
    "NHSR": "NHS Resolution",
    "PDC": "Public dividend capital",
    "SCIE": "Social Care Institute for Excellence",
    "SHMI": "Summary Hospital-level Mortality Indicator",
    "DNA": "Did not attend",
    "WTE": "Whole-time equivalent",
    "DIHC": "Dudley Integrated Health and Care NHS Trust",
    "BAU": "Business as usual",
    "LD": "Learning disability",
    "TCP": "Transforming Care Partnership",
    "MTAS": "Medical Training Application Service",
    "JHOSC": "Joint health overview and scrutiny committee",
    "DLA": "Disability Living Allowance",
    "AIS": "Accessible Information Standard",
    "HMICFRS": "HM Inspectorate of Constabulary and Fire & Rescue Services",
    "CFSMS": "NHS Protect",
    "BREEAM": "Building Research Establishment Environmental Assessment Method",
    "NETSCC": "NIHR Evaluation, Trials and Studies Coordinating Centre",
    "FIS": "Family Information Service",
    "NMS": "National Minimum Standards (Care Standards Act 2000)",
    "QALY": "Quality-adjusted life year",
    "IBCA": "Infected Blood Compensation Authority",
    "NCSCT": "National Centre for Smoking Cessation and Training",
    "CETV": "Cash equivalent transfer value",
    "LSIP": "Local skills improvement plan",
    "ACOBA": "Advisory Committee on Business Appointments",
    "PCREF": "Patient and Carer Race Equality Framework",
    "TERS": "Targeted Enhanced Recruitment Scheme",
    "NRR": "National Risk Register",
    "SSP": "Serious Shortage Protocol",
}


def test_a_sample_of_the_grown_base_resolves_through_the_installed_command(tmp_path: Path) -> None:
    result = run_installed("expand", *GROWN, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    import json

    names = {item["term"]: [sense["name"] for sense in item["senses"]] for item in json.loads(result.stdout)}
    for acronym, name in GROWN.items():
        assert name in names[acronym], (acronym, names[acronym])
