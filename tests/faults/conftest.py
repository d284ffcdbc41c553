"""Fault-injection test set-up: an Xvfb display and a PulseAudio server of the test's own.

The helpers live in tests/support (the real-window kit) and tools/ (the audio probe), on the
path by the pytest config. With CI set a missing tool fails the test; elsewhere it skips.
"""

from __future__ import annotations

from collections.abc import Iterator

import audio_probe
import pytest
from xdesktop import need_tools, xvfb


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
