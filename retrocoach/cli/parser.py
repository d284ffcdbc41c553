"""The command line's grammar: every command and option, as ``retrocoach --help`` documents it."""

from __future__ import annotations

import argparse
from pathlib import Path

from retrocoach import __version__
from retrocoach.cli.arguments import Parser, date_word, device_word, effort_word
from retrocoach.core.choices import AUDIO_ENGINES, PIPS_CHOICES

__all__ = ["PIP_CHOICES", "build_parser"]

PIP_CHOICES = tuple(str(seconds) if seconds else "off" for seconds in PIPS_CHOICES)


def _add_devices(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--treadmill and --hr on the window and on run."""
    parser.add_argument(
        "--treadmill",
        type=device_word("treadmill", "--treadmill"),
        metavar="ADDRESS",
        default=None if top else argparse.SUPPRESS,
        help="the Bluetooth (FTMS) treadmill whose belt RetroCoach sets during the walk: its "
        "address (see 'retrocoach treadmill scan'), demo for a simulated one, none for none "
        "(default: the treadmill setting)",
    )
    parser.add_argument(
        "--hr",
        type=device_word("hr_strap", "--hr"),
        metavar="ADDRESS",
        default=None if top else argparse.SUPPRESS,
        help="the Bluetooth heart-rate strap (or watch) to listen to during the walk: its "
        "address (see 'retrocoach hr scan'), demo for a simulated one, none for none "
        "(default: the hr-strap setting)",
    )


def _add_common(parser: argparse.ArgumentParser, *, with_audio: bool, top: bool) -> None:
    """--data-dir (and --audio), accepted before or after the command.

    The command's copies default to SUPPRESS: with a default of their own, argparse would let
    them overwrite what was given before the command (``retrocoach --data-dir D history``).
    """
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="keep the history, plans, settings and the programme you follow in DIR (default: "
        "the platform's user folders, or $RETROCOACH_DATA_DIR)",
    )
    if with_audio:
        parser.add_argument(
            "--audio",
            choices=AUDIO_ENGINES,
            default="auto" if top else argparse.SUPPRESS,
            help="sound engine: auto (the sound server's own library when a server answers, "
            "else Qt, else none), pulse, qt, simpleaudio (optional extra) or none "
            "(default: auto)",
        )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, as ``retrocoach --help`` documents it."""
    parser = Parser(
        prog="retrocoach",
        description="An interval coach for retro walking: forward and backward segments, "
        "sound cues at every switch, and a history of your sessions. With no COMMAND, "
        "RetroCoach opens its window (with --plan's plan loaded, if given).",
        epilog="PLAN is a preset or saved plan name (see 'retrocoach plans'), 'next' for today's "
        "session of the active programme (see 'retrocoach programme'), or key=value words: "
        "warmup=2m forward=5m backward=1m rounds=3 cooldown=2m getready=5s. Durations take a "
        "unit (90s, 5m, 5 min, 1.5m, 90 sec, 1m30s, 1h) or m:ss; keys left out take these "
        "defaults. Belt keys: forward-speed=3.5km/h and backward-speed=1.5km/h (km/h, kmh or "
        "mph, a space before the unit allowed; forward 0.5-8 km/h, backward 0.5-6 km/h, a "
        "warning above 3 km/h) and turn=10s (0-60 s, default 0s: a turn-around before each "
        "change of direction, counted as neither; turn=wait waits until Space or a headset "
        "button). Qt's own options for the window, such as "
        "-style fusion, are passed to Qt.",
    )
    parser.add_argument("--version", action="version", version=f"retrocoach {__version__}")
    parser.add_argument(
        "--plan",
        metavar="PLAN",
        help="open the window with this plan loaded ('next': today's programme session)",
    )
    _add_common(parser, with_audio=True, top=True)
    _add_devices(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    run = commands.add_parser(
        "run",
        help="walk a session in the terminal, without a window",
        description="Walk a session in the terminal. Space pauses and resumes, N skips to the "
        "next segment, Q or Ctrl+C stops (the session is kept as 'stopped'), and + and - "
        "correct the belt speed you set (0.1 km/h or mph a press). Before the first "
        "walk in a data folder the safety checklist is printed; on a terminal it is shown a "
        "page at a time and waits for the word yes, and the confirmation is kept, so neither "
        "the terminal nor the window asks again.",
    )
    run.add_argument(
        "--plan",
        metavar="PLAN",
        required=True,
        help="the plan to walk ('next': today's session of the active programme)",
    )
    run.add_argument(
        "--yes",
        action="store_true",
        help="confirm the first-start safety checklist without waiting for yes (it is still "
        "printed; RetroCoach is not medical advice)",
    )
    run.add_argument(
        "--pips",
        choices=PIP_CHOICES,
        help="countdown pips before each switch: off, 3 or 5 seconds (default: the saved "
        "setting, 3 until changed with 'retrocoach settings pips=...' or in the window's "
        "Settings)",
    )
    _add_common(run, with_audio=True, top=False)
    _add_devices(run, top=False)

    history = commands.add_parser(
        "history",
        help="list past sessions with totals",
        description="List past sessions with totals underneath, or export them.",
    )
    history.add_argument(
        "--format",
        choices=("table", "csv", "json", "fit"),
        default="table",
        help="table for reading, csv for spreadsheets, json for scripts, fit for Garmin "
        "Connect, Strava or intervals.icu (one .fit file per walk, into --out) (default: table)",
    )
    history.add_argument(
        "--since", type=date_word, metavar="DATE", help="from this day (YYYY-MM-DD)"
    )
    history.add_argument("--until", type=date_word, metavar="DATE", help="to this day (YYYY-MM-DD)")
    history.add_argument(
        "--out",
        type=Path,
        metavar="FOLDER",
        help="with --format fit: the folder the .fit files go to (made if missing)",
    )
    history.add_argument(
        "--force",
        action="store_true",
        help="with --format fit: replace .fit files of the same name (kept otherwise)",
    )
    history.add_argument(
        "--rate",
        type=effort_word,
        metavar="N",
        help="say how hard your last walk felt, 0 (resting) to 10 (all you had), when it was "
        "not rated at its end: a programme moves on only after a rated walk",
    )
    _add_common(history, with_audio=False, top=False)

    plans = commands.add_parser("plans", help="list built-in and saved plans")
    _add_common(plans, with_audio=False, top=False)
    _add_programme(commands)
    _add_scan(commands, "treadmill", "treadmill", "Bluetooth (FTMS) treadmills")
    _add_scan(commands, "hr", "hr-strap", "Bluetooth heart-rate straps and watches")

    settings = commands.add_parser(
        "settings",
        help="list the settings, or set them with KEY=VALUE words",
        description="With no words, list every setting and its value. With KEY=VALUE words "
        "(e.g. body-mass=70kg units=mph backward-factor=1.3), set them: nothing is saved unless "
        "every word is good. body-mass takes kg or lb, and body-mass= clears it; it is kept only "
        "in the private settings file.",
    )
    settings.add_argument("words", nargs="*", metavar="KEY=VALUE", help="a setting to change")
    _add_common(settings, with_audio=False, top=False)
    return parser


def _add_scan(
    commands: argparse._SubParsersAction[Parser], command: str, setting: str, what: str
) -> None:
    """``retrocoach treadmill scan`` and ``retrocoach hr scan``."""
    device = commands.add_parser(
        command,
        help=f"find {what} nearby",
        description=f"Find {what} nearby, to keep one with "
        f"'retrocoach settings {setting}=ADDRESS'.",
    )
    _add_common(device, with_audio=False, top=False)
    actions = device.add_subparsers(
        dest=f"{command}_action", metavar="ACTION", parser_class=Parser, required=True
    )
    scan = actions.add_parser(
        "scan",
        help="list those heard nearby: name, address and signal",
        description=f"Listen for {what} for a few seconds and list each one heard: its name, "
        "its address and its signal (nearer zero is nearer).",
    )
    scan.add_argument(
        "--seconds", type=float, default=5.0, metavar="S", help="how long to listen (default 5)"
    )
    scan.add_argument(
        "--demo", action="store_true", help="listen to the simulated demo device instead"
    )
    _add_common(scan, with_audio=False, top=False)


def _add_programme(commands: argparse._SubParsersAction[Parser]) -> None:
    """``retrocoach programme [start NAME | stop | resume]``."""
    programme = commands.add_parser(
        "programme",
        help="list the programmes and where you are in yours; start or stop one",
        description="Programmes are weeks of sessions that grow. With no action, list them and "
        "where you are in the active one. The plan name 'next' walks today's session "
        "(retrocoach run --plan next).",
    )
    _add_common(programme, with_audio=False, top=False)
    actions = programme.add_subparsers(
        dest="programme_action", metavar="ACTION", parser_class=Parser
    )
    start = actions.add_parser(
        "start",
        help="follow a programme from its first session (any other one stops)",
        description="Follow the programme NAME from its first session. Starting the one you "
        "follow starts it over; your history is never changed. A programme with a caution "
        "(knee-oa) asks on a terminal whether you have agreed it with your clinician or "
        "physiotherapist; elsewhere it needs --clinician-agreed.",
    )
    start.add_argument("name", metavar="NAME", help="the programme (see 'retrocoach programme')")
    start.add_argument(
        "--clinician-agreed",
        action="store_true",
        help="you have agreed the programme with your clinician or physiotherapist: needed "
        "to start one with a caution (knee-oa) without a terminal to answer the question on",
    )
    _add_common(start, with_audio=False, top=False)
    stop = actions.add_parser(
        "stop",
        help="stop following the active programme (your history stays as it is)",
        description="Stop following the active programme; the sessions walked stay as they are.",
    )
    _add_common(stop, with_audio=False, top=False)
    resume = actions.add_parser(
        "resume",
        help="go on with a programme paused after a walk stopped for feeling unwell",
        description="A walk stopped because you felt unwell pauses the programme. See a doctor "
        "or physiotherapist first; then this goes on with today's session.",
    )
    _add_common(resume, with_audio=False, top=False)
