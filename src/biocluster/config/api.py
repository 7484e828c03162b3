from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from biocluster.accreditation.api import router as accreditation_router
from biocluster.calls.api import router as calls_router
from biocluster.cooperation.api import router as cooperation_router
from biocluster.core.api_auth import TokenOrSession
from biocluster.core.busy import RETRY_AFTER_SECONDS, is_database_busy
from biocluster.directory.api import router as directory_router
from biocluster.estate.api import router as estate_router
from biocluster.euprojects.api import router as euprojects_router
from biocluster.events.api import router as events_router
from biocluster.events.api_sessions import router as events_sessions_router
from biocluster.funders.api import router as funders_router
from biocluster.indicators.api import router as indicators_router
from biocluster.partnering.api import router as partnering_router
from biocluster.platforms.api import router as platforms_router
from biocluster.programmes.api import router as programmes_router
from biocluster.publishing.api import router as publishing_router
from biocluster.recommendations.api import router as recommendations_router
from biocluster.relations.api import router as relations_router
from biocluster.survey.api import router as survey_router

ERROR_BODY = {
    "type": "object",
    "properties": {"detail": {"anyOf": [{"type": "string"}, {"type": "array"}]}},
    "required": ["detail"],
}
ERRORS = {
    "400": "The body is not valid JSON.",
    "401": "Authentication needed: the token is missing, unknown or revoked.",
    "403": "The authenticated user may not do this.",
    "404": "No such object, or not visible to this user.",
    "422": "Invalid input; each error names its field.",
}


class BioclusterAPI(NinjaAPI):
    """Documents the errors every operation can answer, so that clients and fuzzers know them."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                wanted = (
                    ["401", "422"]
                    + (["404"] if "{" in path else [])
                    + (["400", "403"] if method != "get" else [])
                )
                responses = operation.setdefault("responses", {})
                for status in wanted:
                    responses.setdefault(
                        status,
                        {
                            "description": ERRORS[status],
                            "content": {"application/json": {"schema": ERROR_BODY}},
                        },
                    )
        return schema


api = BioclusterAPI(
    title="Biocluster API",
    version="1",
    description="The directory and, as they come, calls, programmes, platforms and events.",
    auth=TokenOrSession(),
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    """Refused to the anonymous public: 401, since signing in may change the answer; 403 otherwise."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        response = api.create_response(request, {"detail": "Authentication needed."}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response
    return api.create_response(request, {"detail": "You may not do this."}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    return api.create_response(request, {"detail": "Authentication needed."}, status=401)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request,
        {"detail": [{"loc": ["body", field], "msg": " ".join(msgs)} for field, msgs in errors.items()]},
        status=422,
    )


@api.exception_handler(OperationalError)
def database_busy(request, exc):
    """A write that waited the whole busy timeout: 503, try again (core/busy.py); anything else is a 500."""
    if not is_database_busy(exc):
        raise exc
    response = api.create_response(request, {"detail": "The database is busy; try again."}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@api.exception_handler(NinjaValidationError)
def invalid_input(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=422)


api.add_router("/", directory_router)
api.add_router("/", calls_router)
api.add_router("/", platforms_router)
api.add_router("/", programmes_router)
api.add_router("/", accreditation_router)
api.add_router("/", events_router)
api.add_router("/", events_sessions_router)
api.add_router("/", partnering_router)
api.add_router("/", indicators_router)
api.add_router("/", relations_router)
api.add_router("/", survey_router)
api.add_router("/", funders_router)
api.add_router("/", publishing_router)
api.add_router("/", recommendations_router)
api.add_router("/", cooperation_router)
api.add_router("/", euprojects_router)
api.add_router("/", estate_router)
