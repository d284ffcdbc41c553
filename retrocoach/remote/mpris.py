"""Publishes a coach as an MPRIS 2 media player on the session bus, with QtDBus.

A media key, a headset's button, a desktop media widget or a phone through KDE Connect then
drives the walk, with no code of ours on those devices. The player follows the session as a
session listener; its buttons go to the shell through a MediaSource, which applies the core's
RemoteRule (Stop needs a second Stop). No session bus means no remote, said once, and nothing
else changes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QMetaType, QObject
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage

from retrocoach.core.session.machine import Event, SegmentStarted, Session
from retrocoach.core.session.media import playback_status, position_us, track
from retrocoach.remote.adaptors import PlayerAdaptor, RootAdaptor, metadata
from retrocoach.remote.source import MediaSource

__all__ = ["BUS_NAME", "OBJECT_PATH", "MediaSource", "MprisPlayer"]

BUS_NAME: Final = "org.mpris.MediaPlayer2.retrocoach"
OBJECT_PATH: Final = "/org/mpris/MediaPlayer2"
_PLAYER_INTERFACE: Final = "org.mpris.MediaPlayer2.Player"


def session_bus_reachable() -> bool:
    """Whether a session bus is configured; without one libdbus would autolaunch a new bus
    through X11, which is not the desktop's and reaches no media key."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if address:
        return not address.startswith("disabled:")
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    return bool(runtime) and (Path(runtime) / "bus").exists()


class MprisPlayer(QObject):
    """One coach on the session bus; a session listener (``on_events``)."""

    def __init__(self, source: MediaSource) -> None:
        super().__init__()
        self.source = source
        self._root = RootAdaptor(self, source)
        self._player = PlayerAdaptor(self, source)
        self._bus: QDBusConnection | None = None
        self._name = ""
        self._shown: tuple[str, object] = ("", None)

    def publish(self) -> str | None:
        """Take the bus name; None when published, else one line on why media keys are off."""
        if not session_bus_reachable():
            return "no session bus: media keys and headset buttons are not available"
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return (
                f"the session bus did not answer ({bus.lastError().message() or 'no reason'}): "
                "media keys and headset buttons are not available"
            )
        if not bus.registerObject(OBJECT_PATH, self):
            return "the media player object could not be published: media keys are not available"
        # A second RetroCoach takes an instance name, as the MPRIS spec asks.
        for name in (BUS_NAME, f"{BUS_NAME}.instance{os.getpid()}"):
            if bus.registerService(name):
                self._bus, self._name = bus, name
                self._shown = self._state()
                return None
        bus.unregisterObject(OBJECT_PATH)
        return "the media player name is taken: media keys are not available"

    @property
    def bus_name(self) -> str:
        """The name taken on the bus, or '' when not published."""
        return self._name

    def on_events(self, session: Session, events: Sequence[Event], now: float) -> None:
        """Tell the bus what changed: status and track, and Seeked at every segment switch."""
        del session, now
        if self._bus is None:
            return
        self.refresh()
        if any(isinstance(event, SegmentStarted) for event in events):
            self.seek_to_segment()

    def seek_to_segment(self) -> None:
        """Send Seeked with the position in the new segment: a switch jumps the position."""
        if self._bus is not None:
            self.refresh()
            self._player.Seeked.emit(position_us(*self.source.current()))

    def refresh(self, *_args: object) -> None:
        """Send PropertiesChanged for the status and the track when they changed."""
        if self._bus is None:
            return
        state = self._state()
        if state == self._shown:
            return
        old_status, old_track = self._shown
        self._shown = state
        changed: dict[str, object] = {}
        if state[0] != old_status:
            changed["PlaybackStatus"] = state[0]
        if state[1] != old_track:
            changed["Metadata"] = metadata(self.source)
        signal = QDBusMessage.createSignal(
            OBJECT_PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged"
        )
        # Nothing invalidated; an empty Python list would go out as an array of variants.
        nothing = QDBusArgument()
        nothing.beginArray(QMetaType(QMetaType.Type.QString))
        nothing.endArray()
        signal.setArguments([_PLAYER_INTERFACE, changed, nothing])
        self._bus.send(signal)

    def close(self) -> None:
        """Leave the bus."""
        if self._bus is not None:
            self._bus.unregisterService(self._name)
            self._bus.unregisterObject(OBJECT_PATH)
            self._bus = None
            self._name = ""

    def _state(self) -> tuple[str, object]:
        session, _ = self.source.current()
        return playback_status(session), track(session)
