import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Signed documents go to a temporary folder, never the project's data."""
    settings.COOPERATION_PRIVATE_ROOT = tmp_path / "private"
