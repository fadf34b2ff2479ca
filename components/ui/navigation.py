"""The screens of the app and the roles that may open each: app.py builds the navigation from this list and every
page guards itself with the same roles (tests/house/test_permissions.py checks they agree)."""

from __future__ import annotations

from dataclasses import dataclass

from components.rules.access import ALL_ROLES, ENTRY_ROLES, SECRETARIAT, role_allowed

ALL = ALL_ROLES


@dataclass(frozen=True)
class Screen:
    file: str
    title_key: str
    icon: str
    roles: tuple[str, ...]
    section: str


SCREENS = [
    Screen("pages/home.py", "page.home", ":material/home:", ALL, "main"),
    Screen("pages/entry.py", "page.entry", ":material/edit_note:", ENTRY_ROLES, "entry"),
    Screen("pages/awards.py", "page.awards", ":material/military_tech:", ENTRY_ROLES, "entry"),
    Screen("pages/excel.py", "page.excel", ":material/table_view:", ENTRY_ROLES, "entry"),
    Screen("pages/board.py", "page.board", ":material/fact_check:", SECRETARIAT, "entry"),
    Screen("pages/register.py", "page.registration", ":material/assignment:", ENTRY_ROLES, "scoring"),
    Screen("pages/scoring_table.py", "page.scoring_table", ":material/table_chart:", ALL, "scoring"),
    Screen("pages/self_score.py", "page.self_score", ":material/checklist:", ENTRY_ROLES, "scoring"),
    Screen("pages/score_review.py", "page.score_review", ":material/rate_review:", ENTRY_ROLES, "scoring"),
    Screen("pages/score_results.py", "page.score_results", ":material/leaderboard:", ALL, "scoring"),
    Screen("pages/movements.py", "page.movements", ":material/campaign:", ENTRY_ROLES, "scoring"),
    Screen("pages/holds.py", "page.holds", ":material/block:", SECRETARIAT, "scoring"),
    Screen("pages/award_proposals.py", "page.award_proposals", ":material/assignment_turned_in:", ENTRY_ROLES,
           "scoring"),
    Screen("pages/comparisons.py", "page.comparisons", ":material/bar_chart:", ALL, "compare"),
    Screen("pages/meeting.py", "page.meeting", ":material/present_to_all:", ALL, "compare"),
    Screen("pages/ballot.py", "page.ballot", ":material/how_to_vote:", ("province",), "vote"),
    Screen("pages/vote_manage.py", "page.vote_manage", ":material/gavel:", SECRETARIAT, "vote"),
    Screen("pages/projector.py", "page.projector", ":material/tv:", (*SECRETARIAT, "viewer"), "vote"),
    Screen("pages/documents.py", "page.documents", ":material/description:", (*SECRETARIAT, "ministry"), "vote"),
    Screen("pages/vote_results.py", "page.vote_results", ":material/emoji_events:", ALL, "vote"),
    Screen("pages/clusters_overview.py", "page.clusters_overview", ":material/hub:", ("ministry", "admin"),
           "compare"),
    Screen("pages/admin_organisation.py", "page.admin_organisation", ":material/account_tree:", ("admin",), "admin"),
    Screen("pages/admin_users.py", "page.admin_users", ":material/manage_accounts:", ("admin",), "admin"),
    Screen("pages/admin_catalogue.py", "page.admin_catalogue", ":material/tune:", ("admin",), "admin"),
    Screen("pages/admin_trust_roots.py", "page.admin_trust_roots", ":material/verified_user:", ("admin",), "admin"),
    Screen("pages/account.py", "page.account", ":material/person:", ALL, "main"),
]
SECTIONS = ("main", "entry", "scoring", "compare", "vote", "admin")


def screens_for(role: str) -> list[Screen]:
    return [s for s in SCREENS if role_allowed(role, s.roles)]
