"""The database's guarantee that an instrument is never booked twice (core.overlap).

PostgreSQL: an exclusion constraint over the instrument and the range [start, blocked_until)
of every active booking; SQLite: triggers refusing an overlapping insert or update.
"""

from biocluster.core.overlap import OverlapGuarantee

from .limits import MAX_BLOCK_MINUTES

OVERLAP_CONSTRAINT = "platforms_booking_no_overlap"
TABLE = "platforms_booking"
# The same list as models.ACTIVE_STATUSES; a test checks that they agree.
ACTIVE_SQL = "('requested', 'confirmed', 'checked_in', 'completed')"

GUARANTEE = OverlapGuarantee(
    name=OVERLAP_CONSTRAINT,
    table=TABLE,
    exclude=(
        '(instrument_id WITH =, tstzrange("start", "blocked_until", \'[)\') WITH &&) '
        f"WHERE (status IN {ACTIVE_SQL})"
    ),
    active=f"NEW.status IN {ACTIVE_SQL}",
    watched='instrument_id, status, "start", "blocked_until"',
    # Django stores SQLite datetimes as UTC text ("YYYY-MM-DD HH:MM:SS[.ffffff]"), which
    # compares in time order. The lower bound on "start" keeps the lookup on the
    # (instrument, start) index: no booking blocks longer than MAX_BLOCK_MINUTES.
    clash=(
        f"other.instrument_id = NEW.instrument_id AND other.status IN {ACTIVE_SQL} "
        'AND other."start" < NEW."blocked_until" '
        f'AND other."start" > datetime(NEW."start", \'-{MAX_BLOCK_MINUTES} minutes\') '
        'AND other."blocked_until" > NEW."start"'
    ),
)
install = GUARANTEE.install
uninstall = GUARANTEE.uninstall
is_installed = GUARANTEE.is_installed
is_overlap_error = GUARANTEE.is_overlap_error
