"""The user's saved plans: plans.json in the config folder, with the history's file rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Final, Protocol

from retrocoach.core.clock import local_now
from retrocoach.core.plan.model import Plan
from retrocoach.core.storage.document import DocumentFile, Loaded, MigrationStep

__all__ = [
    "PLANS_SCHEMA_VERSION",
    "PlanNameTakenError",
    "PlanStore",
    "UnknownPlanError",
]

PLANS_SCHEMA_VERSION: Final = 1
PLAN_MIGRATIONS: Final[Mapping[int, MigrationStep]] = {}


class UnknownPlanError(KeyError):
    """No saved plan has that name."""


class PlanNameTakenError(ValueError):
    """Another saved plan already has that name (names are compared ignoring letter case)."""


class ConfigFolder(Protocol):
    """Anything that names the config folder, such as retrocoach.core.storage.paths.DataPaths."""

    @property
    def config_dir(self) -> Path:
        """The folder that holds plans.json."""
        ...


def _key(name: str) -> str:
    return name.strip().casefold()


class PlanStore:
    """Saved plans, each a Plan with a unique name; every change is a locked atomic save."""

    def __init__(
        self,
        location: ConfigFolder | Path,
        *,
        warn: Callable[[str], None],
        wall_clock: Callable[[], datetime] = local_now,
        lock_timeout_s: float = 10.0,
        schema_version: int = PLANS_SCHEMA_VERSION,
        migrations: Mapping[int, MigrationStep] = PLAN_MIGRATIONS,
    ) -> None:
        folder = location if isinstance(location, Path) else location.config_dir
        self._file: DocumentFile[Plan] = DocumentFile(
            folder / "plans.json",
            list_key="plans",
            noun="plans",
            parse_item=Plan.from_dict,
            dump_item=Plan.to_dict,
            item_key=lambda plan: _key(plan.name),
            schema_version=schema_version,
            migrations=migrations,
            warn=warn,
            wall_clock=wall_clock,
            lock_timeout_s=lock_timeout_s,
        )

    @property
    def path(self) -> Path:
        """plans.json."""
        return self._file.path

    def load(self) -> Loaded[Plan]:
        """Read the saved plans, never changing the file."""
        return self._file.load()

    def plans(self) -> tuple[Plan, ...]:
        """Every readable saved plan, in the order saved."""
        return tuple(self._file.load().items)  # never read lazily: no certificate

    def get(self, name: str) -> Plan | None:
        """The saved plan called *name* (any letter case), or None."""
        wanted = _key(name)
        return next((plan for plan in self.plans() if _key(plan.name) == wanted), None)

    def save(self, plan: Plan) -> None:
        """Add *plan*, or replace the saved plan of the same name."""
        plan.validate()
        with self._file.editing() as plans:
            for index, existing in enumerate(plans):
                if _key(existing.name) == _key(plan.name):
                    plans[index] = plan
                    return
            plans.append(plan)

    def rename(self, old: str, new: str) -> Plan:
        """Give the saved plan *old* the name *new*; returns the renamed plan."""
        with self._file.editing() as plans:
            index = self._position(plans, old)
            if any(_key(p.name) == _key(new) for i, p in enumerate(plans) if i != index):
                raise PlanNameTakenError(f"a saved plan is already called '{new}'")
            plans[index] = renamed = plans[index].renamed(new).validate()
        return renamed

    def delete(self, name: str) -> None:
        """Remove the saved plan *name*."""
        with self._file.editing() as plans:
            del plans[self._position(plans, name)]

    @staticmethod
    def _position(plans: list[Plan], name: str) -> int:
        for index, plan in enumerate(plans):
            if _key(plan.name) == _key(name):
                return index
        raise UnknownPlanError(name)
