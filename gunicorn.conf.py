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
and one more (gunicorn's own advice; `WEB_CONCURRENCY` sets another number).
Threads were measured and cost more than they give: on 2 cores, 20 clients, the
week calendar on PostgreSQL took 2.2-2.5 ms of worker CPU a request with 4
workers x 4 threads and 1.9-2.0 ms with 5 single-threaded workers, and its p95
fell from 45-49 to 29-31 ms (`/ok`: 16 to 12 ms). A page's threads queue for
the interpreter's lock whenever another thread of the process computes, each
time one comes back from the database; a process per request does not wait
for that. Put a buffering proxy (nginx) in front, as gunicorn asks of sync
workers, so that a slow client does not hold a worker.
"""

import os

preload_app = True
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
threads = 1
