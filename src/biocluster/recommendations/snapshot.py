"""A fitted recommender with what the app needs beside it, kept in a pickle file per build.

`Snapshot` holds the engine's model and, per organisation id, its kind and country
(for the filters of the organisation's page, answered without a query). The file is
written by the build's worker and read once per process (`load`), then served from
memory until a newer build is done.
"""

import os
import pickle
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings


@dataclass
class Snapshot:
    recommender: object
    kinds: dict[str, set[str]] = field(default_factory=dict)  # kind -> organisation ids
    countries: dict[str, set[str]] = field(default_factory=dict)  # country -> organisation ids
    size: int = 0

    def restrict(self, *, kind: str = "", country: str = "", candidates=None) -> set[str] | None:
        """The candidate ids the filters leave (None: no restriction)."""
        pools = []
        if candidates is not None:
            pools.append(set(candidates))
        if kind:
            pools.append(self.kinds.get(kind, set()))
        if country:
            pools.append(self.countries.get(country, set()))
        if not pools:
            return None
        pools.sort(key=len)
        result = set(pools[0])
        for pool in pools[1:]:
            result &= pool
        return result


def directory() -> Path:
    return Path(getattr(settings, "RECOMMENDATIONS_DIR", settings.DATA_DIR / "recommendations"))


def save(snapshot: Snapshot, name: str) -> str:
    """Write `snapshot` atomically (a temporary file renamed) as `name` in the models' directory."""
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as output:
            pickle.dump(snapshot, output, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


def remove_except(keep: set[str]) -> None:
    """Delete the model files not in `keep` (older builds)."""
    folder = directory()
    if not folder.exists():
        return
    for path in folder.glob("model-*.pickle"):
        if path.name not in keep:
            path.unlink(missing_ok=True)


_lock = threading.Lock()
_loaded: dict[str, Snapshot] = {}


def load(name: str) -> Snapshot | None:
    """The snapshot in file `name`, read once per process (None if the file is gone)."""
    snapshot = _loaded.get(name)
    if snapshot is not None:
        return snapshot
    with _lock:
        snapshot = _loaded.get(name)
        if snapshot is None:
            path = directory() / name
            try:
                with path.open("rb") as source:
                    snapshot = pickle.load(source)  # noqa: S301 - our own file, written by our worker
            except FileNotFoundError:
                return None
            if not _current(snapshot):
                return None
            _loaded.clear()  # one model in memory: the newest
            _loaded[name] = snapshot
    return snapshot


def _current(snapshot: Snapshot) -> bool:
    """False for a model pickled by an engine with other signals (an upgrade): it is rebuilt, not used."""
    from .engine.features import NAMES

    return len(getattr(snapshot.recommender, "weights", ())) == len(NAMES)


def forget() -> None:
    _loaded.clear()
