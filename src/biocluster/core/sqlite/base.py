"""Django's SQLite backend, which also keeps the query planner's statistics up to date.

SQLite chooses among indexes from the statistics that ANALYZE writes (`sqlite_stat1`); without
them it guesses from the schema alone. The benchmarks ANALYZE their databases before measuring,
but nothing analysed a production database, so its plans could differ from those measured.
SQLite's advice to applications is to run `PRAGMA optimize` as each connection closes: it
analyses the tables the connection used whose statistics are missing or stale, and with
`analysis_limit` it reads a sample of each index (milliseconds, even at a million rows).
"""

import sqlite3

from django.db.backends.sqlite3 import base

ANALYSIS_LIMIT = 400  # rows read per index: SQLite's own suggestion


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self):
        if self.connection is not None and not self.connection.in_transaction:
            try:
                # A connection that closes never waits long for another's write lock: the next
                # one to close will analyse what is left.
                self.connection.execute("PRAGMA busy_timeout=200")
                self.connection.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
                self.connection.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
        super()._close()
