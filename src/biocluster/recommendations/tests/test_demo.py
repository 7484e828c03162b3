"""The demo queues one build of the model, and loading again queues none."""

import pytest

from biocluster.recommendations import demo, services
from biocluster.recommendations.models import BuildStatus, ModelBuild

pytestmark = pytest.mark.django_db


class Context:
    def __init__(self):
        self.counts = {}

    def count(self, label, value):
        self.counts[label] = value


def test_the_demo_builds_the_model_once(small_world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(Context())
    assert ModelBuild.objects.get().status == BuildStatus.DONE
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(Context())
    assert ModelBuild.objects.count() == 1
    assert services.current_model() is not None
    demo.flush(Context())
    assert ModelBuild.objects.count() == 0 and services.current_model() is None
