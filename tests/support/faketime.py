"""libfaketime for one process: its wall clock moved, the machine's left alone."""

from __future__ import annotations

import glob

import pytest
from xdesktop import in_ci

__all__ = ["faked_env", "libfaketime"]


def libfaketime() -> str:
    """The libfaketime library to preload; fails in CI, skips elsewhere, if it is missing."""
    patterns = ("/usr/lib/*/faketime/libfaketime.so.1", "/usr/*lib*/faketime/libfaketime.so.1")
    for pattern in patterns:
        found = sorted(glob.glob(pattern))
        if found:
            return found[0]
    message = "this test needs libfaketime (apt install faketime)"
    if in_ci():
        pytest.fail(f"{message}: CI must run it", pytrace=False)
    pytest.skip(message)


def faked_env(offset: str) -> dict[str, str]:
    """Environment keys that move the wall clock by *offset* ('+30d', '-2h'), steady clock
    left as it is (as a wrong system clock would be)."""
    return {
        "LD_PRELOAD": libfaketime(),
        "FAKETIME": offset,
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
    }
