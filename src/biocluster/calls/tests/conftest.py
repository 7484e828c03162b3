import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Attachments go to a temporary folder, never to the real data folder."""
    settings.CALLS_PRIVATE_ROOT = tmp_path / "private"
