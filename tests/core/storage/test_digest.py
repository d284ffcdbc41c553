"""The spare journal folder is named as before, without loading OpenSSL to name it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from retrocoach.core.history.store import HistoryStore
from retrocoach.core.storage.digest import sha256_hex


@pytest.mark.parametrize("data", [b"", b"/home/walker/.local/share/retrocoach", "é".encode()])
def test_the_digest_is_sha256(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_a_journal_left_in_the_spare_folder_by_an_earlier_version_is_still_found_there(
    tmp_path: Path,
) -> None:
    runtime = tmp_path / "runtime"
    store = HistoryStore(tmp_path / "data", warn=pytest.fail, runtime_dir=runtime)
    named_before = hashlib.sha256(os.fsencode(os.path.realpath(tmp_path / "data")))
    assert store.spare_folder == runtime / "journals" / named_before.hexdigest()[:16]


def test_opening_the_history_loads_no_openssl(tmp_path: Path) -> None:
    child = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from retrocoach.core.history.store import HistoryStore
        HistoryStore(Path({str(tmp_path)!r}), warn=print).recover_journals()
        print("_hashlib" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["False"]
