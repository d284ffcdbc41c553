"""`retrocoach plans` states the coaching rules with their sources, speeds in the chosen unit."""

from __future__ import annotations

import pytest

from retrocoach.app.main import main
from retrocoach.core.safety.coaching_rules import RULES


def _plans(capsys: pytest.CaptureFixture[str], *settings: str) -> str:
    if settings:
        assert main(["settings", *settings]) == 0
        capsys.readouterr()
    assert main(["plans"]) == 0
    return " ".join(capsys.readouterr().out.split())


def test_plans_lists_every_rule_and_cites_its_sources(capsys: pytest.CaptureFixture[str]) -> None:
    out = _plans(capsys)
    assert "Rules every built-in plan and programme keeps:" in out
    for rule in RULES:
        assert " ".join(rule.text.split()) in out
    assert "Fritz et al. 2013" in out
    assert "Mayo Clinic Staff 2019" in out
    # The full references list holds the rules' sources too.
    assert "https://doi.org/10.1016/j.gaitpost.2012.09.022" in out


def test_plans_gives_the_rules_speeds_in_mph_when_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _plans(capsys, "units=mph")
    rules = out[out.index("Rules every") : out.index("References")]
    assert "0.6 to 1.2 mph" in rules
    # Nowhere in the listing: the plans' belts and details follow the unit too.
    assert "km/h" not in out
