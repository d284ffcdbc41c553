"""Every listing of the history shows the estimated distance and energy, labelled as estimates."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from retrocoach.cli.history import run_history
from retrocoach.core.history.store import HistoryStore, SessionRecord
from retrocoach.core.plan.model import parse_spec
from retrocoach.core.session.estimates import EstimateBasis
from retrocoach.core.session.machine import Session
from retrocoach.core.speeds import Units

TZ = timezone(timedelta(hours=1))
PLAN = parse_spec(
    "getready=0s warmup=0s forward=10m backward=5m rounds=1 cooldown=0s turn=10s "
    "forward-speed=3.5km/h backward-speed=1.5km/h"
)


def walked(number: int, basis: EstimateBasis, plan_spec: str | None = None) -> SessionRecord:
    plan = PLAN if plan_spec is None else parse_spec(plan_spec)
    session = Session(plan)
    session.start(0.0)
    now = 0.0
    while not session.is_over:
        now += 1.0
        session.advance(now)
    started = datetime(2026, 11, 20 + number, 7, tzinfo=TZ)
    return SessionRecord.from_session(
        session,
        started_at=started,
        now=now,
        outcome="completed",
        record_id=f"s{number}",
        basis=basis,
    )


def listing(tmp_path: Path, fmt: str, units: Units = Units.KMH) -> str:
    store = HistoryStore(tmp_path, warn=lambda line: None)
    # 3.5 km/h for 10 min = 583.3 m; 1.5 km/h for 5 min = 125 m; 70 kg: 35 + 15.9 = 50.9 kcal
    # (1.5 km/h = 0.93 mph: 2.1 MET x 1.3).
    store.add(walked(1, EstimateBasis(70.0)))
    store.add(walked(2, EstimateBasis(None)))  # no body mass: a distance, no energy
    store.add(walked(3, EstimateBasis(70.0), "forward=1m backward=1m rounds=1"))  # no speeds
    out, err = io.StringIO(), io.StringIO()
    assert run_history(store, fmt, out, err, tz=TZ, units=units) == 0
    return out.getvalue()


def test_the_table_shows_each_walks_estimates_and_the_totals_as_estimates(tmp_path: Path) -> None:
    text = listing(tmp_path, "table")
    rows = text.splitlines()
    assert "Belt est.*" in rows[0]
    assert "Energy est.*" in rows[0]
    assert "0.71 km" in rows[1]
    assert "51 kcal" in rows[1]
    assert "0.71 km" in rows[2]
    assert rows[2].split()[-2] == "-"
    assert rows[3].split()[-3:-1] == ["-", "-"]
    assert "Estimated: 1.42 km on the belt (2 of 3 sessions), about 51 kcal (1 of 3" in text
    said = " ".join(" ".join(rows).split())
    assert "we found no study of backward walking at beginners' speeds" in said
    for caveat in ("resting energy included", "aged 19 to 59", "holding the rails lowers"):
        assert caveat in said


def test_the_table_gives_miles_when_the_units_are_mph(tmp_path: Path) -> None:
    assert "0.44 mi" in listing(tmp_path, "table", Units.MPH)


def test_csv_has_estimate_columns_empty_when_unknown(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(listing(tmp_path, "csv"))))
    assert [row["forward_m_est"] for row in rows] == ["583.3", "583.3", ""]
    assert [row["backward_m_est"] for row in rows] == ["125", "125", ""]
    assert [row["energy_kcal_est"] for row in rows] == ["50.9", "", ""]


def test_json_keeps_the_schema_2_keys_with_nulls(tmp_path: Path) -> None:
    sessions = json.loads(listing(tmp_path, "json"))["sessions"]
    assert [s["energy_kcal_est"] for s in sessions] == [50.9, None, None]
    assert [s["forward_m"] for s in sessions] == [583.3, 583.3, None]
    assert sessions[0]["segments"][1] == {
        "kind": "turn",
        "round": 1,
        "planned_s": 10,
        "actual_s": 10.0,
        "speed_kmh": None,
    }
