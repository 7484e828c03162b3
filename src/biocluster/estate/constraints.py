"""The database's guarantee that a unit is never let twice for overlapping periods (core.overlap).

On the agreements' lines (one row per agreement, unit and period, inclusive of both days):
PostgreSQL: an exclusion constraint over the unit and daterange(start, end, '[]') of every
active line; SQLite: triggers refusing an overlapping active line.
"""

from biocluster.core.overlap import OverlapGuarantee

OVERLAP_CONSTRAINT = "estate_unit_never_let_twice"
TABLE = "estate_agreementunit"

GUARANTEE = OverlapGuarantee(
    name=OVERLAP_CONSTRAINT,
    table=TABLE,
    exclude='(unit_id WITH =, daterange("start", "end", \'[]\') WITH &&) WHERE (active)',
    active="NEW.active",
    watched='unit_id, active, "start", "end"',
    # Dates are ISO text on SQLite, which compares in time order.
    clash='other.unit_id = NEW.unit_id AND other.active AND other."start" <= NEW."end" AND other."end" >= NEW."start"',
)
install = GUARANTEE.install
uninstall = GUARANTEE.uninstall
is_installed = GUARANTEE.is_installed
is_overlap_error = GUARANTEE.is_overlap_error
