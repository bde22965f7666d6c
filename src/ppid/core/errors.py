"""Errors raised by services. Views and the API turn them into pages or JSON in both languages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import translation


class ServiceError(Exception):
    status_code = 400
    code = "invalid"

    def __init__(self, message, *, field_errors: dict | None = None):
        # `message` is a lazy translation, so it can be rendered in either language.
        super().__init__(str(message))
        self.message = message
        self.field_errors = field_errors or {}

    def in_language(self, language: str) -> str:
        with translation.override(language):
            return str(self.message)

    def as_dict(self) -> dict:
        body = {
            "code": self.code,
            "message_id": self.in_language("id"),
            "message_en": self.in_language("en"),
        }
        if self.field_errors:
            body["fields"] = {}
            for name, messages in self.field_errors.items():
                body["fields"][name] = {
                    "id": [self.render_message(m, "id") for m in messages],
                    "en": [self.render_message(m, "en") for m in messages],
                }
        return body

    def lines(self, language: str | None = None) -> list[str]:
        """The message and every field message, once each, for a page's message area."""
        language = language or translation.get_language() or "id"
        lines = [self.render_message(self.message, language)]
        for messages in self.field_errors.values():
            lines += [self.render_message(m, language) for m in messages]
        return list(dict.fromkeys(lines))

    def add_to_form(self, form) -> None:
        """Show the error on a Django form: field messages on their fields, else on the form."""
        language = translation.get_language() or "id"
        for name, messages in self.field_errors.items():
            for message in messages:
                form.add_error(name if name in form.fields else None,
                               self.render_message(message, language))
        if not self.field_errors:
            form.add_error(None, str(self.message))

    @staticmethod
    def render_message(message, language: str) -> str:
        with translation.override(language):
            if isinstance(message, ValidationError):
                text = message.message
                return str(text % message.params) if message.params else str(text)
            return str(message)

    @classmethod
    def from_validation_error(cls, error: ValidationError, message) -> ServiceError:
        fields: dict[str, list] = {}
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                fields[name] = list(errors)
        else:
            fields["__all__"] = list(error.error_list)
        return cls(message, field_errors=fields)


class NotAllowed(ServiceError):
    status_code = 403
    code = "forbidden"


class ReasonRequired(NotAllowed):
    """Allowed, but only with a stated reason (exempt documents)."""

    code = "reason_required"


class NotFound(ServiceError):
    status_code = 404
    code = "not_found"


class InvalidInput(ServiceError):
    status_code = 422
    code = "invalid"


class Conflict(ServiceError):
    status_code = 409
    code = "conflict"
