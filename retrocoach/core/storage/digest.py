"""SHA-256 of a few bytes without loading OpenSSL, for names that must show the window quickly."""

from __future__ import annotations

import importlib

__all__ = ["sha256_hex"]


def sha256_hex(data: bytes) -> str:
    """SHA-256 of *data*, by the interpreter's own code where it has it.

    hashlib's is OpenSSL's, whose library alone adds about 3.4 MiB to the window's memory when
    it loads, before its first frame; the digest is the same (test_digest.py). OpenSSL's is
    the quicker on many megabytes: use hashlib for those, after the first frame.
    """
    for name in ("_sha256", "_sha2"):  # Python 3.11's name, and 3.12's
        try:
            own = importlib.import_module(name)
        except ImportError:
            continue
        return str(own.sha256(data).hexdigest())
    import hashlib  # noqa: PLC0415  (an interpreter built without its own)

    return hashlib.sha256(data).hexdigest()
