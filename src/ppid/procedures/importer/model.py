"""Result types of the SOP importer (plain dataclasses, JSON-friendly through ``to_dict``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

#: Kinds a step can be suggested as, in the priority order used when several verbs match.
StepKind_values: tuple[str, ...] = ("archive", "publish", "classify", "review", "handover",
                                    "prepare_dip", "data_center", "maintain", "other")

#: Units of a step's time standard.
TimeUnit_values: tuple[str, ...] = ("minutes", "hours", "days", "working_days")


@dataclass
class ParsedStep:
    """One row of the step table ("Kegiatan")."""

    number: int
    activity: str
    actors: list[str] = field(default_factory=list)
    actor_reason: str = ""
    required_inputs: str = ""
    time_standard: dict | None = None
    time_raw: str = ""
    output: str = ""
    notes: str = ""
    kind: str = "other"
    kind_reason: str = ""

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "activity": self.activity,
            "actors": list(self.actors),
            "required_inputs": self.required_inputs,
            "time_standard": dict(self.time_standard) if self.time_standard else None,
            "output": self.output,
            "notes": self.notes,
            "kind": self.kind,
            "time_raw": self.time_raw,
            "actor_reason": self.actor_reason,
            "kind_reason": self.kind_reason,
        }


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class ParsedProcedure:
    """A procedure (SOP/POS) as read from a document, with everything that could not be placed."""

    agency: str = ""
    unit_name: str = ""
    number: str = ""
    made_on: datetime.date | None = None
    revised_on: datetime.date | None = None
    effective_on: datetime.date | None = None
    approved_by: str = ""
    name: str = ""
    legal_basis: list[str] = field(default_factory=list)
    qualifications: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    equipment: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    recording: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    steps: list[ParsedStep] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fields_read: list[tuple[str, str]] = field(default_factory=list)

    def add_problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def read(self, name: str, raw: str) -> None:
        """Remember which raw text a field came from (for the import preview)."""
        self.fields_read.append((name, raw))

    def to_dict(self) -> dict:
        return {
            "agency": self.agency,
            "unit_name": self.unit_name,
            "number": self.number,
            "made_on": _iso(self.made_on),
            "revised_on": _iso(self.revised_on),
            "effective_on": _iso(self.effective_on),
            "approved_by": self.approved_by,
            "name": self.name,
            "legal_basis": list(self.legal_basis),
            "qualifications": list(self.qualifications),
            "related": list(self.related),
            "equipment": list(self.equipment),
            "warnings": list(self.warnings),
            "recording": list(self.recording),
            "actors": list(self.actors),
            "steps": [step.to_dict() for step in self.steps],
            "problems": list(self.problems),
            "fields_read": [[name, raw] for name, raw in self.fields_read],
        }
