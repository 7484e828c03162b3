"""API authentication: a bearer token, or the browser session for reading.

A request without credentials is served as the anonymous public; a request
with a bad token gets a 401 rather than falling back to anonymous. Writes
need a token, so that no cross-site form can act with a session cookie.
"""

from ninja.security import HttpBearer

from biocluster.accounts.models import ApiToken

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenOrSession(HttpBearer):
    def __call__(self, request):
        if request.headers.get("Authorization"):
            return super().__call__(request)
        if request.method in SAFE_METHODS:
            return request.user
        return None

    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user
