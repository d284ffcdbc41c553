"""Every setting declared once: its key, kind, default, command-line word, label and help.

To add a setting: add one entry to SETTINGS below and a field of the same key to
retrocoach.core.settings.store.Settings (its type, default ``declared("key")``); then a row
in README's and docs/data-model.md's settings tables (a test compares them with this one),
and its control in the settings dialog (retrocoach/ui/dialogs/settings.py) if it has a label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from retrocoach.core.choices import AUDIO_ENGINES, PIPS_CHOICES
from retrocoach.core.session.estimates import BACKWARD_FACTOR_RANGE, DEFAULT_BACKWARD_FACTOR
from retrocoach.core.settings.kinds import BluetoothAddress, Choice, Kind, Number, Switch, Text
from retrocoach.core.settings.measures import BodyMass, Percent, Pips, Seconds
from retrocoach.core.speeds import BACKWARD_SPEED, DEFAULT_BACKWARD_CAP_KMH

__all__ = ["BY_WORD", "SETTINGS", "Declared", "declared"]


@dataclass(frozen=True, slots=True)
class Declared:
    """One setting: everything settings.json, the command line and the dialog need to know."""

    key: str
    """Its key in settings.json and its field of Settings."""
    kind: Kind
    default: object
    word: str | None
    """Its name on the command line; None for a record of what happened, not a choice."""
    label: str
    """The settings dialog's label, & before the access key ('' when the dialog lacks it)."""
    help: str
    """What it does, in a few words starting in lower case: the listing's and tooltip's text."""


_ENGINE_LABELS: Final = {
    "auto": "Automatic: the best one that works here",
    "pulse": "Sound server (PulseAudio or PipeWire), low latency",
    "qt": "Qt sound (built in)",
    "simpleaudio": "simpleaudio (an optional extra)",
    "none": "No sound: flash the window instead",
}
_PIPS_LABELS: Final = {
    seconds: "Off" if seconds == 0 else f"{seconds} seconds before a switch"
    for seconds in PIPS_CHOICES
}

SETTINGS: Final[Mapping[str, Declared]] = {
    item.key: item
    for item in (
        Declared(
            "audio_engine",
            Choice({engine: _ENGINE_LABELS[engine] for engine in AUDIO_ENGINES}),
            "auto",
            "audio",
            "Sound &engine",
            "which sound system plays the cues",
        ),
        Declared("voice", Switch(), False, "voice", "Cues", "spoken cues instead of tones"),
        Declared("volume", Percent(), 0.8, "volume", "&Volume", "how loud the cues are"),
        Declared("muted", Switch(), False, "muted", "&Mute all cues", "no sound at all"),
        Declared(
            "pips",
            Pips(_PIPS_LABELS),
            3,
            "pips",
            "Countdown &pips",
            "seconds of 3-2-1 pips before each switch",
        ),
        Declared(
            "reminder_rotation_s",
            # Shorter than ten seconds nobody can read a reminder before it changes.
            Seconds(10, 3600, "one reminder a segment", offered=(0, 20, 30, 60)),
            30,
            "reminder-rotation",
            "&Reminders change",
            "how often the safety reminder changes",
        ),
        Declared(
            "checklist_every_start",
            Switch(),
            False,
            "checklist-every-start",
            "Show the safety &checklist at every start",
            "the safety checklist before every walk, not only before the first",
        ),
        Declared(
            "checklist_confirmed",
            Switch(),
            False,
            None,
            "",
            "the walker has confirmed the safety checklist once",
        ),
        Declared(
            "one_leg_stand",
            Switch(),
            False,
            "one-leg-stand",
            "Balance check: I can stand on one &leg for 10 s without holding on",
            "you can stand on one leg for 10 s without holding on (the checklist's balance "
            "check); off: programme sessions start with the belt stopped and the rails held",
        ),
        Declared(
            "body_mass_kg",
            BodyMass(20.0, 350.0),
            None,
            "body-mass",
            "Body m&ass",
            "for the energy estimate only; kept only in this computer's private settings file",
        ),
        Declared(
            "units",
            Choice({"km/h": "km/h", "mph": "mph"}, aliases={"kmh": "km/h", "kph": "km/h"}),
            "km/h",
            "units",
            "Speed &unit",
            "how belt speeds and distances are shown; plans accept both",
        ),
        Declared(
            "backward_factor",
            Number(*BACKWARD_FACTOR_RANGE, decimals=2),
            DEFAULT_BACKWARD_FACTOR,
            "backward-factor",
            "Backward e&ffort (times forward)",
            "how many times the energy of forward walking backward walking takes at one speed, "
            "for the estimate",
        ),
        Declared(
            "theme",
            Choice({"system": "As the desktop has them", "light": "Light", "dark": "Dark"}),
            "system",
            "theme",
            "C&olours",
            "the window's colours",
        ),
        Declared(
            "treadmill",
            BluetoothAddress("treadmill", "retrocoach treadmill scan"),
            None,
            "treadmill",
            "&Treadmill",
            "the Bluetooth (FTMS) treadmill whose belt RetroCoach sets during a walk",
        ),
        Declared(
            "turn_belt",
            Choice({"stop": "Stop the belt", "slow": "Slow it to its slowest speed"}),
            "stop",
            "turn-belt",
            "&During a turn-around",
            "what the treadmill's belt does while you turn round",
        ),
        Declared(
            "backward_cap_kmh",
            Number(0.5, BACKWARD_SPEED.high_kmh, decimals=1, unit="km/h"),
            DEFAULT_BACKWARD_CAP_KMH,
            "backward-cap",
            "Backward speed &cap",
            "the fastest RetroCoach runs the belt backward, whatever a plan asks",
        ),
        Declared(
            "hr_strap",
            BluetoothAddress("heart-rate strap", "retrocoach hr scan"),
            None,
            "hr-strap",
            "&Heart-rate strap",
            "the Bluetooth heart-rate strap or watch RetroCoach listens to during a walk",
        ),
        Declared(
            "hr_ceiling",
            # No default and no formula: only the walker's clinician knows their ceiling.
            Number(40, 220, decimals=0, unit="bpm", optional=True),
            None,
            "hr-ceiling",
            "Heart-rate ce&iling",
            "the heart rate your clinician said to stay under; above it the coach says ease off",
        ),
        Declared(
            "last_plan",
            Text(400, "a plan name or spec"),
            None,
            None,
            "",
            "the plan the window showed last (a preset or saved plan's name, or a spec)",
        ),
    )
}
"""In the order settings.json, `retrocoach settings` and the docs' tables list them."""

BY_WORD: Final[Mapping[str, Declared]] = {
    item.word: item for item in SETTINGS.values() if item.word is not None
}
"""The settings the command line names, by their word."""


def declared(key: str) -> Any:  # noqa: ANN401  # each Settings field states its own type
    """The default of the setting *key*, for its field of Settings."""
    return SETTINGS[key].default
