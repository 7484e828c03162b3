"""The partner recommender: pure Python (no Django), learnt from the link graph's own past.

from biocluster.recommendations.engine import Organisation, Link, Recommender, english
model = Recommender.fit(organisations, links, seed=0)
for s in model.suggest("org-1", k=10, exclude=declined):
    print(s.candidate, s.score, [english(r) for r in s.reasons])
"""

from .reasons import CODES, english
from .recommender import Recommender, UnknownOrganisation
from .types import Link, Organisation, Reason, Suggestion

__all__ = [
    "CODES",
    "Link",
    "Organisation",
    "Reason",
    "Recommender",
    "Suggestion",
    "UnknownOrganisation",
    "english",
]
