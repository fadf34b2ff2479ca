"""The enumerations that the table models and the rules share."""

ROLES = ("admin", "chair", "province", "viewer")
INDICATOR_KINDS = ("count", "percent", "ratio", "rank", "score", "money")
YEAR_STATES = ("planning", "open", "locked", "closed")
SUBMISSION_STATES = ("draft", "submitted", "locked")
POLL_STATES = ("created", "open", "closed", "published")
POLL_EVENTS = ("created", "configured", "present", "absent", "opened", "closed", "paper_count", "published", "reset",
               "runoff_created")
THRESHOLD_RULES = ("half_cast", "half_eligible", "two_thirds_cast")
