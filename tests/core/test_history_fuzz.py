"""Fuzzing the loader: no input makes the store raise, and no input is ever written over."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrocoach.core.document import FileState
from retrocoach.core.history import HistoryStore, NewerSchemaError, SessionRecord
from retrocoach.core.plan import Plan

FUZZ = settings(
    deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
MOMENT = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
NEW_RECORD = SessionRecord("f" * 32, MOMENT, MOMENT, "completed", Plan(), (), 0.0, 0.0)
VALID_SESSION: dict[str, Any] = {
    "id": "0123abcd",
    "started_at": "2026-11-21T07:00:00+01:00",
    "ended_at": "2026-11-21T07:20:00+01:00",
    "outcome": "stopped",
    "plan": Plan(name="fuzz").to_dict(),
    "segments": [{"kind": "warmup", "round": 0, "planned_s": 120, "actual_s": 120.0}],
    "forward_s": 120.0,
    "backward_s": 0.0,
    "notes": "n",
    "effort": 3,
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def mutated_session(draw: st.DrawFn) -> Any:
    """A valid session with one field replaced, removed, or nested deeper."""
    session = json.loads(json.dumps(VALID_SESSION))
    session["id"] = draw(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True))
    path = draw(st.sampled_from([*VALID_SESSION, "plan.rounds", "plan.name", "segments.0.kind"]))
    target, key = session, path
    while "." in key:
        head, key = key.split(".", 1)
        target = target[int(head)] if isinstance(target, list) else target[head]
    action = draw(st.sampled_from(["replace", "delete", "keep"]))
    if action == "replace":
        target[key] = draw(json_values)
    elif action == "delete":
        del target[key]
    return session


documents = st.builds(
    lambda version, sessions, extra: {"schema_version": version, "sessions": sessions, **extra},
    st.one_of(st.just(1), st.integers(-2, 3), json_values),
    st.one_of(st.lists(mutated_session(), max_size=5), json_values),
    st.dictionaries(st.sampled_from(["goals", "x"]), json_values, max_size=1),
)


def check_store_on(raw: bytes, schema: dict[str, Any]) -> None:
    """Load and then save over *raw*; the store must cope and the bytes must survive."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "history.json"
        path.write_bytes(raw)
        told: list[str] = []
        store = HistoryStore(folder, warn=told.append, wall_clock=lambda: datetime(2026, 1, 1))
        loaded = store.load()
        assert path.read_bytes() == raw
        assert (told == []) == (loaded.state is FileState.CLEAN)
        assert all("\n" not in line for line in told)
        if loaded.state is FileState.DAMAGED:
            assert loaded.corrupt_copy is not None
            assert loaded.corrupt_copy.read_bytes() == raw
        try:
            store.add(NEW_RECORD)
        except NewerSchemaError:
            assert loaded.state is FileState.NEWER
            assert path.read_bytes() == raw
            return
        kept = {p.read_bytes() for p in folder.iterdir() if p.name != "history.json"}
        assert raw in kept  # as history.json.bak or as a corrupt copy
        saved = json.loads(path.read_bytes())
        jsonschema.validate(saved, schema)
        assert [s["id"] for s in saved["sessions"]][-1] == NEW_RECORD.id


@FUZZ
@given(raw=st.binary(max_size=3000))
def test_random_bytes_never_raise_past_the_store(
    raw: bytes, history_schema: dict[str, Any]
) -> None:
    check_store_on(raw, history_schema)


@FUZZ
@given(value=json_values)
def test_random_json_never_raises_past_the_store(
    value: Any, history_schema: dict[str, Any]
) -> None:
    check_store_on(json.dumps(value).encode(), history_schema)


@FUZZ
@given(document=documents)
def test_random_shapes_never_raise_past_the_store(
    document: dict[str, Any], history_schema: dict[str, Any]
) -> None:
    check_store_on(json.dumps(document).encode(), history_schema)


@FUZZ
@given(
    depth=st.integers(min_value=1, max_value=200_000),
    opener=st.sampled_from([b"[", b'{"a":', b'{"schema_version": 1, "sessions": [']),
)
def test_deep_nesting_never_raises_past_the_store(
    depth: int, opener: bytes, history_schema: dict[str, Any]
) -> None:
    check_store_on(opener * depth, history_schema)
