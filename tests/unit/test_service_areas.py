"""The import contract between the service areas (README, "For developers").

Each area of services/ may import `common` and the areas it genuinely depends on, never the reverse; no area
imports the window (ui) or the exports (exports read through services, not the other way round). An area added
later (programmes, reports) must be given its place here before its first import passes this test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import partnerdesk

PACKAGE = Path(partnerdesk.__file__).resolve().parent
SERVICES = PACKAGE / "services"

#: Which other areas each area may import. `bin` gathers deleted records of every kind, so it alone sees them all.
ALLOWED = {
    "common": set(),
    "people": {"common"},
    "meetings": {"common", "people"},
    "expenses": {"common", "people", "meetings"},
    "wellbeing": {"common", "people", "meetings"},
    # Backfill for programme participants is paid as expense claims.
    "programmes": {"common", "people", "expenses"},
    "bin": {"common", "people", "meetings", "expenses", "wellbeing", "programmes"},
    # The monitoring return gathers every area's figures, so it alone depends on them all (besides bin).
    "reports": {"common", "people", "meetings", "expenses", "wellbeing"},
    # Who signs in, with which role: needs nothing from the other areas.
    "accounts": {"common"},
}
#: Parts of partnerdesk that no service may import.
FORBIDDEN = {"ui", "exports", "demo", "cli", "launch"}


def imported_modules(file: Path) -> list[str]:
    """Every partnerdesk module a file imports, however it is written (`from a import b` counts as a and a.b)."""
    found = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("partnerdesk"):
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names if alias.name.startswith("partnerdesk"))
    return found


def breaches(file: Path, area: str) -> list[str]:
    """What a file in the given area imports that the contract does not allow."""
    wrong = []
    for module in imported_modules(file):
        parts = module.split(".")
        if len(parts) > 1 and parts[1] in FORBIDDEN:
            wrong.append(module)
        elif parts[1:2] == ["services"] and len(parts) > 2:
            other = parts[2]
            if other != area and other not in ALLOWED[area]:
                wrong.append(module)
    return wrong


def test_every_service_lives_in_a_known_area():
    loose = [p.name for p in SERVICES.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "services/ holds only area packages; put these in one"
    areas = {p.name for p in SERVICES.iterdir() if (p / "__init__.py").is_file()}
    assert areas == set(ALLOWED)


def test_areas_import_only_what_the_contract_allows():
    offenders = {}
    for area in ALLOWED:
        for file in sorted((SERVICES / area).rglob("*.py")):
            wrong = breaches(file, area)
            if wrong:
                offenders[str(file.relative_to(PACKAGE))] = wrong
    assert offenders == {}


def test_the_contract_check_can_fail(tmp_path):
    """Proves the check above catches each kind of breach."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from partnerdesk.services.expenses.claims import x\n"
        "from partnerdesk.services import wellbeing\n"
        "import partnerdesk.ui.app\n"
        "from partnerdesk.exports import xlsx\n"
        "from partnerdesk.services.common.errors import Problems\n",
        encoding="utf-8",
    )
    assert breaches(sample, "people") == [
        "partnerdesk.services.expenses.claims",
        "partnerdesk.services.expenses.claims.x",
        "partnerdesk.services.wellbeing",
        "partnerdesk.ui.app",
        "partnerdesk.exports",
        "partnerdesk.exports.xlsx",
    ]
    assert breaches(sample, "bin") == ["partnerdesk.ui.app", "partnerdesk.exports", "partnerdesk.exports.xlsx"]


def test_core_layers_never_import_services():
    offenders = []
    for layer in ("rules", "records", "store"):
        for file in sorted((PACKAGE / layer).rglob("*.py")):
            if any(m.startswith("partnerdesk.services") for m in imported_modules(file)):
                offenders.append(str(file.relative_to(PACKAGE)))
    assert offenders == []
