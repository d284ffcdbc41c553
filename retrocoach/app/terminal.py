"""``retrocoach run``: the terminal coach wired to the history, the reminders and the sound."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from retrocoach.app.preload import import_for_the_walk
from retrocoach.app.walk_devices import close_devices, walk_devices
from retrocoach.cli.commands import open_stores, teller
from retrocoach.cli.errors import EXIT_FAILED, EXIT_USAGE
from retrocoach.cli.output import is_terminal
from retrocoach.cli.programme import Chosen, choose_plan
from retrocoach.cli.room import room_to_keep, terminal_keys
from retrocoach.cli.safety import Confirmation, ask_balance, confirm_checklist
from retrocoach.core.clock import MonotonicClock
from retrocoach.core.errors import StorageError
from retrocoach.core.history.heart import heart_words
from retrocoach.core.history.recorder import SessionRecorder
from retrocoach.core.history.store import FileState
from retrocoach.core.plan.model import Plan
from retrocoach.core.safety.balance import balance_note
from retrocoach.core.safety.checklist import Checklist, checklist_due, core_checklist
from retrocoach.core.safety.picker import ReminderPicker
from retrocoach.core.safety.reminders import ReminderBook, ReminderDataError
from retrocoach.core.session.cues import countdown_for
from retrocoach.core.session.machine import Session
from retrocoach.core.settings.store import Settings, SettingsStore
from retrocoach.core.speeds import Units

if TYPE_CHECKING:
    from retrocoach.audio.listener import CueListener

__all__ = ["run_terminal"]


def run_terminal(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``retrocoach run``: walk a plan in the terminal and keep it in the history."""
    from retrocoach.cli.terminal import TerminalCoach, stdin_keys  # noqa: PLC0415  (not the window's)

    tell = teller(err)
    paths, history, plans = open_stores(args, err)
    chosen = choose_plan(args.plan, paths, history, plans, err)
    state = history.load().state
    if state is FileState.NEWER:
        tell("history.json comes from a newer RetroCoach: update RetroCoach to record sessions")
        return EXIT_USAGE
    if state is FileState.PROTECTED:
        return EXIT_FAILED  # told already: walking now would lose the session
    store = SettingsStore(paths, warn=tell)
    settings = store.load()
    book = _reminder_book(tell)
    if checklist_due(settings):
        confirmed = _checklist_first(
            args, out, store=store, settings=settings, book=book, tell=tell
        )
        if confirmed is None:
            return EXIT_FAILED
        settings = confirmed
    pips = settings.pips if args.pips is None else (0 if args.pips == "off" else int(args.pips))
    # Qt's core loop serves the media keys (D-Bus) and the qt engine's timers.
    from retrocoach.app.media_keys import core_application, publish_media_keys  # noqa: PLC0415

    qt_app = core_application()
    cues = _terminal_cues(args.audio, settings, pips, tell)
    picker = ReminderPicker(book, units=Units(settings.units)) if book is not None else None
    clock = MonotonicClock()
    side, devices = walk_devices(args, settings, cues, clock, tell)
    recorder = SessionRecorder(
        history,
        report=tell,
        programme=chosen.mark,
        basis=settings.estimate_basis,
        enrich=tuple(device.enrich for device in devices),
    )
    # A package replaced under the walk (pip install) must not cost it its summary.
    import_for_the_walk()
    if not room_to_keep(recorder, chosen.plan.total_s, args.yes, out, tell):
        close_devices(devices)
        cues.close()
        del qt_app
        return EXIT_FAILED
    session = Session(chosen.plan, countdown_s=countdown_for(pips))
    _introduce(chosen.plan, chosen, out, balance_note(settings))
    media, source, wait, no_keys = publish_media_keys(session, clock)
    coach = TerminalCoach(
        session,
        clock,
        out,
        # Cues first: the journal's fsync must never delay a switch's cue; the treadmill
        # next, so a belt command waits for neither, and before the recorder, which keeps
        # what the treadmill measured.
        listeners=[cues, *(device.hookup for device in devices), recorder, media],
        keys=stdin_keys(),
        reminders=picker,
        wait=wait,
        units=Units(settings.units),
        wake_fd=devices[0].inbox.fd if devices else None,  # the strap shares the treadmill's
        on_wake=devices[0].inbox.drain if devices else None,
    )
    source.coach = side.coach = coach
    if no_keys is not None:
        coach.say(f"{no_keys[:1].upper()}{no_keys[1:]}.")
    try:
        code = coach.run()
    finally:
        close_devices(devices)  # after the walk's Stop was queued: it is written first
        cues.close()
        media.close()
        del qt_app
    status = _exit_status(
        code, recorder, coach.stopped_by_signal, out, tell, units=Units(settings.units)
    )
    keys = terminal_keys(out)
    _check_in(chosen, recorder, keys, out, tell=tell, book=book)
    return status


def _check_in(
    chosen: Chosen,
    recorder: SessionRecorder,
    keys: TextIO | None,
    out: TextIO,
    *,
    tell: Callable[[str], None],
    book: ReminderBook | None,
) -> None:
    """After a programme walk, on a terminal: how hard it felt, or that the walker felt unwell.

    Without a terminal nobody can answer: the walk is kept unrated, to be rated later.
    """
    from retrocoach.cli.checkin import ask_checkin, save_checkin  # noqa: PLC0415

    record = recorder.saved
    if keys is None or record is None or chosen.mark is None:
        return
    heart = heart_words(record.heart_rate)
    if heart is not None:
        out.write(heart + "\n")  # beside the 0-10 question: what the strap saw
    answer = ask_checkin(keys, out)
    save_checkin(recorder.store, record, answer, out, tell=tell, book=book)
    out.flush()


