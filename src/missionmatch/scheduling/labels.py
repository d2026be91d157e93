"""Constraint labels shared by the models, the checker's messages and `explain`.

Answering "why was this meeting not placed" means naming which of these blocks each slot.
"""

MANDATORY = "mandatory"  # a benchmark / accepted meeting must be placed
CLASH = "clash"  # one meeting per participant per slot
CAPACITY = "capacity"  # at most n_tables meetings per slot
SESSION = "session"  # morning / afternoon restriction
AVAILABILITY = "availability"  # forbidden slots, arrival, departure, programme
FIXED = "fixed"  # meeting pinned to a slot
WINDOW = "window"  # meeting restricted to some slots (e.g. its own B2B session when replanning)
PRECEDENCE = "precedence"  # meeting must come strictly after others
INTERPRETER = "interpreter"  # interpreters per slot per language pair
SEATS = "seats"  # a table seats every attendee of its meeting
HOSTED_TABLE = "hosted-table"  # a host keeps its table: one meeting at a time there
MIN_MEETINGS = "min-meetings"
MAX_MEETINGS = "max-meetings"
FAIRNESS = "fairness"  # max breaks - min breaks <= d
