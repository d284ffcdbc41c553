"""Command-line errors and exit statuses: a leaf module every command and the entry point share."""

from __future__ import annotations

from typing import Final

__all__ = ["EXIT_FAILED", "EXIT_USAGE", "UsageError"]

EXIT_USAGE: Final = 2
"""Bad input on the command line (argparse's own status)."""
EXIT_FAILED: Final = 1
"""The command could not do its work (storage, a session that could not be kept)."""


class UsageError(Exception):
    """Bad input on the command line; the message is the one line the user sees."""
