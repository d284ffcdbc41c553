"""An older schema's file kept beside the newer one, so an older RetroCoach can still read it."""

from __future__ import annotations

from pathlib import Path

from retrocoach.core.atomic import write_bytes_atomic

__all__ = ["keep_older_version"]

_MOST_COPIES = 1000


def keep_older_version(path: Path, version: int, raw: bytes) -> Path | None:
    """Keep *raw*, the version-*version* bytes of *path*, as <name>.v<N><suffix>; the new copy.

    One kept earlier with other bytes is never replaced: these go to <name>.v<N>.2<suffix>
    (or .3, ...), not only to the next .bak. None when the same bytes are kept already.
    """
    stem, suffix = f"{path.stem}.v{version}", path.suffix
    for number in range(1, _MOST_COPIES):
        kept = path.with_name(f"{stem}{'' if number == 1 else f'.{number}'}{suffix}")
        if not (kept.exists() or kept.is_symlink()):
            write_bytes_atomic(kept, raw, keep_backup=False)
            return kept
        if kept.is_file() and _same_bytes(kept, raw):
            return None
    return None


def _same_bytes(path: Path, raw: bytes) -> bool:
    try:
        return path.stat().st_size == len(raw) and path.read_bytes() == raw
    except OSError:
        return False
