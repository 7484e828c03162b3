"""The reasons as a person reads them, in both languages."""

import pytest
from django.utils import translation

from biocluster.recommendations.engine import Reason
from biocluster.recommendations.words import sentence


@pytest.mark.parametrize(
    ("language", "values", "expected"),
    [
        (
            "en",
            {"partners": 16, "recent_links": 10, "since": 2024},
            "active: 16 partners, 10 links since 2024",
        ),
        (
            "fr",
            {"partners": 16, "recent_links": 10, "since": 2024},
            "actif : 16 partenaires, 10 liens depuis 2024",
        ),
        ("en", {"partners": 2, "recent_links": 0, "since": 2024}, "2 partners, no link since 2024"),
        ("fr", {"partners": 2, "recent_links": 0, "since": 2024}, "2 partenaires, aucun lien depuis 2024"),
        ("fr", {"partners": 1, "recent_links": 0, "since": 2024}, "1 partenaire, aucun lien depuis 2024"),
        ("en", {"partners": 3, "recent_links": 3, "since": None}, "active: 3 partners"),
    ],
)
def test_a_candidate_without_recent_links_is_not_called_active(language, values, expected):
    with translation.override(language):
        assert sentence(Reason("active", values)) == expected


def test_every_signal_of_the_engine_has_a_name_for_people():
    from biocluster.recommendations.engine.features import NAMES
    from biocluster.recommendations.words import SIGNALS

    assert set(SIGNALS) == set(NAMES)
    with translation.override("en"):
        english = {name: str(label) for name, label in SIGNALS.items()}
    with translation.override("fr"):
        untranslated = [name for name, label in SIGNALS.items() if str(label) == english[name]]
    assert untranslated == []
