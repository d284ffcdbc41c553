"""Remote control from outside the app: the desktop's media interface (MPRIS 2 over D-Bus)."""

from retrocoach.remote.mpris import MediaSource, MprisPlayer

__all__ = ["MediaSource", "MprisPlayer"]
