"""The tally and threshold rules (components/rules/tally.py, components/rules/ballots.py): property tests with hypothesis, plus the cases of the seeds."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.rules import ballots as ballot_rules
from components.rules import tally as tally_rules
from components.rules.errors import DomainError

RULES = st.sampled_from(ballot_rules.THRESHOLD_RULES)


@st.composite
def rounds(draw):
    """A random round: candidates, ballots (each within max_choices), seats, rule, eligible voters."""
    candidates = draw(st.lists(st.integers(1, 12), min_size=1, max_size=7, unique=True))
    max_choices = draw(st.integers(1, len(candidates)))
    ballot = st.tuples(st.lists(st.sampled_from(candidates), max_size=max_choices, unique=True), st.booleans())
    ballots = draw(st.lists(ballot, max_size=40))
    eligible = draw(st.integers(max(1, len(ballots)), len(ballots) + 10))
    seats = draw(st.integers(1, len(candidates)))
    return candidates, ballots, seats, draw(RULES), eligible


def _tally(candidates, ballots, seats, rule, eligible):
    return tally_rules.tally(ballots, candidate_ids=candidates, rule=rule, eligible=eligible, present=eligible, seats=seats)


@settings(max_examples=300, deadline=None)
@given(rounds())
def test_ballots_counted_equal_ballots_cast(case):
    candidates, ballots, seats, rule, eligible = case
    result = _tally(candidates, ballots, seats, rule, eligible)
    assert result.ballots_cast == len(ballots)
    assert result.valid + result.invalid == len(ballots)
    assert result.invalid == sum(1 for _, valid in ballots if not valid)
    assert result.blank == sum(1 for choices, valid in ballots if valid and not choices)
    assert sum(result.votes.values()) == sum(len(choices) for choices, valid in ballots if valid)
    assert set(result.votes) == set(candidates)


@settings(max_examples=300, deadline=None)
@given(rounds())
def test_winners_follow_the_rule(case):
    candidates, ballots, seats, rule, eligible = case
    result = _tally(candidates, ballots, seats, rule, eligible)
    assert len(result.winners) <= seats
    assert len(set(result.winners)) == len(result.winners)
    losers = [c for c in candidates if c not in result.winners]
    for w in result.winners:
        assert result.votes[w] >= result.needed >= 1
        # a winner has strictly more votes than anyone who did not win: equal votes never split a seat
        assert all(result.votes[w] > result.votes[c] for c in losers)
    base = len(ballots) if rule != "half_eligible" else eligible
    if rule in ("half_cast", "half_eligible"):
        assert result.needed == max(1, base // 2 + 1)
        assert 2 * result.needed > base
    else:
        assert 3 * result.needed >= 2 * base and (result.needed == 1 or 3 * (result.needed - 1) < 2 * base)


@settings(max_examples=300, deadline=None)
@given(rounds())
def test_unfilled_seats_and_ties_go_to_a_runoff(case):
    candidates, ballots, seats, rule, eligible = case
    result = _tally(candidates, ballots, seats, rule, eligible)
    losers = [c for c in candidates if c not in result.winners]
    if len(result.winners) < seats and losers:
        assert result.runoff_needed
    if len(result.winners) == seats:
        assert not result.runoff_needed
    runoff = set(result.runoff_candidates)
    assert not runoff & set(result.winners)
    if runoff:
        assert len(runoff) > result.seats_left or len(runoff) == len(losers)
        lowest = min(result.votes[c] for c in runoff)
        # nobody is left out of the run-off who has as many votes as someone in it
        assert {c for c in losers if result.votes[c] >= lowest} == runoff
    qualified = sorted((v for v in result.votes.values() if v >= result.needed), reverse=True)
    if len(qualified) > seats and qualified[seats - 1] == qualified[seats]:
        assert result.tie and result.runoff_needed
        assert len(result.winners) < seats


@settings(max_examples=100, deadline=None)
@given(rounds(), st.randoms())
def test_order_of_ballots_does_not_matter(case, rnd):
    candidates, ballots, seats, rule, eligible = case
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert _tally(candidates, ballots, seats, rule, eligible) == _tally(candidates, shuffled, seats, rule, eligible)


def test_unanimous_2022_vote_elects_dien_bien():
    # seed 002: the 7 members unanimously honoured Điện Biên (unit 3)
    result = tally_rules.tally([((3,), True)] * 7, candidate_ids=range(1, 8), rule="half_cast", eligible=7, present=7,
                         seats=1)
    assert result.winners == (3,) and not result.runoff_needed and result.needed == 4


def test_tie_for_the_only_seat_goes_to_a_runoff_between_the_tied():
    ballots = [((3,), True)] * 3 + [((5,), True)] * 3 + [((1,), True)]
    result = tally_rules.tally(ballots, candidate_ids=range(1, 8), rule="half_cast", eligible=7, present=7, seats=1)
    assert result.winners == ()
    assert result.runoff_candidates == (3, 5)


def test_tie_above_the_threshold_with_two_choices_is_still_a_runoff():
    ballots = [((3, 5), True)] * 5 + [((1, 2), True)] * 2
    result = tally_rules.tally(ballots, candidate_ids=range(1, 8), rule="half_cast", eligible=7, present=7, seats=1)
    assert result.winners == () and result.tie and result.runoff_candidates == (3, 5)


def test_missed_threshold_runs_off_the_leaders_and_everyone_tied_with_them():
    ballots = [((3,), True)] * 3 + [((5,), True)] * 2 + [((6,), True)] * 2
    result = tally_rules.tally(ballots, candidate_ids=range(1, 8), rule="half_cast", eligible=7, present=7, seats=1)
    assert result.winners == () and not result.tie
    assert result.runoff_candidates == (3, 5, 6)


def test_two_flags_one_elected_one_left_for_the_runoff():
    ballots = [((3, 1), True)] * 3 + [((3, 5), True)] * 3 + [((6, 2), True)]
    result = tally_rules.tally(ballots, candidate_ids=range(1, 8), rule="half_cast", eligible=7, present=7, seats=2)
    assert result.winners == (3,)
    assert result.seats_left == 1 and result.runoff_candidates == (1, 5)


def test_half_of_eligible_counts_absent_voters_against_the_winner():
    ballots = [((3,), True)] * 3 + [((1,), True)]
    cast = tally_rules.tally(ballots, candidate_ids=range(1, 8), rule="half_cast", eligible=7, present=4, seats=1)
    eligible = tally_rules.tally(ballots, candidate_ids=range(1, 8), rule="half_eligible", eligible=7, present=4, seats=1)
    assert cast.winners == (3,)
    assert eligible.winners == () and eligible.needed == 4


def test_two_thirds_needs_five_of_seven():
    assert tally_rules.votes_needed("two_thirds_cast", ballots_cast=7, eligible=7) == 5
    assert tally_rules.votes_needed("two_thirds_cast", ballots_cast=6, eligible=7) == 4
    assert tally_rules.votes_needed("half_cast", ballots_cast=6, eligible=7) == 4
    assert tally_rules.votes_needed("half_cast", ballots_cast=0, eligible=7) == 1


def test_blank_and_invalid_ballots_count_as_cast():
    ballots = [((3,), True)] * 3 + [((), True)] * 2 + [((3,), False)] * 2
    result = tally_rules.tally(ballots, candidate_ids=range(1, 8), rule="half_cast", eligible=7, present=7, seats=1)
    assert (result.ballots_cast, result.valid, result.invalid, result.blank) == (7, 5, 2, 2)
    assert result.votes[3] == 3 and result.winners == ()  # 3 of 7 cast is not more than half


@given(st.lists(st.integers(1, 7), max_size=4), st.integers(1, 3), st.booleans(), st.integers(1, 7))
def test_check_choices_accepts_exactly_the_allowed_ballots(choices, max_choices, allow_self, voter):
    candidates = [1, 2, 3, 4, 5, 6]
    ok = (len(set(choices)) == len(choices) and all(c in candidates for c in choices)
          and len(choices) <= max_choices and (allow_self or voter not in choices))
    try:
        picked = ballot_rules.check_choices(choices, candidate_ids=candidates, max_choices=max_choices,
                                     allow_self_vote=allow_self, voter_unit_id=voter)
    except DomainError as exc:
        assert not ok, exc
        assert exc.code.startswith("vote_")
    else:
        assert ok and picked == tuple(sorted(choices))
        assert ballot_rules.decode_choices(ballot_rules.encode_choices(picked)) == picked


def test_receipts_are_short_unambiguous_and_distinct():
    codes = {ballot_rules.new_receipt_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert len(code) == 9 and code[4] == "-"
        assert not set(code.replace("-", "")) & set("01OIL")
        assert ballot_rules.normalise_receipt(code.lower().replace("-", " ")) == code


@pytest.mark.parametrize("kwargs, code", [
    (dict(ballots_cast=8, invalid=0, votes={1: 5}, present=7, max_choices=1), "vote_paper_more_than_present"),
    (dict(ballots_cast=7, invalid=8, votes={1: 5}, present=7, max_choices=1), "vote_paper_invalid_count"),
    (dict(ballots_cast=7, invalid=2, votes={1: 6}, present=7, max_choices=1), "vote_paper_candidate_above_valid"),
    (dict(ballots_cast=7, invalid=0, votes={1: 4, 2: 4}, present=7, max_choices=1), "vote_paper_too_many_votes"),
    (dict(ballots_cast=7, invalid=0, votes={1: -1}, present=7, max_choices=1), "vote_paper_negative"),
    (dict(ballots_cast=0, invalid=0, votes={1: 0}, present=7, max_choices=1), "vote_paper_no_ballots"),
])
def test_paper_count_must_add_up(kwargs, code):
    with pytest.raises(DomainError) as exc:
        ballot_rules.check_paper_count(**kwargs)
    assert exc.value.code == code


def test_paper_tally_uses_the_same_rule():
    result = tally_rules.paper_tally({1: 1, 3: 5, 5: 0}, ballots_cast=7, invalid=1, rule="half_cast", eligible=7,
                               present=7, seats=1)
    assert result.winners == (3,) and result.valid == 6 and result.needed == 4
    assert math.isclose(sum(result.votes.values()), 6)
