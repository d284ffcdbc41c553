"""Every file RetroCoach writes validates against its shipped schema in every time zone (22.7).

A property test: moments in any zone hypothesis knows (local mean times before 1900 have
offsets with seconds), and the process's own zone set to POSIX offsets with seconds, as
``TZ='ABC-0:17:30'`` does.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrocoach.core.clock import local_now
from retrocoach.core.history.records import Outcome, SessionRecord
from retrocoach.core.history.store import HistoryStore
from retrocoach.core.plan.model import Kind, Plan
from retrocoach.core.session.machine import SegmentRecord
from retrocoach.core.storage.shipped import asset_path

SCHEMA = json.loads(asset_path("data", "history.schema.json").read_text())
CHECKER = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def _record(number: int, start: datetime) -> SessionRecord:
    return SessionRecord(
        id=f"s{number}",
        started_at=start,
        ended_at=start + timedelta(minutes=7, seconds=3),
        outcome=Outcome.COMPLETED,
        plan=Plan(name="Gentle", forward_s=60, backward_s=60, rounds=1),
        segments=(SegmentRecord(Kind.FORWARD, 60, 60.0, 1),),
        forward_s=60.0,
        backward_s=0.0,
    )


def _valid(path: Path) -> None:
    errors = sorted(CHECKER.iter_errors(json.loads(path.read_bytes())), key=str)
    assert not errors, errors[0].message


@contextlib.contextmanager
def _process_zone(tz: str) -> Iterator[None]:
    """This process's local time zone set to *tz* (as the TZ variable does), then restored."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = tz
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


# POSIX TZ offsets are west-positive: "ABC-0:17:30" is 17 min 30 s east of UTC.
posix_zones = st.builds(
    "ABC{}{}:{:02d}:{:02d}".format,
    st.sampled_from("+-"),
    st.integers(0, 14),
    st.integers(0, 59),
    st.integers(0, 59),
)
moments = st.datetimes(
    min_value=datetime(1800, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.timezones()
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(moment=moments)
def test_a_walk_at_any_moment_in_any_zone_is_written_as_the_schema_says(
    tmp_path: Path, moment: datetime
) -> None:
    folder = tmp_path / uuid.uuid4().hex
    store = HistoryStore(folder, warn=lambda line: None)
    store.add(_record(1, moment))
    _valid(folder / "history.json")
    [read] = store.sessions()
    assert read.started_at == moment  # the same instant, whatever offset it is written with


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tz=st.one_of(posix_zones, st.sampled_from(["ABC-0:17:30", "LMT+0:19:32", "UTC"])))
def test_a_walk_recorded_now_in_a_zone_with_odd_seconds_is_written_as_the_schema_says(
    tmp_path: Path, tz: str
) -> None:
    folder = tmp_path / uuid.uuid4().hex
    with _process_zone(tz):
        now = local_now()
        store = HistoryStore(folder, warn=lambda line: None)
        store.add(_record(1, now))
        store.add(_record(2, now + timedelta(days=200)))  # across a summer-time change
    _valid(folder / "history.json")
