"""No text in the repository copies a run of twelve words from a seed article."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTICLES_ENV = "RETROCOACH_SEED_ARTICLES"
"""Names a folder holding the seed articles' texts, one ``.txt`` file per article."""
# The articles are not in the repository (they belong to their publishers). A checkout that
# sits beside a local copy of them, as the project's own working tree does, finds them there.
LOCAL_COPY = REPO.parent / "shared" / "seeds"
RUN = 12

# Generated, cached or vendored folders: not the project's own writing.
_SKIP_DIRS = frozenset(
    {
        ".git",
        ".hypothesis",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".venv",
        "__pycache__",
        "build",
        "dist",
        "node_modules",
        "venv",
    }
)
_MAX_BYTES = 2_000_000
# Curly apostrophes (U+2019) become straight ones, so retyping one does not hide a copy.
_WORD = re.compile(r"[0-9a-z]+(?:'[0-9a-z]+)*")


def words(text: str) -> list[str]:
    """The words of *text*, lowercased, punctuation and markup dropped."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def runs(text: str, length: int = RUN) -> set[tuple[str, ...]]:
    """Every run of *length* consecutive words in *text*."""
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


def repo_text_files(root: Path) -> Iterator[Path]:
    """Every file under *root* that decodes as UTF-8 text, outside generated folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = [
            d
            for d in dirs
            if d not in _SKIP_DIRS
            and not d.endswith(".egg-info")
            # A virtual environment of any name (scripts/check's .venv-dev, $RETROCOACH_VENV):
            # reading every installed package's text made this check 90 s of the suite.
            and not (Path(folder, d) / "pyvenv.cfg").exists()
        ]
        for name in files:
            path = Path(folder, name)
            if path.is_symlink() or path.stat().st_size > _MAX_BYTES:
                continue
            data = path.read_bytes()
            if b"\0" in data:
                continue  # binary: sounds, images
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            yield path


def articles_folder() -> Path | None:
    """Where the seed articles are: $RETROCOACH_SEED_ARTICLES, else the local copy, else None."""
    named = os.environ.get(ARTICLES_ENV, "").strip()
    if named:
        return Path(named).expanduser()
    return LOCAL_COPY if LOCAL_COPY.is_dir() else None


def seed_runs() -> dict[tuple[str, ...], str]:
    """Each twelve-word run of the seed articles, mapped to the article it comes from."""
    folder = articles_folder()
    if folder is None or not folder.is_dir():
        where = f"{folder} is not a folder" if folder is not None else "they are not here"
        message = (
            f"the seed articles are needed for the own-words check and {where}: save the text of "
            f"each article listed in seeds/README.md (found by its title and publisher) as a .txt "
            f"file in one folder, and set {ARTICLES_ENV} to that folder"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    found: dict[tuple[str, ...], str] = {}
    for article in sorted(folder.glob("*.txt")):
        for run in runs(article.read_text(encoding="utf-8")):
            found.setdefault(run, article.name)
    if not found:
        pytest.fail(f"no seed articles (*.txt) found in {folder}")
    return found


def test_a_run_shared_with_an_article_is_detected() -> None:
    """The check itself works: twelve words in a row, whatever the punctuation, are caught."""
    article = "One two three, four five six seven eight nine ten eleven twelve thirteen."
    copied = "Here: ONE two three four five six seven eight nine ten eleven twelve!"
    reworded = "One two three four five six seven eight nine ten eleven, then more."
    assert runs(article) & runs(copied)
    assert not runs(article) & runs(reworded)


def test_curly_and_straight_apostrophes_count_as_the_same_word() -> None:
    """Retyping an apostrophe does not hide a copied sentence."""
    assert words("it\u2019s here") == words("It's here") == ["it's", "here"]


def test_missing_seed_articles_fail_under_ci_and_skip_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI must not pass silently because the articles were not there to compare with."""
    monkeypatch.delenv(ARTICLES_ENV, raising=False)
    monkeypatch.setattr(sys.modules[__name__], "LOCAL_COPY", tmp_path / "absent")
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="seed articles are needed"):
        seed_runs()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match=f"set {ARTICLES_ENV} to that folder"):
        seed_runs()


def test_the_articles_folder_named_in_the_environment_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$RETROCOACH_SEED_ARTICLES wins over the local copy, and its articles are what is checked."""
    folder = tmp_path / "articles"
    folder.mkdir()
    text = "one two three four five six seven eight nine ten eleven twelve thirteen"
    (folder / "999_example.txt").write_text(text, encoding="utf-8")
    monkeypatch.setenv(ARTICLES_ENV, str(folder))
    monkeypatch.setattr(sys.modules[__name__], "LOCAL_COPY", tmp_path / "absent")
    found = seed_runs()
    assert set(found.values()) == {"999_example.txt"}
    assert tuple(text.split()[:RUN]) in found


def test_an_articles_folder_that_does_not_exist_is_named_in_the_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mistyped folder is said, not taken for an empty set of articles."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv(ARTICLES_ENV, str(tmp_path / "typo"))
    with pytest.raises(pytest.skip.Exception, match="typo is not a folder"):
        seed_runs()


def test_no_repository_text_shares_twelve_words_in_a_row_with_a_seed_article() -> None:
    """Facts carry over from the seed articles with their source named; sentences never do."""
    seeds = seed_runs()
    problems = []
    for path in repo_text_files(REPO):
        text = path.read_text(encoding="utf-8")
        for run in sorted(runs(text) & seeds.keys()):
            problems.append(f"{path.relative_to(REPO)} <- {seeds[run]}: {' '.join(run)}")
    assert not problems, "text copied from a seed article:\n" + "\n".join(problems)
