"""docs/contributing.md's map of the core stays whole: every module once, in the layers' order."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORE = REPO / "retrocoach" / "core"
GUIDE = REPO / "docs" / "contributing.md"


def _map() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text[text.index("## The core, package by package") :]


def test_the_guide_maps_every_module_of_the_core_once() -> None:
    listed = re.findall(r"^- `core/([a-z_/]+\.py)`: \S", _map(), flags=re.MULTILINE)
    modules = sorted(
        str(path.relative_to(CORE)) for path in CORE.rglob("*.py") if path.name != "__init__.py"
    )
    missing = sorted(set(modules) - set(listed))
    assert missing == [], "add a line for each to docs/contributing.md's map of the core"
    assert sorted(listed) == modules, "a module listed twice, or one that is gone"


def test_the_guide_lists_the_packages_in_the_order_of_the_layers_contract() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (inner,) = [
        contract
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract.get("containers") == ["retrocoach.core"]
    ]
    names = [name.strip() for layer in inner["layers"] for name in layer.split("|")]
    packages = [name for name in names if (CORE / name).is_dir()]
    headings = re.findall(r"^### `core/([a-z_]+)/`", _map(), flags=re.MULTILINE)
    assert headings == packages
