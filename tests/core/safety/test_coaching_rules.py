"""The coaching rules shown on the Safety page and by `retrocoach plans`: each has its sources."""

from __future__ import annotations

import pytest

from retrocoach.core.plan.presets import PRESETS
from retrocoach.core.programme.model import ProgrammeBook
from retrocoach.core.safety.coaching_rules import RULES, Rule
from retrocoach.core.safety.references import ReferenceList


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.text[:30])
def test_every_rule_cites_references_the_app_ships(rule: Rule) -> None:
    references = ReferenceList.default()
    assert rule.references
    assert len(references.resolve(rule.references, rule.text[:20])) == len(rule.references)
    assert ("RetroCoach's own" in references.cite(rule.references)) == (
        "retrocoach-own" in rule.references
    )


def test_the_built_in_plans_and_programmes_keep_the_rules_they_state() -> None:
    """A rule the app states is checked against the plans and programmes it ships."""
    for preset in PRESETS.values():
        plan = preset.plan
        assert plan.turn_wait or plan.turn_s >= 30, preset.key
        assert plan.backward_speed_kmh is not None
        assert 1.0 <= plan.backward_speed_kmh <= 2.0, preset.key
    for programme in ProgrammeBook.default().all():
        for week in programme.weeks:
            for plan in week:
                assert plan.backward_speed_kmh is None or plan.backward_speed_kmh <= 2.0
    assert "knee-10" not in PRESETS
    assert "study-30" not in PRESETS
