"""Safety reminders: the shipped data, its schema, its references, and the choice per moment."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from retrocoach.core.plan.model import Kind, Plan, Segment
from retrocoach.core.safety.reminders import (
    Moment,
    ReminderBook,
    ReminderDataError,
    moment_for,
)
from retrocoach.core.session.machine import Progress, Session, State
from retrocoach.core.storage.shipped import asset_path

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "assets" / "data" / "reminders.json"
SCHEMA = REPO / "assets" / "data" / "reminders.schema.json"

IN_SESSION = frozenset(
    {
        Moment.BEFORE_FIRST_BACKWARD,
        Moment.BACKWARD,
        Moment.FORWARD,
        Moment.SWITCH,
        Moment.NEAR_END,
        Moment.GENERAL,
    }
)

# getready 5, warm-up 60, 3 x (forward 60, backward 30), cool-down 60: 395 s in all.
PLAN = Plan(forward_s=60, backward_s=30, rounds=3, warmup_s=60, cooldown_s=60, getready_s=5)


@pytest.fixture(scope="module")
def book() -> ReminderBook:
    return ReminderBook.default()


@pytest.fixture
def document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def _item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "an-item",
        "text": "Hold the rails.",
        "references": ["consumer-reports-treadmill"],
        "moments": ["backward"],
    }
    item.update(changes)
    return {key: value for key, value in item.items() if value is not None}


def _doc(*items: dict[str, Any], version: Any = 2) -> dict[str, Any]:
    return {"schema_version": version, "reminders": list(items)}


def _progress(
    kind: Kind,
    *,
    round_: int = 1,
    next_kind: Kind | None = None,
    next_round: int = 1,
    remaining_s: float = 30.0,
    total_remaining_s: float = 600.0,
    state: State = State.RUNNING,
) -> Progress:
    following = Segment(next_kind, 60, next_round) if next_kind else None
    return Progress(
        state=state,
        segment=Segment(kind, 60, round_),
        next_segment=following,
        index=3,
        remaining_s=remaining_s,
        total_remaining_s=total_remaining_s,
        fraction_done=0.5,
        rounds=3,
    )


def _walk(plan: Plan, until: float, step: float = 0.5) -> Iterator[tuple[float, Session]]:
    """Start *plan* at 0 and tick every *step* seconds up to *until*, as a driver would."""
    session = Session(plan)
    session.start(0.0)
    now = 0.0
    while now < until:
        now = min(until, now + step)
        session.advance(now)
        yield now, session


def _progress_at(seconds: float) -> Progress:
    """PLAN's progress *seconds* after its start, reached by regular ticks."""
    walked = [session for _, session in _walk(PLAN, seconds)]
    return walked[-1].progress(seconds)


# -- the data file and its schema -----------------------------------------------------------


def test_the_shipped_reminders_validate_against_their_schema(document: dict[str, Any]) -> None:
    """The schema is a valid draft 2020-12 schema and the shipped file conforms to it."""
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator(schema).validate(document)


def test_the_schema_and_the_code_know_the_same_moments() -> None:
    """A moment added to one must be added to the other."""
    assert set(_schema()["$defs"]["moment"]["enum"]) == {moment.value for moment in Moment}


BAD_DOCUMENTS = {
    "newer schema version": _doc(_item(), version=3),
    "older schema version": _doc(_item(), version=1),
    "no reminders": _doc(),
    "no references": _doc(_item(references=None)),
    "empty references": _doc(_item(references=[])),
    "a reference twice": _doc(_item(references=["hooper-2004", "hooper-2004"])),
    "a reference id with capitals": _doc(_item(references=["Hooper 2004"])),
    "a free-text source instead of references": _doc(_item(source="DOMAIN.md: x")),
    "an unknown condition": _doc(_item(when={"weather": ["rain"]})),
    "an unknown phase": _doc(_item(when={"next": ["sideways"]})),
    "an empty condition": _doc(_item(when={})),
    "a flag that is not true or false": _doc(_item(when={"switch_soon": "yes"})),
    "blank text": _doc(_item(text="   ")),
    "text too long": _doc(_item(text="x" * 301)),
    "unknown moment": _doc(_item(moments=["sideways"])),
    "no moments": _doc(_item(moments=[])),
    "a moment twice": _doc(_item(moments=["backward", "backward"])),
    "id not hyphenated lowercase": _doc(_item(id="Hold_Rails")),
    "unknown field": _doc(_item(colour="red")),
    "unknown top-level key": {**_doc(_item()), "extra": 1},
    "reminders not a list": {"schema_version": 2, "reminders": {"id": "x"}},
}


