"""Who may do what: capabilities derived from a user's active positions.

This is the single place that turns roles into permissions. Register-level rules (who may see
exempt information, who may publish) build on it in ppid.register.services.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ppid.core.constants import ROLE_CAPABILITIES, UNIT_SCOPED_ROLES, Capability, Role

ALL_UNITS = None


@dataclass
class Access:
    user: object | None
    # capability -> set of unit ids where it applies, or ALL_UNITS (None) for agency-wide.
    scopes: dict[str, set[int] | None] = field(default_factory=dict)

    @classmethod
    def for_user(cls, user) -> Access:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls(user=None)
        cached = getattr(user, "_ppid_access", None)
        if cached is not None:
            return cached
        access = cls(user=user)
        if user.is_superuser:
            for capability in ROLE_CAPABILITIES[Role.ADMINISTRATOR]:
                access.scopes[capability] = ALL_UNITS
        for position in user.positions.filter(active=True).select_related("unit"):
            unit_ids = (
                position.unit.descendant_ids() if position.role in UNIT_SCOPED_ROLES else ALL_UNITS
            )
            for capability in ROLE_CAPABILITIES.get(position.role, ()):
                access._grant(capability, unit_ids)
        user._ppid_access = access
        return access

    def _grant(self, capability: str, unit_ids: set[int] | None) -> None:
        if capability in self.scopes and self.scopes[capability] is ALL_UNITS:
            return
        if unit_ids is ALL_UNITS:
            self.scopes[capability] = ALL_UNITS
        else:
            self.scopes.setdefault(capability, set()).update(unit_ids)

    @property
    def is_staff_member(self) -> bool:
        return bool(self.scopes)

    def can(self, capability: Capability | str, unit_id: int | None = None) -> bool:
        if capability not in self.scopes:
            return False
        scope = self.scopes[capability]
        if scope is ALL_UNITS:
            return True
        return unit_id is not None and unit_id in scope

    def can_anywhere(self, capability: Capability | str) -> bool:
        return capability in self.scopes

    def units_for(self, capability: Capability | str) -> set[int] | None:
        """Unit ids where the capability applies; ALL_UNITS (None) if everywhere; empty if none."""
        if capability not in self.scopes:
            return set()
        return self.scopes[capability]
