"""What counts as naming a file of the repository in text a user can see; shared by the tests."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

# Repository files and folders that are not installed with the program, or are only its inner
# workings: a user who reads one of these names cannot open it.
REPOSITORY_NAME: Final = re.compile(
    r"DOMAIN\.md|DESIGN\.md|HELPERS\.md|README\.md|\.\./shared|\bshared/|\bseeds?/"
    r"|\bseed \d{3}\b|\b\d{3}[-_][0-9a-z]+(?:[-_][0-9a-z]+)*\.(?:md|txt)\b"
    r"|\b[\w/-]+\.(?:md|py|pyi|toml)\b|\bassets/|\btests/|\bretrocoach/"
    r"|\b(?:reminders|references|programmes|[\w-]+\.schema)\.json\b",
    re.IGNORECASE,
)


def repository_names(texts: Iterable[str]) -> list[str]:
    """Each text that names a repository file, with the name found, for an assertion message."""
    found = []
    for text in texts:
        match = REPOSITORY_NAME.search(text)
        if match:
            found.append(f"{match.group(0)!r} in {text[:120]!r}")
    return found
