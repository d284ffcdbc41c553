"""Audio test set-up: a private PulseAudio server with a null sink, recorded with parec.

The real-audio tests never skip in CI: with CI set, a missing pulseaudio or parec fails them.
Elsewhere they skip and say what to install.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import audio_probe
import pytest
from audio_doubles import RecordingCuePlayer


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _need_tools() -> None:
    """Skip the test when pulseaudio or parec is missing; fail it instead in CI."""
    missing = audio_probe.missing_tools()
    if missing:
        reason = f"real-audio test needs {', '.join(missing)} (apt-get install pulseaudio)"
        if _in_ci():
            pytest.fail(f"{reason}: CI must run it", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def pulse_server() -> Iterator[audio_probe.PulseServer]:
    """A private PulseAudio server (null sink rc_null) for the whole test session."""
    _need_tools()
    try:
        with audio_probe.pulse_server() as server:
            yield server
    except audio_probe.PulseUnavailable as error:
        pytest.fail(f"the private PulseAudio server did not start: {error}", pytrace=False)


@pytest.fixture
def pulse(pulse_server: audio_probe.PulseServer) -> audio_probe.PulseServer:
    """The shared private server; fails the test at once if an earlier test killed it."""
    if not pulse_server.alive():
        pytest.fail("the shared PulseAudio server is gone (a test killed it)", pytrace=False)
    return pulse_server


@pytest.fixture
def own_pulse() -> Iterator[audio_probe.PulseServer]:
    """A private server of this test's own, for tests that kill it."""
    _need_tools()
    with audio_probe.pulse_server() as server:
        yield server


@pytest.fixture
def recording_player() -> RecordingCuePlayer:
    """A cue player that remembers every call."""
    return RecordingCuePlayer()
