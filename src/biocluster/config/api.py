from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from biocluster.core.api_auth import TokenOrSession
from biocluster.directory.api import router as directory_router

api = NinjaAPI(
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


@api.exception_handler(NinjaValidationError)
def invalid_input(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=422)


api.add_router("/", directory_router)
