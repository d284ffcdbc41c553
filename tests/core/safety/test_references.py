"""The shipped references: their schema, what a reader needs to look each one up, and citations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from retrocoach.core.safety.references import (
    OWN_RULE,
    Reference,
    ReferenceDataError,
    ReferenceKind,
    ReferenceList,
)
from retrocoach.core.storage.shipped import asset_path

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "assets" / "data" / "references.json"
SCHEMA = REPO / "assets" / "data" / "references.schema.json"


@pytest.fixture(scope="module")
def references() -> ReferenceList:
    return ReferenceList.default()


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def _study(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "a-study",
        "kind": "study",
        "authors": "Smith A, Jones B",
        "year": 2020,
        "title": "Walking",
        "journal": "J Walk 1:1",
        "doi": "10.1000/walk.1",
    }
    item.update(changes)
    return {key: value for key, value in item.items() if value is not None}


def _doc(*items: dict[str, Any], figures: Any = (), version: Any = 1) -> dict[str, Any]:
    return {"schema_version": version, "references": list(items), "figures": list(figures)}


def test_the_shipped_references_validate_against_their_schema() -> None:
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(DATA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)


def test_the_default_list_is_the_file_shipped_with_the_package(
    references: ReferenceList,
) -> None:
    assert asset_path("data", "references.json").read_bytes() == DATA.read_bytes()
    assert references.all() == ReferenceList.load(DATA).all()


BAD_DOCUMENTS = {
    "newer schema version": _doc(_study(), version=2),
    "no references": _doc(),
    "unknown kind": _doc(_study(kind="rumour")),
    "study without a journal": _doc(_study(journal=None)),
    "study without a doi or url": _doc(_study(doi=None)),
    "study without a year": _doc(_study(year=None)),
    "a doi with its resolver": _doc(_study(doi="https://doi.org/10.1000/walk.1")),
    "a plain http address": _doc(_study(doi=None, url="http://example.org/x")),
    "guide without an address": _doc(
        {"id": "g", "kind": "guide", "authors": "A", "year": 2019, "title": "T", "publisher": "P"}
    ),
    "popular article without a publisher": _doc({"id": "p", "kind": "popular", "title": "T"}),
    "a year that is text": _doc(_study(year="2020")),
    "blank title": _doc(_study(title="  ")),
    "unknown field": _doc(_study(colour="red")),
    "figure citing nothing": _doc(_study(), figures=[{"id": "f", "text": "1", "references": []}]),
}


@pytest.mark.parametrize("bad", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_the_schema_and_the_loader_both_refuse_a_bad_document(bad: dict[str, Any]) -> None:
    """The stdlib loader enforces what the schema says, so the app never needs jsonschema."""
    with pytest.raises(ReferenceDataError):
        ReferenceList.from_data(bad)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(_schema()).validate(bad)


def test_a_figure_citing_an_unlisted_reference_is_refused_naming_both() -> None:
    """The schema cannot see ids; the loader names the figure and the missing id."""
    bad = _doc(_study(), figures=[{"id": "f", "text": "1 km/h", "references": ["nobody-1999"]}])
    with pytest.raises(ReferenceDataError, match=r"\('f'\) cites 'nobody-1999'"):
        ReferenceList.from_data(bad)


def test_a_good_minimal_document_passes_both() -> None:
    good = _doc(_study(), figures=[{"id": "f", "text": "2 km/h", "references": ["a-study"]}])
    jsonschema.Draft202012Validator(_schema()).validate(good)
    loaded = ReferenceList.from_data(good)
    assert loaded.get("a-study") is not None
    assert loaded.figure("f") is not None


def test_a_missing_file_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"cannot read the references file .*none\.json"):
        ReferenceList.load(tmp_path / "none.json")


def test_every_reference_can_be_looked_up(references: ReferenceList) -> None:
    """Papers have authors, year, journal and a DOI or address; articles a title and publisher."""
    for ref in references.all():
        assert ref.title.strip(), ref.id
        if ref.kind is ReferenceKind.STUDY:
            assert None not in (ref.authors, ref.year, ref.journal, ref.link), ref.id
        elif ref.kind is ReferenceKind.GUIDE:
            assert None not in (ref.authors, ref.year, ref.publisher, ref.url), ref.id
        elif ref.kind is ReferenceKind.POPULAR:
            assert ref.publisher, ref.id
            assert ref.title in ref.short(), ref.id
        if ref.link:
            assert ref.link.startswith("https://"), ref.id
            assert ref.link in ref.full(), ref.id


def test_the_own_rule_marker_is_listed_and_says_what_it_means(
    references: ReferenceList,
) -> None:
    own = references.get(OWN_RULE)
    assert own is not None
    assert own.kind is ReferenceKind.OWN
    assert own.short() == "RetroCoach's own rule of thumb"


def test_every_figure_cites_references_that_resolve(references: ReferenceList) -> None:
    assert references.figures()
    for figure in references.figures():
        assert references.resolve(figure.references, figure.id)
        assert any(ch.isdigit() for ch in figure.text), figure.id


def test_the_energy_figure_says_where_it_was_measured_and_what_no_study_did(
    references: ReferenceList,
) -> None:
    figure = references.figure("backward-energy-cost")
    assert figure is not None
    # What Hooper et al. 2004 measured: shares of maximal heart rate and oxygen uptake, uphill.
    assert "17 to 20% higher walking uphill (Hooper 2004)" in figure.text
    assert "as a share of each one's maximum" in figure.text
    assert "48% more oxygen at 5 km/h (Kim & Choi 2001)" in figure.text
    assert "4 to 5.6 km/h" in figure.text
    assert "young" in figure.text
    assert "We found no study" in figure.text
    assert set(figure.references) == {"hooper-2004", "kim-choi-2001"}


SHORT = [
    (
        Reference("a", ReferenceKind.STUDY, "T", "Hooper TL, Dunn DM, Props JE", 2004),
        "Hooper et al. 2004",
    ),
    (Reference("b", ReferenceKind.STUDY, "T", "Kim KY, Choi JH", 2001), "Kim & Choi 2001"),
    (Reference("c", ReferenceKind.STUDY, "T", "Laufer Y", 2005), "Laufer 2005"),
    (Reference("d", ReferenceKind.STUDY, "T", "Riebe D, et al.", 2015), "Riebe et al. 2015"),
    (Reference("e", ReferenceKind.GUIDE, "T", "Consumer Reports", 2019), "Consumer Reports 2019"),
    (
        Reference("f", ReferenceKind.POPULAR, "Walk Back", publisher="Blog (labelled AI)"),
        '"Walk Back" (Blog)',
    ),
]


@pytest.mark.parametrize(("reference", "expected"), SHORT, ids=[s[1] for s in SHORT])
def test_short_citations_name_the_first_author_and_the_year(
    reference: Reference, expected: str
) -> None:
    assert reference.short() == expected


def test_a_full_citation_gives_authors_year_title_journal_and_the_doi_address() -> None:
    ref = Reference(
        "x", ReferenceKind.STUDY, "Walking.", "Smith A", 2020, journal="J Walk 1:1", doi="10.1/x"
    )
    assert ref.full() == "Smith A (2020). Walking. J Walk 1:1. https://doi.org/10.1/x."


def test_citing_ids_joins_their_short_forms(references: ReferenceList) -> None:
    assert references.cite(["hooper-2004", "kim-choi-2001"]) == (
        "Hooper et al. 2004; Kim & Choi 2001"
    )
