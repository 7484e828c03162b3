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
"""

preload_app = True
