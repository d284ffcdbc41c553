"""What went wrong with Bluetooth, in one line a walker can act on."""

from __future__ import annotations

import asyncio
from typing import Final

from bleak.exc import BleakDBusError, BleakDeviceNotFoundError

__all__ = ["describe"]

_NO_BLUEZ: Final = (
    "no Bluetooth service is running (BlueZ, reached over the system D-Bus): the "
    "{what} is not used; everything else works"
)


def _kind(error: BaseException) -> str | None:  # noqa: PLR0911  # one return a trouble
    """Which of the walker's troubles *error* is: a key of _LINES, or None."""
    lowered = str(error).lower()
    if isinstance(error, BleakDeviceNotFoundError):
        return "away"
    if isinstance(error, TimeoutError | asyncio.TimeoutError):
        return "silent"
    if isinstance(error, PermissionError) or any(
        word in lowered for word in ("accessdenied", "notauthorized")
    ):
        return "permission"
    if isinstance(error, FileNotFoundError | ConnectionRefusedError):
        return "no-bluez"
    if isinstance(error, BleakDBusError):
        if "serviceunknown" in lowered or "org.bluez" not in lowered:
            return "no-bluez"
        if "notready" in lowered:
            return "off"
    if "no bluetooth adapter" in lowered or ("adapter" in lowered and "not found" in lowered):
        return "no-adapter"
    return None


_LINES: Final = {
    "away": "the {what} {address} was not found: is it switched on and near?",
    "silent": "the {what} {address} did not answer in time: is it switched on and near?",
    "permission": "RetroCoach may not use Bluetooth here (no permission): the {what} is not used",
    "no-bluez": _NO_BLUEZ,
    "off": "Bluetooth is switched off: the {what} is not used until it is on",
    "no-adapter": "this computer has no Bluetooth adapter: the {what} is not used",
}


def describe(error: BaseException, what: str = "treadmill", address: str = "") -> str:
    """One line for *error*, naming the *what* (treadmill, heart-rate strap) concerned."""
    kind = _kind(error)
    if kind is not None:
        return " ".join(_LINES[kind].format(what=what, address=address).split())
    trouble = str(error) or type(error).__name__
    return " ".join(f"Bluetooth trouble with the {what} {address}: {trouble}".split())
