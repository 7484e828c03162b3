"""gunicorn's settings for Biocluster (read from the working directory).

The application is loaded, and warmed up (biocluster/config/wsgi.py), once in
the master before it accepts connections; workers are forked from it, so the
first request each worker serves costs no more than the next.
"""

preload_app = True
