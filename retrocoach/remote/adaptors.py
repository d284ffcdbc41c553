"""The two MPRIS 2 D-Bus interfaces, as Qt adaptors that read and act through their player."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import ClassInfo, Property, Signal, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusObjectPath

from retrocoach.core.session.media import RemoteAction, playback_status, position_us, track

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from retrocoach.remote.source import MediaSource

__all__ = ["NO_TRACK", "PlayerAdaptor", "RootAdaptor", "metadata"]

NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"


def metadata(source: MediaSource) -> dict[str, Any]:
    """MPRIS Metadata for the current segment; only the trackid between sessions."""
    session, _ = source.current()
    current = track(session)
    if current is None:
        return {"mpris:trackid": QDBusObjectPath(NO_TRACK)}
    return {
        "mpris:trackid": QDBusObjectPath(current.trackid),
        "xesam:title": current.title,
        "xesam:album": current.album,
        "mpris:length": current.length_us,
    }


@ClassInfo({"D-Bus Interface": "org.mpris.MediaPlayer2"})  # type: ignore[call-arg]
class RootAdaptor(QDBusAbstractAdaptor):  # type: ignore[operator]
    """org.mpris.MediaPlayer2: who the player is; Quit ends RetroCoach as its own quit does."""

    def __init__(self, player: QObject, source: MediaSource) -> None:
        super().__init__(player)
        self._source = source

    @Slot()
    def Raise(self) -> None:  # noqa: N802 - D-Bus method names are CamelCase
        self._source.raise_window()

    @Slot()
    def Quit(self) -> None:  # noqa: N802
        self._source.quit()

    Identity = Property(str, lambda _self: "RetroCoach", constant=True)
    DesktopEntry = Property(str, lambda _self: "retrocoach", constant=True)
    CanQuit = Property(bool, lambda _self: True, constant=True)
    CanRaise = Property(bool, lambda self: self._source.can_raise, constant=True)
    CanSetFullscreen = Property(bool, lambda _self: False, constant=True)
    Fullscreen = Property(bool, lambda _self: False, constant=True)
    HasTrackList = Property(bool, lambda _self: False, constant=True)
    SupportedUriSchemes = Property("QStringList", lambda _self: [], constant=True)  # type: ignore[arg-type]
    SupportedMimeTypes = Property("QStringList", lambda _self: [], constant=True)  # type: ignore[arg-type]


@ClassInfo({"D-Bus Interface": "org.mpris.MediaPlayer2.Player"})  # type: ignore[call-arg]
class PlayerAdaptor(QDBusAbstractAdaptor):  # type: ignore[operator]
    """org.mpris.MediaPlayer2.Player: the session's buttons, status, track and position."""

    # The type names make QtDBus send int64 ("x"), as MPRIS asks, not int32.
    Seeked = Signal("qlonglong")  # type: ignore[arg-type]

    def __init__(self, player: QObject, source: MediaSource) -> None:
        super().__init__(player)
        self._source = source
        self.setAutoRelaySignals(True)

    def _act(self, action: RemoteAction) -> None:
        self._source.act(action)

    @Slot()
    def Play(self) -> None:  # noqa: N802
        self._act(RemoteAction.PLAY)

    @Slot()
    def Pause(self) -> None:  # noqa: N802
        self._act(RemoteAction.PAUSE)

    @Slot()
    def PlayPause(self) -> None:  # noqa: N802
        self._act(RemoteAction.PLAY_PAUSE)

    @Slot()
    def Next(self) -> None:  # noqa: N802
        self._act(RemoteAction.NEXT)

    @Slot()
    def Previous(self) -> None:  # noqa: N802 - a walk never goes back: CanGoPrevious is False
        pass

    @Slot()
    def Stop(self) -> None:  # noqa: N802
        self._act(RemoteAction.STOP)

    @Slot("qlonglong")
    def Seek(self, offset: int) -> None:  # noqa: N802 - CanSeek is False: segments keep time
        del offset

    @Slot(QDBusObjectPath, "qlonglong")
    def SetPosition(self, trackid: QDBusObjectPath, position: int) -> None:  # noqa: N802
        del trackid, position

    @Slot(str)
    def OpenUri(self, uri: str) -> None:  # noqa: N802
        del uri

    def _status(self) -> str:
        return playback_status(self._source.current()[0])

    def _metadata(self) -> dict[str, Any]:
        return metadata(self._source)

    def _position(self) -> int:
        return position_us(*self._source.current())

    PlaybackStatus = Property(str, _status)
    Metadata = Property("QVariantMap", _metadata)  # type: ignore[arg-type]
    Position = Property("qlonglong", _position)  # type: ignore[arg-type]
    Rate = Property(float, lambda _self: 1.0, constant=True)
    MinimumRate = Property(float, lambda _self: 1.0, constant=True)
    MaximumRate = Property(float, lambda _self: 1.0, constant=True)
    Volume = Property(float, lambda _self: 1.0, constant=True)
    CanGoNext = Property(bool, lambda _self: True)
    CanGoPrevious = Property(bool, lambda _self: False, constant=True)
    CanPlay = Property(bool, lambda _self: True)
    CanPause = Property(bool, lambda _self: True)
    CanSeek = Property(bool, lambda _self: False, constant=True)
    CanControl = Property(bool, lambda _self: True, constant=True)