@pytest.mark.parametrize("bad", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_the_schema_and_the_loader_both_refuse_a_bad_document(bad: dict[str, Any]) -> None:
    """The stdlib loader enforces what the schema says, so the app never needs jsonschema."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(_schema()).validate(bad)
    with pytest.raises(ReminderDataError):
        ReminderBook.from_data(bad)


def test_a_good_minimal_document_passes_both_the_schema_and_the_loader() -> None:
    """The refusals above are for the faults, not for everything."""
    good = _doc(_item(), _item(id="other", detail="More words.", moments=["general", "switch"]))
    jsonschema.Draft202012Validator(_schema()).validate(good)
    loaded = ReminderBook.from_data(good).all()
    assert [r.id for r in loaded] == ["an-item", "other"]
    assert loaded[1].moments == (Moment.GENERAL, Moment.SWITCH)
    assert loaded[1].detail == "More words."
    assert loaded[0].detail is None


def test_the_default_book_is_the_file_shipped_with_the_package(book: ReminderBook) -> None:
    """default() finds the data through resources.asset_path, in a checkout or a wheel."""
    assert asset_path("data", "reminders.json").read_bytes() == DATA.read_bytes()
    assert book.all() == ReminderBook.load(DATA).all()


# -- a bad file is a named error with a clear message ----------------------------------------


def test_a_missing_file_gives_a_reminder_data_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(ReminderDataError, match=r"cannot read the reminders file .*nowhere\.json"):
        ReminderBook.load(missing)


def test_a_file_that_is_not_json_gives_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "reminders.json"
    path.write_text('{"schema_version": 1,\n "reminders": [oops]}', encoding="utf-8")
    with pytest.raises(ReminderDataError, match=r"not valid JSON: .* line 2, column"):
        ReminderBook.load(path)


def test_an_unknown_moment_is_named_with_the_reminder_it_is_in(tmp_path: Path) -> None:
    path = tmp_path / "reminders.json"
    path.write_text(json.dumps(_doc(_item(id="look-ahead", moments=["sideways"]))), "utf-8")
    with pytest.raises(ReminderDataError, match=r"reminders\[0\] \('look-ahead'\).*'sideways'"):
        ReminderBook.load(path)


def test_a_newer_schema_version_is_refused_with_both_versions_named() -> None:
    with pytest.raises(ReminderDataError, match=r"schema_version is 3; .* version 2"):
        ReminderBook.from_data(_doc(_item(), version=3))


def test_two_reminders_with_one_id_are_refused() -> None:
    """Notes and tests refer to reminders by id, so an id must name one reminder."""
    with pytest.raises(ReminderDataError, match="'twice' is used twice"):
        ReminderBook.from_data(_doc(_item(id="twice"), _item(id="twice")))


def test_a_reminder_data_error_is_a_value_error() -> None:
    """Callers that catch bad input in general (ValueError) catch this one too."""
    assert issubclass(ReminderDataError, ValueError)


# -- the content ------------------------------------------------------------------------------


def test_every_reminder_cites_references_that_resolve(book: ReminderBook) -> None:
    """Each reference id is in the shipped references list, and the citation line names them."""
    for reminder in book.all():
        assert reminder.references, reminder.id
        cited = book.cited(reminder)
        assert [ref.id for ref in cited] == list(reminder.references)
        for ref in cited:
            assert ref.short() in reminder.citation, (reminder.id, ref.id)


def test_a_reminder_citing_an_unlisted_reference_is_refused() -> None:
    """A typo in a reference id fails at load time, naming the reminder and the id."""
    with pytest.raises(ReminderDataError, match=r"'an-item' cites 'hooper-2040'"):
        ReminderBook.from_data(_doc(_item(references=["hooper-2040"])))


def test_advice_of_our_own_says_so_where_it_is_shown(book: ReminderBook) -> None:
    """A rule of thumb of RetroCoach's own is labelled as such in its citation line."""
    own = [reminder for reminder in book.all() if reminder.own_rule]
    assert own
    for reminder in own:
        assert "RetroCoach's own rule of thumb" in reminder.citation, reminder.id


def test_seed_notes_list_exactly_the_reminders_that_cite_their_article(
    book: ReminderBook,
) -> None:
    """The notes say which reminders rest on each article; the lists stay complete and true."""
    for note in (REPO / "seeds").glob("0*.md"):
        lines = [ln for ln in note.read_text(encoding="utf-8").split("\n- ") if ln]
        listed = [ln for ln in lines if ln.startswith("Reminders:")]
        assert len(listed) == 1, f"{note.name} needs one '- Reminders:' line"
        names = listed[0].split("`")[1::2]
        article = next((name for name in names if name.startswith("article-")), None)
        citing = {r.id for r in book.all() if article and article in r.references}
        assert set(names) - {article, "assets/data/references.json"} == citing, note.name


def test_in_session_reminders_are_one_short_line_readable_from_the_treadmill(
    book: ReminderBook,
) -> None:
    """Shown huge beside the treadmill, a reminder has to be short."""
    for reminder in book.all():
        if IN_SESSION & set(reminder.moments):
            assert len(reminder.text) <= 90, reminder.id
            assert "\n" not in reminder.text, reminder.id


def test_every_in_session_moment_has_a_reminder(book: ReminderBook) -> None:
    """No moment of a session falls back to silence."""
    for moment in Moment:
        assert book.for_moment(moment), moment


CHECKLIST_TOPICS = {
    "safety key": "safety key",
    "pull the cord to stop": "pull the cord",
    "the console is behind a backward walker": "console is behind you",
    "clear space": "0.6 m",
    "start from the side rails": "standing on the side rails",
    "rails": "handrails",
    "turn round only when safe": "turn round only with the belt stopped",
    "incline at 0": "incline at 0",
    "middle of the belt": "middle of the belt",
    "motor cover": "motor cover",
    "do not look down": "not down at your feet",
    "screen either way": "never twist round to read it",
    "screen not in the clear space": "never put it in the space behind",
    "someone nearby": "someone nearby",
    "dizziness": "dizzy",
    "nausea": "sick to your stomach",
    "chest pain": "chest pain",
    "pain spreading": "arm, neck or jaw",
    "palpitations": "racing or fluttering heartbeat",
    "breathlessness": "breathlessness",
    "sharp joint pain": "sharp pain",
    "unsteady": "unsteady",
    "ask a clinician before starting": "before you start",
    "balance or inner ear": "inner-ear",
    "falls": "falls",
    "heart": "heart, kidney or metabolic disease",
    "diabetes": "diabetes",
    "warning signs": "warning signs",
    "numb feet (ours)": "numb feet",
    "osteoporosis (ours)": "osteoporosis",
    "eyesight (ours)": "poor eyesight",
    "dizzying medicines (ours)": "medicines that can make you dizzy",
    "labelled as ours": "retrocoach adds",
    "cold sweat": "cold sweat",
    "vision": "sight changes",
    "numbness": "numbness or tingling",
    "unusual tiredness": "unusual tiredness",
    "stroke signs": "face drooping",
    "emergency": "call emergency services",
    "talk test": "talk test",
    "stroke": "stroke",
    "parkinson's": "parkinson's disease",
    "knee osteoarthritis": "knee osteoarthritis",
    "injury or surgery": "injury or operation",
    "pregnancy": "pregnancy",
}


@pytest.mark.parametrize("needle", CHECKLIST_TOPICS.values(), ids=CHECKLIST_TOPICS.keys())
def test_the_checklist_covers_the_treadmill_setup_and_the_stop_signs(
    book: ReminderBook, needle: str
) -> None:
    assert any(needle in reminder.text.lower() for reminder in book.checklist())


def test_the_checklist_lists_who_asks_first_then_the_setup_then_the_stop_signs(
    book: ReminderBook,
) -> None:
    checklist = book.checklist()
    first = book.for_moment(Moment.CHECKLIST_FIRST)
    setup = book.for_moment(Moment.CHECKLIST_SETUP)
    stop = book.for_moment(Moment.CHECKLIST_STOP)
    assert first
    assert setup
    assert stop
    assert checklist == first + setup + stop


def test_the_clear_space_advice_has_a_backward_walker_facing_the_back_of_the_machine(
    book: ReminderBook,
) -> None:
    """On a treadmill a backward walker faces the back, so a fall goes into the space behind."""
    words = " ".join(f"{r.text} {r.detail or ''}".lower() for r in book.all())
    assert "face the back of the machine" in words
    assert "faces away from the back" not in words
    assert "face away from the back" not in words


# -- which moment a snapshot of the session is --------------------------------------------

WALK = [
    # (seconds since start, the moment, why). The plan's timeline: get-ready 0-5, warm-up 5-65,
    # round 1 65-125-155, round 2 155-215-245, round 3 245-305-335, cool-down 335-395.
    (2, Moment.BEFORE_FIRST_BACKWARD, "get-ready countdown"),
    (30, Moment.BEFORE_FIRST_BACKWARD, "warm-up"),
    (100, Moment.BEFORE_FIRST_BACKWARD, "first forward segment"),
    (120, Moment.BEFORE_FIRST_BACKWARD, "the first backward comes first, even at a switch"),
    (130, Moment.BACKWARD, "first backward segment"),
    (150, Moment.SWITCH, "first backward, 5 s before forward"),
    (180, Moment.FORWARD, "second forward segment"),
    (210, Moment.SWITCH, "second forward, 5 s before backward"),
    (228, Moment.BACKWARD, "second backward, 17 s to go: not yet a switch"),
    (236, Moment.SWITCH, "second backward, 9 s before forward"),
    (300, Moment.SWITCH, "third forward, 5 s before backward"),
    (320, Moment.BACKWARD, "last backward, 15 s to go"),
    (330, Moment.SWITCH, "last backward, 5 s before the cool-down"),
    (336, Moment.NEAR_END, "cool-down: the last minute"),
    (395, Moment.NEAR_END, "finished"),
]


@pytest.mark.parametrize(("at", "moment"), [w[:2] for w in WALK], ids=[w[2] for w in WALK])
def test_each_moment_of_a_walked_session_is_recognised(at: float, moment: Moment) -> None:
    assert moment_for(_progress_at(at)) is moment


def test_a_session_not_yet_started_is_before_the_first_backward() -> None:
    assert moment_for(Session(PLAN).progress(0.0)) is Moment.BEFORE_FIRST_BACKWARD


def test_a_stopped_session_still_reminds_how_to_get_off_the_belt() -> None:
    session = Session(PLAN)
    session.start(0.0)
    session.stop(1.0)
    assert moment_for(session.progress(1.0)) is Moment.NEAR_END


def test_a_paused_backward_segment_is_still_backward() -> None:
    assert moment_for(_progress(Kind.BACKWARD, state=State.PAUSED)) is Moment.BACKWARD


def test_the_get_ready_of_a_very_short_plan_is_about_getting_on_not_off() -> None:
    """A plan shorter than the near-end window still starts with the rails and a slow belt."""
    snapshot = _progress(Kind.GETREADY, state=State.GET_READY, total_remaining_s=20)
    assert moment_for(snapshot) is Moment.BEFORE_FIRST_BACKWARD


def test_forward_into_the_cool_down_is_no_switch() -> None:
    """Both walk forwards: the direction does not change, so no switch reminder."""
    snapshot = _progress(
        Kind.FORWARD, round_=2, next_kind=Kind.COOLDOWN, remaining_s=3, total_remaining_s=200
    )
    assert moment_for(snapshot) is Moment.FORWARD


# -- choosing and rotating -------------------------------------------------------------------


def test_rotation_steps_through_the_backward_reminders_and_wraps(book: ReminderBook) -> None:
    """Each bump shows the next one in file order; after the last comes the first again."""
    snapshot = _progress(Kind.BACKWARD, round_=2, next_kind=Kind.FORWARD, next_round=3)
    expected = book.for_moment(Moment.BACKWARD)
    assert len(expected) >= 2
    shown = [book.for_progress(snapshot, rotation) for rotation in range(len(expected) + 1)]
    assert shown == [*expected, expected[0]]


def test_the_same_snapshot_and_rotation_always_give_the_same_reminder(
    book: ReminderBook,
) -> None:
    """The window and the terminal coach, asking alike, show alike."""
    snapshot = _progress_at(180)
    assert book.for_progress(snapshot, 7) == book.for_progress(_progress_at(180), 7)


def test_forward_stretches_rotate_through_forward_and_general_reminders(
    book: ReminderBook,
) -> None:
    snapshot = _progress_at(180)
    shown = {book.for_progress(snapshot, rotation) for rotation in range(50)}
    wanted = set(book.for_moment(Moment.FORWARD)) | set(book.for_moment(Moment.GENERAL))
    assert shown == wanted


def test_before_the_first_backward_the_walker_is_told_to_hold_the_rails_and_go_slow(
    book: ReminderBook,
) -> None:
    shown = [book.for_progress(_progress_at(30), rotation) for rotation in range(10)]
    texts = " ".join(reminder.text.lower() for reminder in shown if reminder)
    assert "rails" in texts
    assert "slow" in texts


def test_near_the_end_the_walker_is_told_not_to_step_off_a_moving_belt(
    book: ReminderBook,
) -> None:
    shown = [book.for_progress(_progress_at(340), rotation) for rotation in range(10)]
    texts = " ".join(reminder.text.lower() for reminder in shown if reminder)
    assert "step off only once it has stopped" in texts
    assert "safety key" in texts


def test_a_whole_session_only_ever_shows_reminders_meant_for_its_moment(
    book: ReminderBook,
) -> None:
    """Checklist-only and outdoor advice never appears on the treadmill coach."""
    for now, session in _walk(PLAN, PLAN.total_s, step=1.0):
        snapshot = session.progress(now)
        reminder = book.for_progress(snapshot, int(now // 20))
        moment = moment_for(snapshot)
        assert reminder is not None
        assert moment is not None
        allowed = {moment, Moment.GENERAL} if moment is Moment.FORWARD else {moment}
        assert allowed & set(reminder.moments), (now, moment, reminder.id)


def test_a_moment_without_reminders_falls_back_to_the_next_group_that_fits() -> None:
    """A switch with no switch reminder shows the backward advice, never nothing."""
    data = _doc(
        _item(id="general-one", moments=["general"]), _item(id="back", moments=["backward"])
    )
    small = ReminderBook.from_data(data)
    snapshot = _progress(Kind.BACKWARD, next_kind=Kind.FORWARD, remaining_s=3)
    assert moment_for(snapshot) is Moment.SWITCH
    chosen = small.for_progress(snapshot, 0)
    assert chosen is not None
    assert chosen.id == "back"


def test_general_advice_closes_every_moment() -> None:
    data = _doc(_item(id="general-one", moments=["general"]), _item(moments=["outdoors"]))
    chosen = ReminderBook.from_data(data).for_progress(_progress(Kind.BACKWARD), 0)
    assert chosen is not None
    assert chosen.id == "general-one"


def test_a_reminder_whose_condition_fails_is_skipped_for_one_that_holds() -> None:
    """'Backward is next' waits for a moment whose next segment is backward."""
    data = _doc(
        _item(id="backward-next", moments=["forward"], when={"next": ["backward"]}),
        _item(id="calm", moments=["forward"]),
    )
    small = ReminderBook.from_data(data)
    into_cooldown = _progress(Kind.FORWARD, round_=3, next_kind=Kind.COOLDOWN)
    into_backward = _progress(Kind.FORWARD, round_=2, next_kind=Kind.BACKWARD, next_round=2)
    assert _shown_ids(small, into_cooldown) == {"calm"}
    assert _shown_ids(small, into_backward) == {"backward-next", "calm"}


def _shown_ids(book: ReminderBook, snapshot: Progress) -> set[str]:
    """The ids of every reminder the rotation reaches at *snapshot*."""
    shown = (book.for_progress(snapshot, rotation) for rotation in range(12))
    return {reminder.id for reminder in shown if reminder is not None}


def test_nothing_is_chosen_when_no_reminder_fits() -> None:
    only_checklist = ReminderBook.from_data(_doc(_item(moments=["checklist-setup"])))
    assert only_checklist.for_progress(_progress(Kind.BACKWARD), 0) is None


def test_reminders_are_frozen(book: ReminderBook) -> None:
    """A reminder is shared by the window and the terminal coach; nobody may change it."""
    first = copy.copy(book.all()[0])
    with pytest.raises(AttributeError):
        first.text = "changed"  # type: ignore[misc]
