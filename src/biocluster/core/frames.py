"""A page rendered once with a token in place of each of its values, then filled in per request.

Around its own values (a name, some dates, a table), what a page shows an anonymous visitor
is the same from one request to the next: the header, the menu, the footer, the page's
structure. Rendering it with the templates cost several times a bare response (issue 11:
the week calendar). So the page is rendered once per process, template, language and
`shape` (the values that change its structure: a view, a flag) with tokens in place of its
values, of the CSRF token and of the request's path; each request replaces the tokens, in
one pass, by its own values, escaped unless marked safe.

Only for anonymous visitors without messages, as the directory's whole-page cache: a
signed-in person's header names them and their menu follows their roles.

A value must reach the page as the template prints it (`{{ value }}`), never through a
filter or a tag that would read it: the view formats dates and reverses URLs itself.
"""

import re
import secrets

from django.contrib import messages
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

SECONDS = 600
# Random per process: text a person typed into a value cannot spell a token.
_MARK = f"frame{secrets.token_hex(6)}"
_TOKEN = re.compile(_MARK + r"-([a-z_]+)-")
_CSRF, _PATH = "csrf_token", "request_path"


def shareable(request) -> bool:
    """Whether the page this request asks for is the same for every anonymous visitor."""
    return not request.user.is_authenticated and not len(messages.get_messages(request))


def _token(name: str) -> str:
    return f"{_MARK}-{name}-"


def _tokens(values: dict) -> dict:
    """`values` with a token for each, a dict of values giving a dict of tokens."""
    return {
        name: {key: _token(f"{name}__{key}") for key in value} if isinstance(value, dict) else _token(name)
        for name, value in values.items()
    }


def _texts(values: dict) -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, dict):
            flat.update({f"{name}__{key}": _text(item) for key, item in value.items()})
        else:
            flat[name] = _text(value)
    return flat


def _text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, SafeString) else escape(value)


def render_shared(request, template: str, *, shape: dict, values: dict) -> str:
    """The page as `render_to_string(template, {**shape, **values}, request)` makes it."""
    key = ":".join(["frame", template, get_language() or "", *(f"{k}={shape[k]}" for k in sorted(shape))])
    local = caches["local"]
    frame = local.get(key)
    if frame is None:
        frame = render_to_string(template, {**shape, **_tokens(values), "csrf_token": _token(_CSRF)}, request)
        path = escape(request.get_full_path())
        if path in frame:
            frame = frame.replace(path, _token(_PATH))
            local.set(key, frame, SECONDS)
    texts = _texts(values)
    texts[_CSRF] = get_token(request)
    texts[_PATH] = escape(request.get_full_path())
    return _TOKEN.sub(lambda match: texts[match.group(1)], frame)
