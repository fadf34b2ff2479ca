"""db/comparison_queries.py on the sample data: what the charts read, the cache fingerprint, the chair's weights."""

from types import SimpleNamespace

import pytest
from sqlmodel import select

from components.rules.errors import DomainError
from db import comparison_queries as q
from db import reference
from db.models import Award, IndicatorValue, ScoreWeight, utcnow
from tests.helpers import SAMPLE_CHAIR


def ids(session):
    cluster = reference.get_cluster(session=session)
    year = reference.get_emulation_year(session=session, cluster_id=cluster.id, year=2022)
    indicator = {i.code: i.id for i in reference.list_indicators(session=session)}
    return cluster, year, indicator


CHAIR = SAMPLE_CHAIR


def test_values_derive_the_share_and_carry_ranked_of(session):
    cluster, _, _ = ids(session)
    members = q.member_frame(session=session, cluster_id=cluster.id, year=2022)
    assert list(members["province"]) == ["Sơn La", "Lai Châu", "Điện Biên", "Lào Cai", "Hà Giang", "Cao Bằng",
                                         "Lạng Sơn"]
    values = q.indicator_values(session=session, unit_ids=list(members["unit_id"]))
    lao_cai = values[(values["unit_id"] == 4) & (values["indicator_code"] == "villages_mobile_covered")].iloc[0]
    assert lao_cai["measure"] == pytest.approx(100 * 1542 / 1562)
    assert (lao_cai["numerator"], lao_cai["denominator"]) == (1542, 1562)
    dti = values[(values["indicator_code"] == "dti_rank") & (values["year"] == 2022)]
    assert len(dti) == 7 and set(dti["ranked_of"]) == {63}
    # Sơn La reported no village coverage: no row at all, never a 0
    assert values[(values["unit_id"] == 1) & (values["indicator_code"] == "villages_mobile_covered")].empty


def test_a_row_without_any_figure_stays_unreported(session):
    _, _, indicator = ids(session)
    session.add(IndicatorValue(unit_id=1, year=2022, indicator_id=indicator["mobile_coverage_pct"], note="chờ số liệu"))
    session.commit()
    values = q.indicator_values(session=session, unit_ids=[1], indicator_codes=["mobile_coverage_pct"])
    assert values.empty


def test_the_compared_measure_is_the_ratio_else_the_value():
    from components.rules.figures import compared_measure

    assert compared_measure(None, 46, 128) == pytest.approx(35.9375)
    assert compared_measure(98.5, None, None) == 98.5
    assert compared_measure(None, 5, 0) is None
    assert compared_measure(float("nan"), None, None) is None
    assert compared_measure(None, None, None) is None


def test_awards_are_summed_per_form_level_and_recipient(session):
    session.add_all([Award(unit_id=3, year=2022, form="Bằng khen", level="minister", recipient="individual", count=2),
                     Award(unit_id=3, year=2022, form="Bằng khen", level="minister", recipient="individual", count=3),
                     Award(unit_id=3, year=2022, form="Cờ thi đua", level="ministry", recipient="collective")])
    session.commit()
    awards = q.awards(session=session, unit_ids=[3], years=[2022])
    assert sorted(zip(awards["form"], awards["recipient"], awards["count"])) == [
        ("Bằng khen", "individual", 5), ("Cờ thi đua", "collective", 1)]


def test_leading_units_history(session):
    cluster, _, _ = ids(session)
    leaders = q.leading_units(session=session, cluster_id=cluster.id)
    assert leaders.iloc[0][["year", "name_vi", "proposed_award"]].tolist() == [
        2022, "Sở Thông tin và Truyền thông Điện Biên", "Cờ thi đua của Bộ"]


def test_data_version_changes_with_every_kind_of_write(session):
    _, year, indicator = ids(session)
    seen = {q.data_version(session=session)}
    assert q.data_version(session=session) in seen  # unchanged data, same fingerprint

    row = IndicatorValue(unit_id=1, year=2022, indicator_id=indicator["villages_mobile_covered"], numerator=10,
                         denominator=20)
    session.add(row)
    session.commit()
    seen.add(q.data_version(session=session))
    row.numerator, row.updated_at = 15, utcnow()
    session.add(row)
    session.commit()
    seen.add(q.data_version(session=session))
    row.numerator = 16  # an edit that forgets updated_at
    session.add(row)
    session.commit()
    seen.add(q.data_version(session=session))
    award = Award(unit_id=1, year=2022, form="Bằng khen", level="minister", recipient="individual", count=2)
    session.add(award)
    session.commit()
    seen.add(q.data_version(session=session))
    award.level = "government"
    session.add(award)
    session.commit()
    seen.add(q.data_version(session=session))
    session.add(ScoreWeight(emulation_year_id=year.id, indicator_id=indicator["dti_rank"], weight=2))
    session.commit()
    seen.add(q.data_version(session=session))
    session.delete(row)
    session.commit()
    seen.add(q.data_version(session=session))
    assert len(seen) == 8


