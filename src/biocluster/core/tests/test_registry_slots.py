"""core.registry's named slots: a page draws what areas registered, in order, without knowing them."""

from django.template import Context, Template
from django.test import RequestFactory

from biocluster.core import registry


def test_a_slot_draws_its_sections_in_order_and_skips_empty_ones(monkeypatch):
    monkeypatch.setattr(registry, "_slots", {})
    registry.add_slot_section("test.slot", lambda request, obj: f"<b>second {obj}</b>", order=20)
    registry.add_slot_section("test.slot", lambda request, obj: "", order=5)
    registry.add_slot_section("test.slot", lambda request, obj: f"<i>first {obj}</i>", order=10)
    request = RequestFactory().get("/")
    html = Template('{% load slots %}{% slot "test.slot" thing %}').render(
        Context({"request": request, "thing": "x"})
    )
    assert html == "<i>first x</i><b>second x</b>"
    assert (
        Template('{% load slots %}{% slot "test.none" thing %}').render(Context({"request": request})) == ""
    )
