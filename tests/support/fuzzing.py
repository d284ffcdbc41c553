"""Fuzzing the two readers of outside input: the history loader and the plan-spec parser.

The strategies and checks live here so that the tests (as many inputs as the hypothesis profile
says: a few dozen for a contributor, a few hundred in CI) and benchmarks/fuzz.py (10,000 and
more) run the very same thing. ``fuzz()`` runs one check under hypothesis for a given number of
inputs and returns how many it ran.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrocoach.core.durations import DurationError
from retrocoach.core.history.records import Outcome
from retrocoach.core.history.store import HistoryStore, NewerSchemaError, SessionRecord
from retrocoach.core.plan.lookup import resolve_plan
from retrocoach.core.plan.model import LIMITS, MAX_SESSION_S, SPEC_KEYS, Plan, PlanError, parse_spec
from retrocoach.core.plan.presets import PRESETS
from retrocoach.core.storage.atomic import dump_document
from retrocoach.core.storage.document import FileState
from retrocoach.core.storage.shipped import asset_path

T = TypeVar("T")

EXAMPLES_VARIABLE = "RETROCOACH_FUZZ_EXAMPLES"


def examples() -> int:
    """How many inputs each fuzz test draws: RETROCOACH_FUZZ_EXAMPLES, or the loaded profile's
    max_examples (tests/conftest.py: "contributor" or "ci")."""
    return int(os.environ.get(EXAMPLES_VARIABLE, settings().max_examples))


def fuzz(check: Callable[[T], object], strategy: st.SearchStrategy[T], max_examples: int) -> int:
    """Run *check* on up to *max_examples* inputs drawn from *strategy*; return how many ran.

    A failing input is shrunk and raised, as in any hypothesis test. No example database:
    every call would share one key, and the strategies are cheap to search again.
    """
    ran = 0

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def run(value: T) -> None:
        nonlocal ran
        ran += 1
        check(value)

    run()
    return ran


# -- the history loader ------------------------------------------------------------------------

MOMENT = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
NEW_RECORD = SessionRecord("f" * 32, MOMENT, MOMENT, Outcome.COMPLETED, Plan(), (), 0.0, 0.0)
OLD_MTIME_NS = 1_000_000_000 * 1_000_000_000
"""2001-09-09: the input file's mtime is set to this, so any write to it shows."""
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


def _dumped(value: object) -> bytes:
    return json.dumps(value).encode()


VALID_HISTORY = dump_document(
    {"schema_version": 1},
    "sessions",
    ({**VALID_SESSION, "id": f"{n:032x}"} for n in range(3)),
)


@st.composite
def damaged_history(draw: st.DrawFn) -> bytes:
    """A good history.json cut short, with bytes flipped, dropped or pushed in."""
    data = bytearray(VALID_HISTORY)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "flip", "drop", "insert"]))
        if action == "cut":
            del data[at:]
        elif action == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif action == "drop":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


LOADER_INPUTS: Mapping[str, st.SearchStrategy[bytes]] = {
    "good history, damaged": damaged_history(),
    "random bytes": st.binary(max_size=3000),
    "random JSON": json_values.map(_dumped),
    "history-shaped JSON": documents.map(_dumped),
    "deep nesting": st.builds(
        bytes.__mul__,
        st.sampled_from([b"[", b'{"a":', b'{"schema_version": 1, "sessions": [']),
        st.integers(min_value=1, max_value=200_000),
    ),
}
"""history.json contents, by kind: each kind is fuzzed on its own."""


def history_schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package."""
    schema: dict[str, Any] = json.loads(
        asset_path("data", "history.schema.json").read_text(encoding="utf-8")
    )
    return schema


_SCHEMA = jsonschema.Draft202012Validator(history_schema())
_SESSION_SCHEMA = jsonschema.Draft202012Validator(
    {"$defs": history_schema()["$defs"], "$ref": "#/$defs/session"}
)


def _fits_schema(raw: bytes) -> bool:
    try:
        return bool(_SCHEMA.is_valid(json.loads(raw)))
    except ValueError:  # not JSON (or not UTF-8) at all
        return False


def _identity(path: Path) -> tuple[int, int, int]:
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


def check_store_on(raw: bytes) -> FileState:
    """Load, then save over *raw*: the store must cope, and never write the file it reads.

    Loading leaves the file as it was: its bytes, inode and mtime. Saving a session afterwards
    replaces it (or refuses, for a newer schema) and keeps the old bytes aside.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "history.json"
        path.write_bytes(raw)
        os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
        before = _identity(path)
        told: list[str] = []
        store = HistoryStore(folder, warn=told.append, wall_clock=lambda: datetime(2026, 1, 1))
        loaded = store.load()
        assert path.read_bytes() == raw
        assert _identity(path) == before
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
            assert _identity(path) == before
            return loaded.state
        kept = {p.read_bytes() for p in folder.iterdir() if p.name != "history.json"}
        assert raw in kept  # as history.json.bak or as a corrupt copy
        saved = json.loads(path.read_bytes())
        assert [s["id"] for s in saved["sessions"]][-1] == NEW_RECORD.id
        if loaded.state is FileState.CLEAN and not _fits_schema(raw):
            # Read as clean though the schema refuses it (keys the loader ignores, a null it
            # takes for none): every session is kept, and only the new one can be held to the
            # schema. See test_a_history_read_as_clean_is_saved_valid_against_the_schema.
            ids = [session["id"] for session in json.loads(raw)["sessions"]]
            assert [session["id"] for session in saved["sessions"]] == [*ids, NEW_RECORD.id]
            _SESSION_SCHEMA.validate(saved["sessions"][-1])
        else:
            _SCHEMA.validate(saved)
        return loaded.state