def test_chair_saves_weights_and_unlisted_indicators_weigh_one(session):
    _, year, _ = ids(session)
    saved = q.save_score_weights(session=session, actor=CHAIR, emulation_year_id=year.id,
                                 weights={"dti_rank": 3, "bts_sites": 0})
    session.commit()
    assert saved == {"dti_rank": 3.0, "bts_sites": 0.0}
    q.save_score_weights(session=session, actor=CHAIR, emulation_year_id=year.id, weights={"dti_rank": 2.5})
    session.commit()
    assert q.score_weights(session=session, emulation_year_id=year.id) == {"dti_rank": 2.5, "bts_sites": 0.0}


@pytest.mark.parametrize("weights, code", [
    ({"dti_rank": 2, "bts_sites": -1}, "charts_weight_out_of_range"),
    ({"dti_rank": 2, "bts_sites": 101}, "charts_weight_out_of_range"),
    ({"dti_rank": 2, "bts_sites": float("nan")}, "charts_weight_not_number"),
    ({"dti_rank": 2, "bts_sites": "nhiều"}, "charts_weight_not_number"),
    ({"dti_rank": 0, "bts_sites": 0}, "charts_weights_all_zero"),
    ({"dti_rank": 2, "no_such": 1}, "charts_weight_unknown_indicator"),
])
def test_bad_weights_are_refused_and_nothing_is_stored(session, weights, code):
    _, year, _ = ids(session)
    q.save_score_weights(session=session, actor=CHAIR, emulation_year_id=year.id, weights={"dti_rank": 4})
    session.commit()
    with pytest.raises(DomainError) as exc:
        q.save_score_weights(session=session, actor=CHAIR, emulation_year_id=year.id, weights=weights)
    session.rollback()
    assert exc.value.code == code
    assert q.score_weights(session=session, emulation_year_id=year.id) == {"dti_rank": 4.0}


def test_only_the_chair_or_admin_edits_weights(session):
    _, year, _ = ids(session)
    for role, unit_id in (("province", 1), ("viewer", None)):
        with pytest.raises(DomainError) as exc:
            q.save_score_weights(session=session, actor=SimpleNamespace(role=role, unit_id=unit_id),
                                 emulation_year_id=year.id, weights={"dti_rank": 2})
        assert exc.value.code == "charts_weights_forbidden"
    assert session.exec(select(ScoreWeight)).all() == []
    q.save_score_weights(session=session, actor=SimpleNamespace(role="admin", unit_id=None),
                         emulation_year_id=year.id, weights={"dti_rank": 2})


def test_every_error_code_has_a_vietnamese_message():
    import inspect

    from components.i18n.catalogue import catalogue

    source = inspect.getsource(q)
    import re

    for code in set(re.findall(r'DomainError\("([a-z_]+)"', source)):
        vi, en = catalogue()[f"err.{code}"]
        assert vi and en and vi != en


def test_the_figures_and_awards_come_in_the_codes_order_python_gives_on_either_database(session):
    """The database sorts them (bytewise on PostgreSQL too, whose locale would order "dti_rank_x" and "dtirank"
    otherwise): the same order as sorting the rows in Python."""
    from db import comparison_queries as queries
    from db.models import Unit

    unit_ids = [u.id for u in session.exec(select(Unit)).all()]
    values = queries.indicator_values(session=session, unit_ids=unit_ids)
    keys = list(zip(values["indicator_code"], values["year"], values["unit_id"]))
    assert len(keys) > 50 and keys == sorted(keys)
    awards = queries.awards(session=session, unit_ids=unit_ids)
    keys = list(zip(awards["year"], awards["unit_id"], awards["recipient"], awards["level"], awards["form"]))
    assert keys == sorted(keys)
