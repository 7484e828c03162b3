"""The directory's demo data: real organisations of the seeds and a synthetic cluster around them.

Registered first (order 0) with `biocluster load_demo`: every other area's demo
points at these organisations and people. See `loader` for what is loaded.
"""

from biocluster.core.demo import register

from .loader import flush, load

register("directory", order=0, flush=flush)(load)
