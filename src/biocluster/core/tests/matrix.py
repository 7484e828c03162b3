"""Site-wide rows of the permission matrix."""

PAGES = {
    ("home", None, "get"): "200 200 200 200 200 200 200",
    ("ok", None, "get"): "200 200 200 200 200 200 200",
    ("set_language", None, "post"): "302 302 302 302 302 302 302",
}
BODIES = {("set_language", "post"): {"language": "fr", "next": "/"}}
