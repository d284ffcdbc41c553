"""The sources RetroCoach cites: loaded from the shipped list, and written out as citations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from retrocoach.core.safety.reference_fields import (
    ReferenceDataError,
    check_id,
    matching,
    reference_ids,
    text_field,
)
from retrocoach.core.storage.shipped import OWN_RULE, asset_path, framed_items, load_shipped

__all__ = [
    "OWN_RULE",
    "Figure",
    "Reference",
    "ReferenceDataError",
    "ReferenceKind",
    "ReferenceList",
    "reference_ids",
]

SCHEMA_VERSION: Final = 1

_DOI: Final = re.compile(r"10\.[0-9]{4,9}/\S+", re.ASCII)
_URL: Final = re.compile(r"https://\S+")
_FIELDS: Final = frozenset(
    {"id", "kind", "authors", "year", "title", "journal", "publisher", "doi", "url", "note"}
)
_FIGURE_FIELDS: Final = frozenset({"id", "text", "references"})


class ReferenceKind(StrEnum):
    """What sort of source a reference is; each sort needs its own fields to be looked up."""

    STUDY = "study"
    GUIDE = "guide"
    POPULAR = "popular"
    OWN = "own"


# What a reader needs to find each sort of source again.
_REQUIRED: Final[Mapping[ReferenceKind, tuple[str, ...]]] = {
    ReferenceKind.STUDY: ("authors", "year", "journal"),
    ReferenceKind.GUIDE: ("authors", "year", "publisher", "url"),
    ReferenceKind.POPULAR: ("publisher",),
    ReferenceKind.OWN: ("authors", "publisher"),
}


@dataclass(frozen=True, slots=True)
class Reference:
    """One source, with what a reader needs to look it up."""

    id: str
    kind: ReferenceKind
    title: str
    authors: str | None = None
    year: int | None = None
    journal: str | None = None
    publisher: str | None = None
    doi: str | None = None
    url: str | None = None
    note: str | None = None

    @property
    def link(self) -> str | None:
        """Where to read it: the DOI's address when there is one, else the web address."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url

    def short(self) -> str:
        """A short in-text citation: 'Hooper et al. 2004', or a popular article's title."""
        if self.kind is ReferenceKind.OWN:
            return self.title
        if self.kind is ReferenceKind.POPULAR:
            return f'"{self.title}" ({_first_clause(self.publisher)})'
        names = [name.strip() for name in (self.authors or "").split(",") if name.strip()]
        if self.kind is ReferenceKind.STUDY:
            surnames = [_surname(name) for name in names if name != "et al."]
            if len(surnames) == 2 and "et al." not in names:
                who = f"{surnames[0]} & {surnames[1]}"
            else:
                who = surnames[0] + (" et al." if len(surnames) > 1 or "et al." in names else "")
        else:
            who = names[0] if names else _first_clause(self.publisher)
        return f"{who} {self.year}" if self.year else who

    def full(self) -> str:
        """The whole citation: authors (year). Title. Journal or publisher. Link."""
        head = self.authors or ""
        if self.year:
            head = f"{head} ({self.year})" if head else f"({self.year})"
        parts = [head, self.title.rstrip(".")]
        if self.journal:
            parts.append(self.journal)
        if self.publisher and self.publisher != self.authors:
            parts.append(self.publisher)
        if self.link:
            parts.append(self.link)
        text = ". ".join(part for part in parts if part) + "."
        return f"{text} {self.note}" if self.note else text


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the app shows, in words, with the references it rests on."""

    id: str
    text: str
    references: tuple[str, ...]


class ReferenceList:
    """Every reference and figure, in the order of the data file."""

    def __init__(self, references: Iterable[Reference], figures: Iterable[Figure] = ()) -> None:
        self._references = tuple(references)
        self._by_id: Mapping[str, Reference] = {item.id: item for item in self._references}
        self._figures = tuple(figures)
        self._figures_by_id: Mapping[str, Figure] = {item.id: item for item in self._figures}

    @classmethod
    def load(cls, path: Path) -> ReferenceList:
        """Read a references file; raise ReferenceDataError naming the file and the fault."""
        return load_shipped(path, "references", ReferenceDataError, cls.from_data)

    @classmethod
    def from_data(cls, data: object) -> ReferenceList:
        """Build the list from the parsed JSON document; raise ReferenceDataError if wrong."""
        data, items = framed_items(
            data, "references", version=SCHEMA_VERSION, error=ReferenceDataError, also=("figures",)
        )
        references = [_reference(item, f"references[{n}]") for n, item in enumerate(items)]
        _no_twice(item.id for item in references)
        raw_figures = data.get("figures")
        if not isinstance(raw_figures, list):
            raise ReferenceDataError("'figures' must be a list")
        book = cls(references)
        figures = [_figure(item, f"figures[{n}]", book) for n, item in enumerate(raw_figures)]
        _no_twice(item.id for item in figures)
        return cls(references, figures)

    @classmethod
    def default(cls) -> ReferenceList:
        """The references that ship with RetroCoach."""
        return cls.load(asset_path("data", "references.json"))

    def all(self) -> tuple[Reference, ...]:
        """Every reference in file order."""
        return self._references

    def figures(self) -> tuple[Figure, ...]:
        """Every figure in file order."""
        return self._figures

    def get(self, reference_id: str) -> Reference | None:
        """The reference with this id, or None."""
        return self._by_id.get(reference_id)

    def figure(self, figure_id: str) -> Figure | None:
        """The figure with this id, or None."""
        return self._figures_by_id.get(figure_id)

    def resolve(self, ids: Sequence[str], where: str) -> tuple[Reference, ...]:
        """The references *ids* name; ReferenceDataError names *where* an unknown one is cited."""
        found = []
        for reference_id in ids:
            reference = self._by_id.get(reference_id)
            if reference is None:
                raise ReferenceDataError(f"{where} cites '{reference_id}', which is not listed")
            found.append(reference)
        return tuple(found)

    def cite(self, ids: Sequence[str]) -> str:
        """The short citations of *ids*, joined for one line; unknown ids are left out."""
        return "; ".join(ref.short() for ref in (self._by_id.get(i) for i in ids) if ref)


def _first_clause(text: str | None) -> str:
    return (text or "").split(";")[0].split(" (")[0].strip()


def _surname(name: str) -> str:
    """'Hooper TL' -> 'Hooper': initials are the capitals at the end."""
    words = name.split()
    while len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 3:
        words.pop()
    return " ".join(words)


def _no_twice(ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ReferenceDataError(f"the id '{item_id}' is used twice")
        seen.add(item_id)


def _reference(item: object, where: str) -> Reference:
    if not isinstance(item, dict):
        raise ReferenceDataError(f"{where} must be a JSON object")
    unknown = set(item) - _FIELDS
    if unknown:
        raise ReferenceDataError(f"{where} has unknown key(s): {', '.join(sorted(unknown))}")
    reference_id = check_id(item.get("id"), f"{where}.id")
    where = f"{where} ('{reference_id}')"
    raw_kind = item.get("kind")
    if not isinstance(raw_kind, str) or raw_kind not in set(ReferenceKind):
        allowed = ", ".join(ReferenceKind)
        raise ReferenceDataError(f"{where}.kind: {raw_kind!r} is not one of {allowed}")
    kind = ReferenceKind(raw_kind)
    for key in _REQUIRED[kind]:
        if key not in item:
            raise ReferenceDataError(f"{where} is a {kind} reference and needs '{key}'")
    if kind is ReferenceKind.STUDY and "doi" not in item and "url" not in item:
        raise ReferenceDataError(f"{where} is a study and needs a 'doi' or a 'url'")
    texts = {
        key: text_field(item, key, where)
        for key in ("title", "authors", "journal", "publisher", "note")
        if key in item or key == "title"
    }
    year = item.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ReferenceDataError(f"{where}.year must be a whole number")
    if year is not None and not 1900 <= year <= 2100:
        raise ReferenceDataError(f"{where}.year {year} is not between 1900 and 2100")
    doi = matching(item, "doi", _DOI, where, "a DOI such as 10.1186/s12891-019-2537-9")
    url = matching(item, "url", _URL, where, "an https:// address")
    return Reference(
        id=reference_id,
        kind=kind,
        title=texts["title"],
        authors=texts.get("authors"),
        year=year,
        journal=texts.get("journal"),
        publisher=texts.get("publisher"),
        doi=doi,
        url=url,
        note=texts.get("note"),
    )


def _figure(item: object, where: str, book: ReferenceList) -> Figure:
    if not isinstance(item, dict):
        raise ReferenceDataError(f"{where} must be a JSON object")
    unknown = set(item) - _FIGURE_FIELDS
    if unknown:
        raise ReferenceDataError(f"{where} has unknown key(s): {', '.join(sorted(unknown))}")
    figure_id = check_id(item.get("id"), f"{where}.id")
    where = f"{where} ('{figure_id}')"
    ids = reference_ids(item.get("references"), f"{where}.references")
    book.resolve(ids, where)
    return Figure(figure_id, text_field(item, "text", where), ids)
