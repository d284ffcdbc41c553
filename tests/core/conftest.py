"""Fixtures for the storage tests: record builders and a check of every history file written."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from retrocoach.core.history.store import Outcome, SessionRecord
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.storage.shipped import asset_path

RecordFactory = Callable[..., SessionRecord]
BERLIN_WINTER = timezone(timedelta(hours=1))
START = datetime(2026, 11, 16, 7, 30, tzinfo=BERLIN_WINTER)  # a Monday


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker for tests that leave a deliberately broken history.json behind."""
    config.addinivalue_line(
        "markers", "leaves_bad_history: the test ends with an unreadable history.json on purpose"
    )


@pytest.fixture(scope="session")
def history_schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package."""
    schema: dict[str, Any] = json.loads(asset_path("data", "history.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture
def assert_schema_valid(history_schema: dict[str, Any]) -> Callable[[Path | object], None]:
    """Check a history file (a path) or an already parsed document against the schema."""
    validator = jsonschema.Draft202012Validator(
        history_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )

    def check(document: Path | object) -> None:
        data = json.loads(document.read_bytes()) if isinstance(document, Path) else document
        validator.validate(data)

    return check


@pytest.fixture(autouse=True)
def _every_history_file_is_schema_valid(
    request: pytest.FixtureRequest, tmp_path: Path, history_schema: dict[str, Any]
) -> Iterator[None]:
    """After each test, every history.json and history.json.bak it wrote must fit the schema."""
    yield
    if request.node.get_closest_marker("leaves_bad_history"):
        return
    validator = jsonschema.Draft202012Validator(history_schema)
    for path in [*tmp_path.rglob("history.json"), *tmp_path.rglob("history.json.bak")]:
        validator.validate(json.loads(path.read_bytes()))


def full_segments(plan: Plan) -> tuple[SegmentRecord, ...]:
    """The walked segments of *plan* done in full."""
    return tuple(
        SegmentRecord(s.kind, s.seconds, float(s.seconds), s.round)
        for s in plan.segments()
        if s.kind is not Kind.GETREADY
    )


@pytest.fixture
def make_record() -> RecordFactory:
    """Build a completed session of a plan walked in full; keywords override any field."""
    counter = iter(range(1, 1_000_000))

    def build(**overrides: Any) -> SessionRecord:
        plan: Plan = overrides.pop("plan", Plan(forward_s=300, backward_s=60, rounds=3))
        started: datetime = overrides.pop("started_at", START)
        segments = overrides.pop("segments", full_segments(plan))
        fields: dict[str, Any] = {
            "id": f"{next(counter):032x}",
            "started_at": started,
            "ended_at": started + timedelta(seconds=plan.total_s),
            "outcome": Outcome.COMPLETED,
            "plan": plan,
            "segments": segments,
            "forward_s": float(sum(s.actual_s for s in segments if s.kind is not Kind.BACKWARD)),
            "backward_s": float(sum(s.actual_s for s in segments if s.kind is Kind.BACKWARD)),
        }
        fields.update(overrides)
        return SessionRecord(**fields)

    return build
