"""An API action on one object, the same way in every app.

`POST /api/<things>/{pk}/<verb>` always does four things in this order: fetch the object among
those the user may see (404 otherwise), require the named rule on it (403), call the service
with the acting user, and answer: the object read again (or what the service returned), a 409
for the service's refusals that are conflicts, a 422 for any other refusal (a ValidationError,
answered by the API's exception handler).

    responses = Actions(_responses, target="response", out=response_out)

    def submit_response(request, pk, payload):
        return responses.act(request, pk, "survey.answer_response", services.submit_response,
                             values=payload.answers)

Arguments that need checking themselves (ids to read, which may be a 422) are given as
`prepare`, a function returning them, called once the object is found and the rule held: a
user who may not see the object learns nothing from its body.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ninja import Status

from .access import get_visible_or_404, require


@dataclass(frozen=True)
class Actions:
    """The API actions on one kind of object.

    `rows(request)` is the queryset the request's user reads them through (`visible_to` is
    applied on fetching), `target` the services' keyword for the object, `out` its API body.
    """

    rows: Callable
    target: str
    out: Callable

    def get(self, request, pk: int, rule: str):
        """The object `pk` the user may see (404) and on which they hold `rule` (403)."""
        obj = get_visible_or_404(self.rows(request), request.user, pk=pk)
        require(request.user, rule, obj)
        return obj

    def act(
        self,
        request,
        pk: int,
        rule: str,
        service: Callable,
        /,
        *,
        prepare: Callable[[], Mapping] | None = None,
        answer: Callable | None = None,
        status: int = 200,
        conflicts: Mapping[type[Exception], Callable] | None = None,
        **arguments,
    ):
        """Call `service(actor=user, <target>=obj, **arguments)` on the object; answer `status`
        with `answer(result)`, by default the object read again as `out` shapes it. `conflicts`
        maps the service's exceptions that are conflicts to the body of their 409 (an operation
        declaring a 409 names them; any other ValidationError is the API's 422)."""
        conflicts = conflicts or {}
        obj = self.get(request, pk, rule)
        if prepare is not None:
            arguments |= prepare()
        try:
            result = service(actor=request.user, **{self.target: obj}, **arguments)
        except tuple(conflicts) as error:
            body = next(shape for kind, shape in conflicts.items() if isinstance(error, kind))
            return Status(409, body(error))
        if answer is not None:
            return Status(status, answer(result))
        return Status(status, self.out(self.rows(request).get(pk=obj.pk)))
