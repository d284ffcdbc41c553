"""Fault-injection test set-up: an Xvfb display and a PulseAudio server of the test's own.

The helpers live beside the tests they came from: the real-window kit in tests/e2e, the audio
probe in tools/. With CI set a missing tool fails the test; elsewhere it skips and says why.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import audio_probe  # noqa: E402
from xdesktop import need_tools, xvfb  # noqa: E402


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh Xvfb's display name; the server stops after the test."""
    with xvfb() as name:
        yield name


@pytest.fixture
def pulse() -> Iterator[audio_probe.PulseServer]:
    """A private PulseAudio server with the null sink rc_null, for this test alone."""
    need_tools(("pulseaudio", "parec", "pactl"), "apt install pulseaudio pulseaudio-utils")
    try:
        with audio_probe.pulse_server() as server:
            yield server
    except audio_probe.PulseUnavailable as error:
        pytest.fail(f"the private PulseAudio server did not start: {error}", pytrace=False)
