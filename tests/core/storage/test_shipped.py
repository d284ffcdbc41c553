"""Every shipped data file is read one way, and fails with one family of named errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from retrocoach.core.plan.presets import PresetDataError, load_presets
from retrocoach.core.programme.model import ProgrammeBook, ProgrammeDataError
from retrocoach.core.safety.references import ReferenceDataError, ReferenceList
from retrocoach.core.safety.reminders import ReminderBook, ReminderDataError
from retrocoach.core.storage.shipped import ShippedDataError, checked_item

LOADERS: dict[str, tuple[Callable[[Path], object], type[ShippedDataError]]] = {
    "built-in plans": (load_presets, PresetDataError),
    "programmes": (ProgrammeBook.load, ProgrammeDataError),
    "reminders": (ReminderBook.load, ReminderDataError),
    "references": (ReferenceList.load, ReferenceDataError),
}


@pytest.mark.parametrize("what", list(LOADERS))
def test_a_file_that_is_no_json_is_named_with_its_line_and_column(
    what: str, tmp_path: Path
) -> None:
    load, error = LOADERS[what]
    assert issubclass(error, ShippedDataError)
    path = tmp_path / "data.json"
    path.write_text('{\n  "schema_version": 1,\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(error) as caught:
        load(path)
    assert str(caught.value) == (
        f"the {what} file {path} is not valid JSON: "
        "Expecting property name enclosed in double quotes at line 3, column 3"
    )


@pytest.mark.parametrize("what", list(LOADERS))
def test_a_file_that_cannot_be_read_or_is_nested_too_deep_says_so(
    what: str, tmp_path: Path
) -> None:
    load, error = LOADERS[what]
    with pytest.raises(error, match=f"^cannot read the {what} file .*missing.json"):
        load(tmp_path / "missing.json")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(error, match=f"^the {what} file .* is nested too deeply$"):
        load(deep)


@pytest.mark.parametrize("what", list(LOADERS))
def test_a_fault_inside_the_document_is_prefixed_with_the_file(what: str, tmp_path: Path) -> None:
    load, error = LOADERS[what]
    path = tmp_path / "data.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(error) as caught:
        load(path)
    assert str(caught.value) == f"the {what} file {path}: the top level must be a JSON object"


def test_an_item_is_checked_for_its_keys_in_one_place() -> None:
    def check(item: object) -> dict[str, object]:
        return checked_item(
            item, "x[0]", required=("a", "b"), optional=("c",), error=ShippedDataError
        )

    assert check({"a": 1, "b": 2, "c": 3}) == {"a": 1, "b": 2, "c": 3}
    for item, message in (
        ([], "x[0] must be a JSON object"),
        ({"a": 1, "b": 2, "d": 4, "e": 5}, "x[0] has unknown key(s): d, e"),
        ({"c": 3}, "x[0] has no a, b"),
    ):
        with pytest.raises(ShippedDataError) as caught:
            check(item)
        assert str(caught.value) == message
