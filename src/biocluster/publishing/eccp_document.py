"""The ECCP profile as a document: the same data as the page and the JSON (`eccp.profile`),
typeset by Typst (`eccp.typ`) in French or in English."""

from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core.typesetting import render_pdf

from . import eccp

TEMPLATE = Path(__file__).with_name("eccp.typ")


def _labels() -> dict[str, str]:
    return {
        "title": _("European Cluster Collaboration Platform profile"),
        "general": _("General information"),
        "cluster": _("Cluster organisation"),
        "established": _("Established"),
        "staff": _("Staff of the cluster organisation"),
        "composition": _("Composition of the cluster"),
        "members": _("Total number of members"),
        "smes": _("SME members"),
        "startups": _("Start-ups among the SME members"),
        "large_companies": _("Larger company members"),
        "research_organisations": _("Research organisations, universities and technology centres"),
        "other_actors": _("Other ecosystem actors"),
        "services": _("Support services provided"),
        "networks": _("Membership of networks"),
        "partner_clusters": _("Clusters we collaborate with"),
        "key_facts": _("Key facts"),
        "none": "—",
        "page": _("Page"),
        "sources": _("Sources"),
    }


def eccp_data(language: str) -> dict:
    profile = eccp.profile(language)
    with translation.override(language):
        facts = profile["key_facts"]
        composition = profile["composition"]
        return {
            "lang": language,
            "labels": _labels(),
            "cluster": profile["cluster"],
            "staff": formatting.number(profile["staff"]),
            "composition": [
                {"label": _labels()[key], "value": formatting.number(composition[key])}
                for key in (
                    "members",
                    "smes",
                    "startups",
                    "large_companies",
                    "research_organisations",
                    "other_actors",
                )
            ],
            "services": [service["name"] for service in profile["services"]],
            "networks": [network["name"] for network in profile["networks"]],
            "partner_clusters": [
                f"{cluster['name']} ({formatting.country(cluster['country'])})"
                for cluster in profile["partner_clusters"]
            ],
            "key_facts_heading": (
                _("At the end of December %(year)s (published figures):") % {"year": facts["year"]}
                if facts["year"]
                else _("No figures are published yet.")
            ),
            "key_facts": [{"name": fact["name"], "shown": fact["shown"]} for fact in facts["figures"]],
            "sources": [str(text) for text in profile["sources"].values()],
        }


def eccp_pdf(language: str) -> bytes:
    return render_pdf(TEMPLATE.read_text(encoding="utf-8"), eccp_data(language))
