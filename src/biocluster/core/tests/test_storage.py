"""The private storage that proposal attachments, milestone evidence and signed agreements share."""

from pathlib import Path

from biocluster.calls.storage import private_storage as calls_storage
from biocluster.cooperation.storage import private_storage as cooperation_storage
from biocluster.core.storage import PrivateStorage, private_storage
from biocluster.programmes.models import Milestone


def test_each_app_may_point_its_files_elsewhere_and_all_default_to_the_private_folder(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    for name in ("PRIVATE_ROOT", "CALLS_PRIVATE_ROOT", "COOPERATION_PRIVATE_ROOT"):
        setattr(settings, name, None)
    default = str((tmp_path / "private").resolve())
    assert private_storage().location == calls_storage().location == cooperation_storage().location == default
    settings.CALLS_PRIVATE_ROOT = tmp_path / "calls"
    assert Path(calls_storage().location) == (tmp_path / "calls").resolve()
    assert private_storage().location == default  # read when used, per setting


def test_milestone_evidence_is_kept_by_core_not_by_calls():
    # The programmes' models import no other domain app for their storage (the survey's and
    # the estate's import contracts are strict again because of it).
    storage = Milestone._meta.get_field("evidence_file")._storage_callable
    assert storage is private_storage


def test_the_storage_deconstructs_with_its_setting():
    assert PrivateStorage("CALLS_PRIVATE_ROOT").deconstruct() == (
        "biocluster.core.storage.PrivateStorage",
        (),
        {"setting": "CALLS_PRIVATE_ROOT"},
    )
