"""A page rendered once with a token in place of each of its values, then filled in per request.

Around its own values (a name, some dates, a table), what a page shows an anonymous visitor
is the same from one request to the next: the header, the menu, the footer, the page's
structure. Rendering it with the templates cost several times a bare response (issue 11:
the week calendar). So the page is rendered once per process, template, language and
`shape` (the values that change its structure: a view, a flag) with tokens in place of its
values, of the CSRF token and of the request's path; each request replaces the tokens, in
one pass, by its own values, escaped unless marked safe.

Only for pages without messages (those are the request's own). A signed-in person's header
names them and their menus follow their roles: their e-mail is a value, and the frame is kept
per set of menus (`_viewer`), so people who see the same menus share it; the frame is
rendered with a stand-in user whose e-mail is a token.

A value must reach the page as the template prints it (`{{ value }}`), never through a
filter or a tag that would read it: the view formats dates and reverses URLs itself.
"""

import hashlib
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
    """Whether the page this request asks for may come from a frame: no message to show."""
    return not len(messages.get_messages(request))


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


class _SignedIn:
    """The signed-in person as the frame's templates read them (core/base.html): their e-mail
    is a token, filled in per request."""

    is_authenticated = True
    is_anonymous = False
    email = _token("viewer_email")


_SIGNED_IN = _SignedIn()


def _viewer(request) -> tuple[str, dict, dict]:
    """What of the viewer the page shows: the frame's key, the context it is rendered with and
    the values filled in. Anonymous visitors all share one frame; a signed-in person shares it
    with those who see the same menus (core.context_processors.navigation)."""
    user = request.user
    if not user.is_authenticated:
        return "anonymous", {}, {}
    from .context_processors import navigation

    seen = navigation(request)
    menus = (
        seen["is_cluster_staff"],
        seen["demo_mode"],
        [entry.route for entry in seen["menu"]],
        [entry.route for entry in seen["account_menu"]],
        [action.route for action in seen["page_actions"]],
    )
    key = hashlib.blake2b(repr(menus).encode(), digest_size=12).hexdigest()
    return key, {"user": _SIGNED_IN}, {"viewer_email": user.email}


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
    viewer, stand_ins, viewer_values = _viewer(request)
    key = ":".join(
        ["frame", template, get_language() or "", viewer, *(f"{k}={shape[k]}" for k in sorted(shape))]
    )
    values = {**values, **viewer_values}
    local = caches["local"]
    frame = local.get(key)
    if frame is None:
        context = {**shape, **_tokens(values), **stand_ins, "csrf_token": _token(_CSRF)}
        frame = render_to_string(template, context, request)
        path = escape(request.get_full_path())
        if path in frame:
            frame = frame.replace(path, _token(_PATH))
            local.set(key, frame, SECONDS)
    texts = _texts(values)
    texts[_CSRF] = csrf_token(request)
    texts[_PATH] = escape(request.get_full_path())
    return _TOKEN.sub(lambda match: texts[match.group(1)], frame)
