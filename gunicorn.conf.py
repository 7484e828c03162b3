"""gunicorn's settings for Biocluster (read from the working directory).

The application is loaded, and warmed up (biocluster/config/wsgi.py), once in
the master before it accepts connections; workers are forked from it, so the
first request each worker serves costs no more than the next.

vl-convert (the charts' renderer) is not started ahead, neither here nor in a
worker's background thread: its engine's threads would not follow a fork, and
starting it holds the interpreter's lock for its whole start (2 s, 20 s on the
loaded machine), so a worker would serve nothing meanwhile. Drawings are kept
in the shared cache instead (core.charts.drawn): a fresh worker reads the maps
and charts another process drew, without starting the renderer.

Processes, one request at a time each (gunicorn's sync workers), two per core
and one more (gunicorn's own advice), at most 16 unless `WEB_CONCURRENCY` sets
the number: each worker keeps a database connection open (CONN_MAX_AGE), and
PostgreSQL allows 100 by default, shared with the task worker and any other
server.
Threads were measured and cost more than they give (benchmarks/platforms.py,
2 cores, 20 clients, the same code and database): with 4 workers x 4 threads
the week calendar's p95 was 39-62 ms, with 5 single-threaded workers 25-34 ms,
and the workers' CPU per calendar 2.2-2.4 ms against 1.9-2.2 ms; `/ok` gained
too (its p95 14-17 ms against 11-16). A process's threads share one interpreter
lock, taken back after every database call, and sixteen threads contend for
two cores where five processes take turns. One client alone waits 0.3-0.7 ms
more (a sync worker closes the connection after each response). Put a
buffering proxy (nginx) in front, as gunicorn asks of sync workers, so that a
slow client does not hold a worker.
"""

import os

preload_app = True
MAX_DEFAULT_WORKERS = 16
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1) + 1, MAX_DEFAULT_WORKERS))
threads = 1
