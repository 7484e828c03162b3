"""gunicorn's settings for Biocluster (read from the working directory).

The application is loaded, and warmed up (biocluster/config/wsgi.py), once in
the master before it accepts connections; workers are forked from it, so the
first request each worker serves costs no more than the next. The chart
renderer cannot start before the fork (its threads would not follow): each
worker starts it in the background as soon as it is forked.
"""

preload_app = True


def post_fork(server, worker):
    from biocluster.core.charts import start_renderer_in_background

    start_renderer_in_background()
