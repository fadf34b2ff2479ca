"""The enumerations that the table models and the rules share."""

ROLES = ("admin", "chair", "province", "viewer", "ministry")
INDICATOR_KINDS = ("count", "percent", "ratio", "rank", "score", "money")
YEAR_STATES = ("planning", "open", "locked", "closed")
SUBMISSION_STATES = ("draft", "submitted", "locked")
POLL_STATES = ("created", "open", "closed", "published")
POLL_EVENTS = ("created", "configured", "present", "absent", "opened", "closed", "closed_early", "paper_count",
               "published", "reset", "runoff_created", "rerun_of", "rerun_created", "close_undone")
POLL_INCIDENTS = ("reset", "closed_early")  # events printed on the results page and in the minutes
THRESHOLD_RULES = ("half_cast", "half_eligible", "two_thirds_cast")
UNIT_KINDS = ("so_tttt", "so_khcn", "other")
# how a unit's life changes; merged_into, split_into and dissolved end it on the event's date
LINEAGE_EVENTS = ("renamed", "merged_into", "split_into", "dissolved")
ENDING_EVENTS = ("merged_into", "split_into", "dissolved")
# NĐ 152/2025: what puts a unit (or a person of it) on hold, so that it cannot be proposed for an award
HOLD_KINDS = ("discipline", "investigation", "inspection", "complaint")
# an award of the annual cycle counts toward annual merit; thematic (chuyên đề) and one-off (đột xuất) ones never do
AWARD_SCOPES = ("annual", "thematic", "one_off")
# the proposal exchange: a member's list of proposals, from its draft to the cluster's package
PROPOSAL_STATES = ("draft", "sent", "returned", "accepted", "forwarded")
PROPOSAL_ACTIONS = ("sent", "returned", "accepted", "forwarded")
PROPOSAL_SUBJECTS = ("collective", "individual", "initiative")
# emulation movements: who launched them, and whether they run every year or for a period (by topic)
MOVEMENT_LEVELS = ("national", "ministry", "province", "cluster")
MOVEMENT_KINDS = ("regular", "period")
