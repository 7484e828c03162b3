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

import html
import re
import secrets

from django.contrib import messages
from django.core.cache import caches
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
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


# A visitor without the CSRF cookie gets a new secret and every page a new mask: Django draws
# their 64 characters one system call each (`secrets.choice`), 0.4 ms, more than twice a bare
# page (issue 11). The same draws from one call for all: a byte below 248 (4 x 62) taken
# modulo 62 is uniform over the alphabet; the others are thrown away.
_ALPHABET = CSRF_ALLOWED_CHARS
_BASE = len(_ALPHABET)
_INDEX = {char: index for index, char in enumerate(_ALPHABET)}
_LIMIT = 256 - 256 % _BASE


def _draw(count: int) -> list[int]:
    """`count` indices into the alphabet, uniform and from the system's generator."""
    drawn: list[int] = []
    while len(drawn) < count:
        drawn += [byte % _BASE for byte in secrets.token_bytes(count + 16) if byte < _LIMIT]
    return drawn[:count]


def csrf_token(request) -> str:
    """What `django.middleware.csrf.get_token` returns, and with the same side effects (the
    secret put in request.META for the middleware to set as the cookie), drawn faster."""
    meta = request.META
    secret = meta.get("CSRF_COOKIE")
    if secret is None or len(secret) != CSRF_SECRET_LENGTH or set(secret) - _INDEX.keys():
        secret = "".join(_ALPHABET[index] for index in _draw(CSRF_SECRET_LENGTH))
        meta["CSRF_COOKIE"] = secret
    meta["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _draw(CSRF_SECRET_LENGTH)
    cipher = "".join(_ALPHABET[(_INDEX[char] + m) % _BASE] for char, m in zip(secret, mask, strict=True))
    return "".join(_ALPHABET[m] for m in mask) + cipher


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
    # `django.utils.html.escape` without its lazy-string wrapper: the same text, cheaper.
    return value if isinstance(value, SafeString) else html.escape(str(value))


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
    texts[_CSRF] = csrf_token(request)
    texts[_PATH] = escape(request.get_full_path())
    return _TOKEN.sub(lambda match: texts[match.group(1)], frame)
