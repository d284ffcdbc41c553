"""The committed cue files: made by tools/make_sounds.py, short, matched, click-free, distinct."""

from __future__ import annotations

import array
import math
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from audio_probe import dominant_hz

from retrocoach.audio.base import SOUND_CUES
from retrocoach.core.storage.shipped import asset_path

ROOT = Path(__file__).resolve().parents[2]
SOUNDS = asset_path("sounds")
VOICE_CUES = [cue for cue in SOUND_CUES if cue.value != "pip"]


def samples(path: Path) -> array.array[int]:
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 48_000)
        return array.array("h", wav.readframes(wav.getnframes()))


def active_rms_db(data: array.array[int]) -> float:
    loudest = max(abs(s) for s in data)
    active = [s for s in data if abs(s) >= 0.02 * loudest]
    return 20 * math.log10(math.sqrt(sum(s * s for s in active) / len(active)) / 32767)


ALL_FILES = [SOUNDS / f"{cue.value}.wav" for cue in SOUND_CUES] + [
    SOUNDS / "voice" / f"{cue.value}.wav" for cue in VOICE_CUES
]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_cue_is_short_16_bit_mono_48k_faded_and_sounds_at_once(path: Path) -> None:
    data = samples(path)
    limit_s = 1.0 if path.parent.name == "voice" else 0.6
    assert len(data) / 48_000 <= limit_s
    assert abs(data[0]) <= 200  # no click at the start
    assert abs(data[-1]) <= 200  # nor at the end
    onset = next(i for i, s in enumerate(data) if abs(s) >= 100)
    assert onset / 48_000 < 0.005  # the timing contract is measured from the file's start


@pytest.mark.parametrize("folder", ["", "voice"])
def test_cues_are_loudness_matched_within_1_5_db(folder: str) -> None:
    paths = [p for p in ALL_FILES if p.parent.name == (folder or "sounds")]
    levels = [active_rms_db(samples(p)) for p in paths]
    assert max(levels) - min(levels) <= 1.5, dict(zip([p.name for p in paths], levels, strict=True))


def test_backward_falls_and_forward_rises_in_different_registers() -> None:
    rate = 48_000
    backward, forward = samples(SOUNDS / "backward.wav"), samples(SOUNDS / "forward.wav")
    b_first = dominant_hz(backward[480:4800], rate)
    b_last = dominant_hz(backward[-9600:-2400], rate)
    f_first = dominant_hz(forward[480:4800], rate)
    f_last = dominant_hz(forward[-9600:-2400], rate)
    assert b_last < b_first * 0.8  # a falling pair
    assert f_last > f_first * 1.2  # a rising pair
    assert b_first < f_first * 0.8  # and lower throughout
    assert len(backward) > len(forward)  # slower, too


def test_the_tones_regenerate_byte_for_byte(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "make_sounds.py"),
            "--no-voice",
            "--out",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    for cue in SOUND_CUES:
        name = f"{cue.value}.wav"
        made, committed = samples(tmp_path / name), samples(SOUNDS / name)
        assert len(made) == len(committed), name
        # Equal to the last bit here; a libm elsewhere may round one sample the other way.
        assert max(abs(a - b) for a, b in zip(made, committed, strict=True)) <= 1, name


def test_all_the_sounds_together_stay_under_1_35_megabytes() -> None:
    # A megabyte held eleven cues and their voices; the turn-around and slow-down cues, kept as
    # short as they can be heard, need a tenth more, and the lost-treadmill alarm as much again;
    # the heart's ease-off cue (two slow glides and its voice) about 60 kB more.
    total = sum(p.stat().st_size for p in SOUNDS.rglob("*.wav"))
    assert total < 1_350_000
