"""The rows an object owns (a contract's instalments, a project's plan rows, the cluster's
memberships): one way to write them and one way to show their forms.

The writes are what every app's services did on their own: check, validate, save and audit in
that order, so that a refused row leaves neither a row nor an audit event. The pages call a
service with a form's values and put its refusal on the form, so that a rule is said once, in
the service, whether the write comes from a page, the API, the admin or the demo.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from .forms import add_error


def apply_changes(obj, changes: Mapping, allowed: tuple[str, ...], *, strip: bool = False) -> None:
    """Set `changes` on `obj`; a field outside `allowed` is refused (nothing else may be changed)."""
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError({name: [_("This cannot be changed.")]})
        setattr(obj, name, value.strip() if strip and isinstance(value, str) else value)


def add_row(obj, *, actor, action: str, check: Callable | None = None, exclude=()):
    """Save a new `obj` once `check` and the model's own validation accept it, audited as `action`."""
    if check is not None:
        check(obj)
    obj.full_clean(exclude=list(exclude))
    obj.save()
    audit.record_create(actor=actor, obj=obj, action=action)
    return obj


def change_row(
    obj,
    changes: Mapping,
    *,
    actor,
    action: str,
    allowed: tuple[str, ...],
    check: Callable | None = None,
    strip: bool = False,
    before=None,
    exclude=(),
):
    """Apply `changes` to `obj` and save it once checked, audited as `action` against `before`
    (the stored row's values by default: the caller may have changed the instance already)."""
    before = audit.snapshot(obj) if before is None else before
    apply_changes(obj, changes, allowed, strip=strip)
    if check is not None:
        check(obj)
    obj.full_clean(exclude=list(exclude))
    obj.save()
    audit.record_update(actor=actor, obj=obj, action=action, before=before)
    return obj


def remove_row(obj, *, actor, action: str) -> None:
    """Delete `obj`, its last values kept in the audit trail."""
    audit.record_delete(actor=actor, obj=obj, action=action)
    obj.delete()


@dataclass(frozen=True)
class Kind:
    """One kind of row as the services write it: its audit actions (`<prefix>.<verb>`, verbs
    for add, change and remove), the fields a change may set, its check, whether a change
    strips text and first locks the stored row (`select_for_update`, inside the service's
    transaction). The services keep their own signatures and call `add`, `change`, `remove`.

        TASKS = rows.Kind("euprojects.task", editable=("number", "title"), check=_check_task)

        @transaction.atomic
        def update_task(*, actor, task, **changes):
            return TASKS.change(task, changes, actor=actor)
    """

    prefix: str
    editable: tuple[str, ...] = ()
    check: Callable | None = None
    strip: bool = False
    lock: bool = False
    verbs: tuple[str, str, str] = ("created", "updated", "deleted")

    def add(self, obj, *, actor):
        return add_row(obj, actor=actor, action=f"{self.prefix}.{self.verbs[0]}", check=self.check)

    def change(self, obj, changes: Mapping, *, actor):
        if self.lock:
            obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        return change_row(
            obj,
            changes,
            actor=actor,
            action=f"{self.prefix}.{self.verbs[1]}",
            allowed=self.editable,
            check=self.check,
            strip=self.strip,
        )

    def remove(self, obj, *, actor) -> None:
        remove_row(obj, actor=actor, action=f"{self.prefix}.{self.verbs[2]}")


def form_page(
    request,
    form,
    *,
    template: str,
    write: Callable,
    done: Callable,
    message: str,
    context: Mapping | None = None,
    refused_status: int = 200,
):
    """GET: the form. POST: `write(cleaned_data)` called once the form is valid; then `message`
    and a redirect to `done(written)`, or the service's refusal on the form (nothing saved)."""
    if request.method == "POST" and form.is_valid():
        try:
            written = write(form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, message)
            return redirect(done(written))
    status = refused_status if request.method == "POST" else 200
    return render(request, template, {**(context or {}), "form": form}, status=status)


def act_and_back(request, act: Callable, *, message: str, back: str):
    """Call `act()` (a removal, a move); its refusal (e.g. a row still used) is said as an error, then back to `back`."""
    try:
        act()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect(back)
