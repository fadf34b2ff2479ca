"""A second cluster beside the sample data's Cluster No. 2, for the tests of what a chair may do in a deployment of
several clusters: Cluster No. 4 with Tuyên Quang and Yên Bái as its 2023 members (before their mergers of 2025 they
were not Cluster No. 2's), its own open 2023, its chair's account (chair4) and Tuyên Quang's province account
(tuyenquang, a demo account). The sample's Cluster No. 2 closed 2023; these tests are about two clusters working the
same year side by side, so the fixture opens Cluster No. 2's 2023 again, as an administrator may."""

from __future__ import annotations

from types import SimpleNamespace

from sqlmodel import select

from db import organisation as org
from db import reference
from db.models import EmulationYear, User

YEAR = 2023
ADMIN = SimpleNamespace(id=None, role="admin", unit_id=None)


def units(session) -> dict[str, int]:
    return {u.code: u.id for u in reference.list_units(session=session)}


def user(session, username: str) -> User:
    return session.exec(select(User).where(User.username == username)).one()


def second_cluster(session) -> int:
    """Create Cluster No. 4 (see the module's docstring), commit, and return its id."""
    u = units(session)
    cum4 = org.save_cluster(session=session, actor=ADMIN, code="cum4", name_vi="Cụm thi đua số 4",
                            name_en="Emulation Cluster No. 4")
    org.set_membership(session=session, actor=ADMIN, cluster_id=cum4.id, year=YEAR,
                       unit_ids=[u["tuyenquang"], u["yenbai"]])
    session.add(EmulationYear(cluster_id=cum4.id, year=YEAR, state="open", theme="Chủ đề riêng của Cụm 4"))
    own = reference.get_emulation_year(session=session, cluster_id=reference.get_cluster(session=session).id,
                                       year=YEAR)
    own.state = "open"
    session.add(own)
    chair4 = User(username="chair4", display_name="Thư ký Cụm 4", password_hash="x", role="chair")
    session.add(chair4)
    if session.exec(select(User).where(User.username == "tuyenquang")).first() is None:
        session.add(User(username="tuyenquang", display_name="Sở TT&TT Tuyên Quang", password_hash="x",
                         role="province", unit_id=u["tuyenquang"]))
    session.flush()
    org.set_account_cluster(session=session, actor=ADMIN, user_id=chair4.id, cluster_id=cum4.id)
    session.commit()
    return cum4.id
