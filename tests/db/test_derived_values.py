"""The merged members' derived history read from the sample database (issue 21, item 5): Lào Cai (with Yên Bái)
and Tuyên Quang (with Hà Giang) before 2025, derived where every part reported (ratio of sums, sum, mean), never a
rank, never a partial figure; every row says whose figure it is."""

import pytest

from components.ui.comparison_choices import load_dataset
from db import comparison_queries as queries
from db import reference
from tests.helpers import reported_before


def unit_ids(session) -> dict[str, int]:
    return {u.code: u.id for u in reference.list_units(session=session)}


def catalogue_kinds(session) -> dict[str, str]:
    catalogue = queries.indicator_catalogue(session=session)
    return dict(zip(catalogue["indicator_code"], catalogue["kind"]))


def history(session, mode, year=2025):
    cluster = reference.get_cluster(session=session)
    members = queries.member_frame(session=session, cluster_id=cluster.id, year=year)
    values, members = queries.values_with_history(session=session, cluster_id=cluster.id, members=members, year=year,
                                                  history=mode,
                                                  kinds=catalogue_kinds(session))
    return values.set_index(["unit_id", "year", "indicator_code"]), members


@pytest.fixture
def published(session):
    """Figures entered for the predecessors' years, beside the sample's (Lào Cai 1542/1562 villages, Hà Giang
    98,5% mobile coverage and 2432 BTS stations, both Lào Cai's and Yên Bái's 2022 DTI rank)."""
    u = unit_ids(session)
    reported_before(session, unit_id=u["yenbai"], year=2022, code="villages_mobile_covered", numerator=1000,
                    denominator=1200)
    reported_before(session, unit_id=u["laocai"], year=2022, code="bts_stations", value=1500)
    reported_before(session, unit_id=u["yenbai"], year=2022, code="bts_stations", value=1000)
    reported_before(session, unit_id=u["tuyenquang"], year=2022, code="mobile_coverage_pct", value=97.5)
    return u


def test_the_derived_history_follows_each_kind_and_says_so(session, published):
    u = published
    values, members = history(session, queries.HISTORY_DERIVED)
    villages = values.loc[(u["laocai"], 2022, "villages_mobile_covered")]
    assert (villages["numerator"], villages["denominator"]) == (2542, 2762)  # a ratio from summed parts
    assert villages["measure"] == pytest.approx(100 * 2542 / 2762)
    assert villages["rule"] == "ratio" and villages["sources"] == ("Lào Cai", "Yên Bái")
    bts = values.loc[(u["laocai"], 2022, "bts_stations")]
    assert bts["value"] == 2500 and bts["rule"] == "sum"
    coverage = values.loc[(u["tuyenquang"], 2022, "mobile_coverage_pct")]
    assert coverage["value"] == pytest.approx(98.0) and coverage["rule"] == "mean"
    assert coverage["sources"] == ("Tuyên Quang", "Hà Giang")
    # a rank is never derived: Lào Cai's own 2022 DTI rank, as reported
    rank = values.loc[(u["laocai"], 2022, "dti_rank")]
    assert rank["value"] == 38 and rank["rule"] == "reported"
    # Tuyên Quang reported no BTS count for 2022: no derived figure, Hà Giang's own shown as Hà Giang's
    carried = values.loc[(u["tuyenquang"], 2022, "bts_stations")]
    assert carried["value"] == 2432 and carried["rule"] == "carried" and carried["sources"] == ("Hà Giang",)
    assert not ({u["hagiang"], u["yenbai"]} & set(values.index.get_level_values(0)))
    merged = dict(zip(members["unit_id"], members["merged"]))
    assert merged[u["laocai"]] == (("Yên Bái", 2024),) and merged[u["tuyenquang"]] == (("Hà Giang", 2024),)


def test_the_default_history_keeps_the_reported_figures(session, published):
    u = published
    values, _ = history(session, queries.HISTORY_CARRIED)
    villages = values.loc[(u["laocai"], 2022, "villages_mobile_covered")]
    assert (villages["numerator"], villages["denominator"]) == (1542, 1562) and villages["rule"] == "reported"
    assert values.loc[(u["laocai"], 2022, "bts_stations"), "value"] == 1500
    assert not set(values["rule"]) & {"mean", "sum", "ratio"}


def test_the_year_view_of_2022_derives_lao_cai_from_yen_bai_and_leaves_ha_giang_alone(session, published):
    # in 2022 Hà Giang is a member of its own and Tuyên Quang is not: only Lào Cai carries a merged history
    u = published
    values, members = history(session, queries.HISTORY_DERIVED, year=2022)
    assert values.loc[(u["laocai"], 2022, "villages_mobile_covered"), "rule"] == "ratio"
    assert values.loc[(u["hagiang"], 2022, "mobile_coverage_pct"), "rule"] == "reported"
    assert dict(zip(members["unit_id"], members["merged"]))[u["hagiang"]] == ()


def test_the_dataset_keeps_the_choice_and_a_province_sees_the_derived_figures_of_public_parts(session, published):
    cluster = reference.get_cluster(session=session)
    year = reference.get_emulation_year(session=session, cluster_id=cluster.id, year=2025)
    data = load_dataset(session=session, cluster_id=cluster.id, cluster_name=("Cụm", "Cluster"), year=2025,
                        emulation_year_id=year.id, who=("unit", published["sonla"]), history=queries.HISTORY_DERIVED)
    assert data.history == "derived"
    derived = data.values[data.values["rule"].isin(["mean", "sum", "ratio"])]
    # the three figures the fixture published, and the sample's PII 2023 scores of Tuyên Quang and Hà Giang
    assert sorted(zip(derived["year"], derived["indicator_code"], derived["rule"])) == [
        (2022, "bts_stations", "sum"), (2022, "mobile_coverage_pct", "mean"),
        (2022, "villages_mobile_covered", "ratio"), (2023, "pii_score", "mean")]
    assert set(derived["state"]) == {"locked"}
