"""What every page's forms share."""

from django.core.exceptions import ValidationError


def add_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when the form has one, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
