"""Bounds shared by the models, the overlap queries and the database guarantee."""

# A booking (or maintenance period) never blocks more than this: it bounds the
# look-back of every overlap query, which keeps them on the (instrument, start)
# index, and the SQLite triggers rely on it in the same way.
MAX_BLOCK_MINUTES = 31 * 24 * 60
MAX_BUFFER_MINUTES = 24 * 60
MAX_OCCURRENCES = 104
MAX_BULK_DECISIONS = 100  # bookings approved or declined in one request
