"""What the benchmarks share: a gunicorn server started and waited for, a fresh PostgreSQL
database, another commit's source tree (before/after in one run), percentiles.

The benchmarks run as scripts (`.venv/bin/python benchmarks/NAME.py`): their folder is
first on `sys.path`, so each imports this module as `support`.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_HOST = "127.0.0.1"
PG_USER = "postgres"
# A loaded machine (the other helpers' tests, a WSGI warm-up) can take minutes to start a server.
START_TIMEOUT = 600


def inside(script: str, env: dict, *arguments: str) -> dict:
    """Run `script` with `arguments` in a subprocess inside the project (its Django settings in
    `env`) and return what it printed after "RESULT " (JSON). Its output is shown if it fails."""
    out = subprocess.run(
        [str(BIN / "python"), script, *arguments], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode:
        print(out.stdout[-4000:], out.stderr[-4000:])
        out.check_returncode()
    line = next(line for line in reversed(out.stdout.splitlines()) if line.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: str) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def _pids(*command: str) -> list[str]:
    return subprocess.run(list(command), capture_output=True, text=True, check=False).stdout.split()


def cpu_now(server_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the server's workers, by PostgreSQL's processes (all of them:
    a local server, its backends serving the workers) and by this process (the clients).

    The difference over a run, divided by its requests, is what a request costs whatever else
    the machine is doing, where a latency percentile follows the machine's load (Linux only)."""
    workers = _pids("pgrep", "-P", str(server_pid))
    postgres = _pids("pgrep", "-u", "postgres")
    own = os.times()
    return {
        "server": sum(_cpu_seconds(pid) for pid in workers),
        "postgres": sum(_cpu_seconds(pid) for pid in postgres),
        "clients": own.user + own.system,
    }


def cpu_per_request(before: dict, after: dict, requests: int) -> dict[str, float]:
    """CPU milliseconds per request, by process, between two `cpu_now` readings."""
    out = {name: round((after[name] - before[name]) / max(requests, 1) * 1000, 3) for name in before}
    out["total"] = round(sum(out.values()), 3)
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_postgres(name: str) -> str:
    """An empty PostgreSQL database `name` (dropped first if it exists): its URL."""
    drop_postgres(name, check=True)
    subprocess.run(["createdb", "-h", PG_HOST, "-U", PG_USER, name], check=True)
    return f"postgres://{PG_USER}@{PG_HOST}:5432/{name}"


def drop_postgres(name: str, *, check: bool = False) -> None:
    subprocess.run(["dropdb", "-h", PG_HOST, "-U", PG_USER, "--if-exists", name], check=check)


def postgres_exists(name: str) -> bool:
    listed = subprocess.run(
        ["psql", "-h", PG_HOST, "-U", PG_USER, "-lqtA"], capture_output=True, text=True, check=True
    )
    return name in {line.split("|", 1)[0] for line in listed.stdout.splitlines()}


def export_source(ref: str, into: Path) -> Path:
    """The `src` tree of commit `ref` under `into`, with the compiled catalogues of the working tree.

    Put `into / "src"` first on PYTHONPATH to run that commit's code with this virtualenv,
    and run gunicorn from `into` for that commit's gunicorn.conf.py.
    """
    paths = ["src"]
    # Its gunicorn settings too (preloading, warm-up), so that its server starts as it would.
    if subprocess.run(["git", "cat-file", "-e", f"{ref}:gunicorn.conf.py"], cwd=ROOT).returncode == 0:
        paths.append("gunicorn.conf.py")
    archive = subprocess.run(["git", "archive", ref, *paths], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    for catalogue in (ROOT / "src").rglob("*.mo"):
        target = into / catalogue.relative_to(ROOT)
        if target.parent.exists():
            shutil.copy(catalogue, target)
    return into


def timed_get(port: int, path: str, timeout: float = 120, cookie: str = "") -> tuple[float, int]:
    """One request on a new connection (signed in with a session `cookie` when given): its
    latency in ms and its status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    try:
        response = connection.getresponse()
        response.read()
        status = response.status
    except http.client.RemoteDisconnected:
        status = 0  # the worker was killed (past gunicorn's timeout, 30 s) before it answered
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return elapsed, status


def production_server() -> tuple[int, int]:
    """(workers, threads) as gunicorn.conf.py sets them in production, on this machine."""
    import runpy

    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return settings["workers"], settings["threads"]


def server_shape(text: str) -> tuple[int, int]:
    """An argparse type: "5x1" is (5 workers, 1 thread each)."""
    import argparse

    try:
        workers, threads = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WORKERSxTHREADS, e.g. 5x1") from None
    if workers < 1 or threads < 1:
        raise argparse.ArgumentTypeError("workers and threads are at least 1")
    return workers, threads


def add_server_options(parser) -> None:
    """`--server` and `--baseline-server`: gunicorn's shape for the current and baseline variants."""
    parser.add_argument(
        "--server", type=server_shape, help="WORKERSxTHREADS of gunicorn (default: gunicorn.conf.py's)"
    )
    parser.add_argument("--baseline-server", type=server_shape, help="WORKERSxTHREADS for the baseline")


def server_shapes(args) -> dict[str, tuple[int, int]]:
    """{"current": (workers, threads), "baseline": ...} from `add_server_options`'s arguments."""
    current = args.server or production_server()
    return {"current": current, "baseline": args.baseline_server or current}


class Server:
    """gunicorn serving the project on a free port, waited for until it accepts connections.

        with Server(env, workers=5, threads=1) as server:
            timed_get(server.port, "/ok")

    `startup_ms` is the time from launch until it accepted a connection. The project's
    gunicorn.conf.py applies (from `cwd`). Its standard error goes to `log` when given.
    """

    def __init__(
        self,
        env: dict,
        *,
        workers: int = 1,
        threads: int | None = None,
        cwd: Path = ROOT,
        log: Path | None = None,
        extra: tuple[str, ...] = ("--log-level", "warning"),
    ):
        self.port = free_port()
        self.log = log.open("a") if log is not None else None
        command = [str(BIN / "gunicorn"), "biocluster.config.wsgi", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--workers", str(workers)]
        if threads is not None:
            command += ["--threads", str(threads)]
        launched = time.perf_counter()
        self.process = subprocess.Popen([*command, *extra], env=env, cwd=cwd, stderr=self.log)
        try:
            self._wait(launched)
        except BaseException:
            self.stop()
            raise
        self.startup_ms = (time.perf_counter() - launched) * 1000

    def _wait(self, launched: float) -> None:
        while time.perf_counter() - launched < START_TIMEOUT:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode} before accepting")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"gunicorn did not accept connections within {START_TIMEOUT} s")

    def stop(self) -> None:
        """Terminate it, and kill it if it has not stopped within two minutes (a loaded machine)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log is not None:
            self.log.close()
            self.log = None

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