# -- the plan-spec parser --------------------------------------------------------------------

SAVED_PLANS = (Plan(name="Evening walk"), Plan(forward_s=60, backward_s=30, name="Short"))
_WHITESPACE = st.sampled_from([" ", "  ", "\t", "\n", "\u3000", "\x1c", "\xa0"])
_KEYS = st.one_of(
    st.sampled_from(sorted(SPEC_KEYS)),
    st.sampled_from(sorted(SPEC_KEYS)).map(str.upper),
    st.sampled_from(["", "sideways", "round", "warm-up", "forwards", "ROUNDS", "\ufb01rst"]),
    st.text(max_size=6),
)
# Long runs of digits too: past 4,300 digits int() itself refuses them, with a bare ValueError.
_NUMBERS = st.one_of(
    st.integers(0, 200).map(str),
    st.integers(0, 10**30).map(str),
    st.integers(4290, 4400).map(lambda n: "1" * n),
    st.tuples(st.integers(1, 5), st.integers(0, 99)).map(lambda t: "0" * t[0] + str(t[1])),
    st.sampled_from(["-5", "+5", "5.5", "1e3", "\u0663", "\uff15", "0x10", "1_000", " "]),
)
_VALUES = st.one_of(
    _NUMBERS,
    st.tuples(_NUMBERS, st.sampled_from(["s", "m", "h", "S", "M", "H", "ms", "x", ""])).map(
        "".join
    ),
    st.lists(
        st.tuples(_NUMBERS, st.sampled_from(["h", "m", "s"])).map("".join), min_size=2, max_size=4
    ).map("".join),
    st.tuples(_NUMBERS, st.sampled_from([":", "::"]), _NUMBERS).map("".join),
    st.tuples(_NUMBERS, _NUMBERS, _NUMBERS).map(":".join),
    st.text(max_size=8),
)
_WORDS = st.one_of(
    st.tuples(_KEYS, st.sampled_from(["=", "==", ""]), _VALUES).map("".join),
    st.text(max_size=10),
)


@st.composite
def _word_soup(draw: st.DrawFn) -> str:
    """key=value words, right and wrong, between whitespace of any kind."""
    words = draw(st.lists(_WORDS, max_size=8))
    gaps = draw(st.lists(_WHITESPACE, min_size=len(words) + 1, max_size=len(words) + 1))
    return gaps[0] + "".join(word + gap for word, gap in zip(words, gaps[1:], strict=True))


valid_plans = st.builds(
    Plan,
    **{field: st.integers(LIMITS[key].low, LIMITS[key].high) for key, field in SPEC_KEYS.items()},
).filter(lambda plan: plan.total_s <= MAX_SESSION_S)
"""Any plan within the core's own limits."""


@st.composite
def _mutated_spec(draw: st.DrawFn) -> str:
    """A valid plan's spec with one word dropped, doubled, replaced or pushed out of range."""
    words = draw(valid_plans).spec().split()
    at = draw(st.integers(0, len(words) - 1))
    key = words[at].partition("=")[0]
    action = draw(st.sampled_from(["drop", "double", "replace", "edge", "keep"]))
    if action == "drop":
        del words[at]
    elif action == "double":
        words.insert(at, words[at])
    elif action == "replace":
        words[at] = draw(_WORDS)
    elif action == "edge":
        limit = LIMITS[key]
        value = draw(st.sampled_from([limit.low - 1, limit.low, limit.high, limit.high + 1]))
        unit = "" if key == "rounds" else draw(st.sampled_from(["s", "m"]))
        words[at] = f"{key}={value}{unit}"
    return " ".join(draw(st.permutations(words)))


SPEC_INPUTS: Mapping[str, st.SearchStrategy[str]] = {
    "random text": st.text(max_size=80),
    "key=value words": _word_soup(),
    "valid specs, mutated": _mutated_spec(),
    "plan names": st.one_of(
        st.sampled_from([*PRESETS, *(p.name for p in SAVED_PLANS)]).flatmap(
            lambda name: st.sampled_from([name, name.upper(), f"  {name}\t", name + "x"])
        ),
        st.text(max_size=20),
    ),
}
"""What a user may pass as --plan, by kind; each is fuzzed on its own."""


def check_plan_text(text: str) -> int:
    """parse_spec and resolve_plan give a valid plan or a one-line PlanError: nothing else.

    A plan they return must validate and survive its own spec; DurationError is allowed too,
    though the parser turns it into a PlanError naming the word. Returns how many of the two
    gave a plan.
    """
    accepted = 0
    for read in (parse_spec, lambda t: resolve_plan(t, SAVED_PLANS)):
        try:
            plan = read(text)
        except (PlanError, DurationError) as error:
            message = str(error)
            assert message
            assert "\n" not in message
            assert "\r" not in message
            continue
        assert plan.validate() is plan
        assert parse_spec(plan.spec(), name=plan.name) == plan
        accepted += 1
    return accepted
