"""The demo's prospect arriving through soft landing: its space request (estate's demo, loaded
before cooperation's) is linked to its case once cooperation's demo has made it. Loaded once."""

from django.contrib.auth import get_user_model

from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC

from . import services, space_requests
from .demo_flow import PROSPECT
from .models import SpaceRequest

STAFF_LOGIN = "staff-entreprises"  # as the estate's demo
CASE = "Maple Genomics"  # cooperation's demo case


@register("estate soft landing", order=71)
def load(context: DemoContext) -> None:
    case = services.soft_landings().filter(name=CASE).first()
    if case is None:
        return
    actor = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    linked = 0
    for row in SpaceRequest.objects.filter(prospect=PROSPECT, soft_landing__isnull=True, source=SYNTHETIC):
        space_requests.link_soft_landing(actor=actor, space_request=row, soft_landing=case)
        linked += 1
    context.count("space requests linked to their soft-landing case", linked)
