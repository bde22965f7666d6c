"""Translatable messages that keep their parameters until they are rendered.

Django's lazy strings turn into plain text as soon as they are formatted with `%`, so an error
raised while Indonesian is active could no longer be shown in English. `_("… %(x)s") % {...}`
with this `_` stays lazy: services raise it, and the API renders it in both languages.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy


class LazyText:
    __slots__ = ("message", "params")

    def __init__(self, message, params=None):
        self.message, self.params = message, params

    def __mod__(self, params) -> LazyText:
        return LazyText(self.message, params)

    def __str__(self) -> str:
        text = str(self.message)
        if self.params is None:
            return text
        params = ({k: str(v) for k, v in self.params.items()}
                  if isinstance(self.params, dict) else self.params)
        return text % params

    def __repr__(self) -> str:
        return f"LazyText({str(self)!r})"

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def lazy(message: str) -> LazyText:
    """Use as `_`: makemessages finds the strings, `%` keeps them lazy."""
    return LazyText(gettext_lazy(message))