def _reminder_book(tell: Callable[[str], None]) -> ReminderBook | None:
    try:
        return ReminderBook.default()
    except ReminderDataError as error:
        tell(f"safety reminders are unavailable; the checklist shows only its core: {error}")
        return None


def _sum_up(recorder: SessionRecorder, out: TextIO, units: Units) -> None:
    """The walk against its plan and against the last few, as the window's summary says it."""
    from retrocoach.core.figures.summary import (  # noqa: PLC0415  (only once a walk is saved)
        COMPARED_WALKS,
        summarise,
    )

    record = recorder.saved
    if record is None:
        return
    try:
        earlier = recorder.store.earlier_walks(record, COMPARED_WALKS)
    except StorageError:
        earlier = []
    summary = summarise(record, earlier, units=units)
    out.writelines(f"{line}\n" for line in summary.lines(with_effort=False))


def _exit_status(
    code: int,
    recorder: SessionRecorder,
    signalled: int,
    out: TextIO,
    tell: Callable[[str], None],
    *,
    units: Units,
) -> int:
    """Say what was kept; 0 for a completed walk, 128 + the signal, else EXIT_FAILED.

    A walk that could not be saved is EXIT_FAILED whatever ended it, and says where it is kept.
    """
    if recorder.saved is not None:
        out.write("Saved to your history.\n")
        _sum_up(recorder, out, units)
    elif recorder.nothing_walked:
        out.write("Stopped before any walking: nothing was saved.\n")
    else:
        where = recorder.journal_path
        tell(
            "the session was NOT saved to your history; "
            + (
                f"it is kept in {where}, and the next start of RetroCoach that can save the "
                "history adds it"
                if where is not None
                else "no journal of it could be written either"
            )
        )
        return EXIT_FAILED
    if code == 0:
        return 0
    return 128 + signalled if signalled else EXIT_FAILED


def _introduce(plan: Plan, chosen: Chosen, out: TextIO, balance: str | None = None) -> None:
    """The plan's line, any caution about it, and the programme's word, before the walk;
    for a programme session, *balance*: how to start when the balance check was not met."""
    try:
        out.write(f"{plan.name}: {plan.describe()}\n")
        for warning in plan.warnings():
            out.write(f"Caution: {warning}\n")
        chosen.say(out)
        if balance is not None and chosen.today is not None:
            out.write(f"{balance}\n")
        out.flush()
    except BrokenPipeError:  # the reader left during the checklist: walk on, unheard
        _drop_output(out)


def _drop_output(out: TextIO) -> None:
    """Let what is still buffered for a reader that has gone drain into /dev/null."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())


def _checklist_first(
    args: argparse.Namespace,
    out: TextIO,
    *,
    store: SettingsStore,
    settings: Settings,
    book: ReminderBook | None,
    tell: Callable[[str], None],
) -> Settings | None:
    """The checklist before the walk, then the balance check: the settings to walk with, or
    None when the walker ended the input before confirming (told; nothing is walked)."""
    from retrocoach.cli.terminal import stdin_keys  # noqa: PLC0415  (not the window's)

    checklist = core_checklist() if book is None else Checklist.from_book(book)
    keys = None
    try:
        # Enter confirms only what the walker could read: with the output going to a pipe
        # or a file (run | head), the list is printed, walked past and asked again.
        keys = stdin_keys() if is_terminal(out) else None
        answer = confirm_checklist(checklist, out, keys, assume_yes=args.yes)
    except BrokenPipeError:  # only for a stream that is not a SafeOutput
        # Nobody reads the output any more (retrocoach run | head): walk on, unconfirmed.
        _drop_output(out)
        answer = Confirmation.UNANSWERED
    if answer is Confirmation.DECLINED:
        tell("the safety checklist was not confirmed: nothing was walked")
        return None
    if answer is not Confirmation.CONFIRMED:
        return settings
    # Asked only where the walker answers; --yes leaves the answer as it was.
    one_leg = ask_balance(out, keys) if keys is not None and not args.yes else None
    return _keep_confirmation(store, settings, tell, one_leg)


def _keep_confirmation(
    store: SettingsStore, settings: Settings, tell: Callable[[str], None], one_leg: bool | None
) -> Settings:
    """Record the confirmed checklist under the key the window reads, so neither asks again,
    with the balance check's answer when it was asked."""
    leg = settings.one_leg_stand if one_leg is None else one_leg
    confirmed = dataclasses.replace(settings, checklist_confirmed=True, one_leg_stand=leg)
    if confirmed == settings:
        return settings
    try:
        store.save(confirmed)
    except StorageError as error:
        tell(f"the checklist confirmation could not be kept, so it will be asked again: {error}")
    return confirmed


def _terminal_cues(
    audio: str, settings: Settings, pips: int, tell: Callable[[str], None]
) -> CueListener:
    """The cue listener, warmed up; a QCoreApplication must exist (the qt engine's)."""
    # Imported here: 'retrocoach history' and 'plans' need no sound.
    from retrocoach.audio.setup import build_cue_listener  # noqa: PLC0415

    if audio == "none" or (audio == "auto" and settings.audio_engine == "none"):
        listener, _ = build_cue_listener("none", settings, pips=pips)
        return listener
    listener, problem = build_cue_listener(
        audio, settings, pips=pips, on_fault=tell, silent_note="the coach goes on silently"
    )
    if problem is not None:
        tell(problem)
    listener.warm_up()
    return listener
