"""The rules every built-in plan and programme keeps, as the Safety page lists them."""

from __future__ import annotations

from retrocoach.core.safety.coaching_rules import RULES
from retrocoach.core.safety.references import ReferenceList

__all__ = ["rules_html"]


def rules_html(references: ReferenceList) -> str:
    """Each rule in bold words, with its short citations beneath, under a heading."""
    # Loaded when the rules are first shown: its table of entities is half a MiB.
    import html  # noqa: PLC0415

    rows = [
        f"<li style='margin-bottom: 8px'>{html.escape(rule.text)}<br>"
        f"Sources: {html.escape(references.cite(rule.references))}</li>"
        for rule in RULES
    ]
    return f"<h3>Rules every built-in plan and programme keeps</h3><ul>{''.join(rows)}</ul>"
