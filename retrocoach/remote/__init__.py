"""Remote control from outside the app: the desktop's media interface (MPRIS 2 over D-Bus)."""

from retrocoach.remote.mpris import MprisPlayer
from retrocoach.remote.source import MediaSource

__all__ = ["MediaSource", "MprisPlayer"]
