"""Partner recommendation in the demo: once every area has loaded, the model is queued for a build.

The demo's suggestions are learnt from the demo's own directory and partnering (no fact of
this area's own, so nothing here carries a source). Loading again queues nothing when the
model was built from the same data (its fingerprint) or a build is already queued.
"""

from biocluster.core.demo import DemoContext, register

from . import services
from . import snapshot as store
from .models import Decline, Introduction, ModelBuild


def flush(context: DemoContext) -> None:
    Decline.objects.all().delete()
    Introduction.objects.all().delete()
    ModelBuild.objects.all().delete()
    store.remove_except(set())
    store.forget()


@register("recommendations", order=190, flush=flush)
def load(context: DemoContext) -> None:
    latest = services.latest_build()
    if services.running_build() is not None or (
        latest is not None and latest.fingerprint == services.fingerprint()
    ):
        context.count("recommender builds queued", 0)
        return
    services.start_build(actor=None)
    context.count("recommender builds queued", 1)
