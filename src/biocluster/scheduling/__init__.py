"""B2B partnering meeting scheduler: a pure Python module (no Django).

Places accepted one-to-one (or small group) meetings into time slots and at tables,
maximising the total priority placed, and returns a proven upper bound with the schedule.
See docs/partnering-scheduler.md.
"""

from .io import InstanceError, load_instance, parse_instance, schedule_to_json
from .model import Instance, Location, Meeting, Participant, Placement, Schedule, Slot
from .solver import reschedule, solve

__all__ = [
    "Instance",
    "InstanceError",
    "Location",
    "Meeting",
    "Participant",
    "Placement",
    "Schedule",
    "Slot",
    "load_instance",
    "parse_instance",
    "reschedule",
    "schedule_to_json",
    "solve",
]
