"""Job-shadowing pairs in a `/shadow` rotation (bot/shadowing/pairing.py): each rule on small hand-made rotations,
then properties over simulated rotations checked against an independent matcher on explicit edges."""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.shadowing.pairing import Pair, Person, Round, pair_round, processing_order
from tests.strategies import property_settings

SEEDS = range(40)


def mk(person_id: str, preference: str = "both", **fields: object) -> Person:
    return Person(id=person_id, side="marketing", preference=preference, **fields)  # type: ignore[arg-type]


def it(person_id: str, preference: str = "both", **fields: object) -> Person:
    return Person(id=person_id, side="it", preference=preference, **fields)  # type: ignore[arg-type]


def met(*pairs: str) -> set[frozenset[str]]:
    return {frozenset(pair.split("-")) for pair in pairs}


def as_sets(result: Round) -> set[frozenset[str]]:
    return {frozenset((pair.host, pair.visitor)) for pair in result.pairs}


# --- an independent checker: explicit edges, a plain recursive Kuhn, and exhaustive search for tiny cases ----------


def compatible(a: Person, b: Person) -> bool:
    return a.side != b.side and not (a.preference == b.preference and a.preference != "both")


def edges(people: list[Person], history: set[frozenset[str]], fresh_only: bool) -> set[frozenset[str]]:
    return {
        frozenset((a.id, b.id))
        for a, b in itertools.combinations(people, 2)
        if compatible(a, b) and not (fresh_only and frozenset((a.id, b.id)) in history)
    }


def placed(chosen: list[str], others: list[str], allowed: set[frozenset[str]]) -> int:
    """How many of `chosen` (all on one side) one matching over `allowed` pairs with ids of `others`, trying each in
    turn with a plain recursive augmenting-path search (Kuhn) on explicit edges."""
    partner_of: dict[str, str] = {}

    def place(person: str, seen: set[str]) -> bool:
        for other in others:
            if other not in seen and frozenset((person, other)) in allowed:
                seen.add(other)
                if other not in partner_of or place(partner_of[other], seen):
                    partner_of[other] = person
                    return True
        return False

    return sum(place(person, set()) for person in chosen)


def coverable(chosen: list[str], others: list[str], allowed: set[frozenset[str]]) -> bool:
    """Whether one matching over `allowed` pairs every id of `chosen` (all on one side) with ids of `others`."""
    return placed(chosen, others, allowed) == len(chosen)


def max_pairs(people: list[Person], allowed: set[frozenset[str]]) -> int:
    return placed([p.id for p in people if p.side == "marketing"], [p.id for p in people if p.side == "it"], allowed)


def exhaustive_max_pairs(people: list[Person], allowed: set[frozenset[str]]) -> int:
    """Every matching, for tiny rotations only: the checker's own check."""
    marketing = [p.id for p in people if p.side == "marketing"]
    others = [p.id for p in people if p.side == "it"]
    for size in range(min(len(marketing), len(others)), 0, -1):
        for chosen in itertools.combinations(marketing, size):
            for partners in itertools.permutations(others, size):
                if all(frozenset(pair) in allowed for pair in zip(chosen, partners, strict=True)):
                    return size
    return 0


def expected_paired(people: list[Person], history: set[frozenset[str]], seed: int) -> tuple[set[str], set[str]]:
    """The guarantee of bot/shadowing/pairing.py, computed the slow way: on each side, in processing order, keep each
    person that a matching over never-met pairs can pair together with those kept (P1); then continue with all
    compatible pairs (P2). Returns (P1, P1 | P2) over both sides."""
    fresh, every = edges(people, history, True), edges(people, history, False)
    order = processing_order(people, seed)
    side_of = {p.id: p.side for p in people}
    first: set[str] = set()
    paired: set[str] = set()
    for side in ("marketing", "it"):
        mine = [person for person in order if side_of[person] == side]
        others = [person for person in order if side_of[person] != side]
        kept: list[str] = []
        for allowed in (fresh, every):
            for person in mine:
                if person not in kept and coverable([*kept, person], others, allowed):
                    kept.append(person)
            if allowed is fresh:
                first.update(kept)
        paired.update(kept)
    return first, paired


def check_round(people: list[Person], history: set[frozenset[str]], seed: int, result: Round) -> None:
    """Every guarantee of one round."""
    by_id = {p.id: p for p in people}
    # rule 1 and rule 6: one marketing and one IT person, preferences respected, nobody twice, left_out exact
    in_pairs = [person for pair in result.pairs for person in (pair.host, pair.visitor)]
    assert len(in_pairs) == len(set(in_pairs))
    assert set(in_pairs) <= set(by_id)
    assert result.left_out == sorted(set(by_id) - set(in_pairs))
    assert result.pairs == sorted(result.pairs, key=lambda pair: (pair.host, pair.visitor))
    for pair in result.pairs:
        host, visitor = by_id[pair.host], by_id[pair.visitor]
        assert {host.side, visitor.side} == {"marketing", "it"}
        assert host.preference != "visitor" and visitor.preference != "host"
        # rule 5: between two `both`, the one who visited more than hosted hosts
        if host.preference == visitor.preference == "both":
            assert host.visited - host.hosted >= visitor.visited - visitor.hosted
    # rule 2: as many pairs as an independent matcher finds
    fresh, every = edges(people, history, True), edges(people, history, False)
    best = max_pairs(people, every)
    assert len(result.pairs) == best
    # rule 3: no repeated pair when a maximum pairing without repeats exists
    repeats = sum(frozenset((pair.host, pair.visitor)) in history for pair in result.pairs)
    if max_pairs(people, fresh) == best:
        assert repeats == 0
    # rule 4: exactly the sets the guarantee names
    first, expected = expected_paired(people, history, seed)
    assert set(in_pairs) == expected
    # ... hence: someone left out last time and left out again could not have swapped with anyone paired after them
    order = processing_order(people, seed)
    for left_out in result.left_out:
        if not by_id[left_out].left_out_last:
            continue
        mine = [q for q in in_pairs if by_id[q].side == by_id[left_out].side]
        others = [q for q in by_id if by_id[q].side != by_id[left_out].side]
        for q in mine:
            if by_id[q].left_out_last:
                continue
            assert order.index(q) > order.index(left_out)
            swapped = [x for x in mine if x != q] + [left_out]
            assert not coverable(swapped, others, fresh if q in first else every)


# --- rule 1: sides and preferences --------------------------------------------------------------------------------


def test_two_host_only_people_are_never_paired() -> None:
    for seed in SEEDS:
        assert pair_round([mk("a", "host"), it("x", "host")], set(), seed) == Round(pairs=[], left_out=["a", "x"])
        assert pair_round([mk("a", "visitor"), it("x", "visitor")], set(), seed) == Round(
            pairs=[], left_out=["a", "x"]
        )


def test_people_of_one_side_are_never_paired_together() -> None:
    assert pair_round([mk("a"), mk("b"), mk("c", "host"), mk("d", "visitor")], set(), 1) == Round(
        pairs=[], left_out=["a", "b", "c", "d"]
    )


def test_host_only_hosts_and_visitor_only_visits() -> None:
    for seed in SEEDS:
        assert pair_round([mk("a", "host"), it("x")], set(), seed).pairs == [Pair(host="a", visitor="x")]
        assert pair_round([mk("a", "visitor"), it("x")], set(), seed).pairs == [Pair(host="x", visitor="a")]
        assert pair_round([mk("a", "visitor"), it("x", "host")], set(), seed).pairs == [Pair(host="x", visitor="a")]
        # even against their balance
        assert pair_round([mk("a", "host", hosted=9), it("x", visited=9)], set(), seed).pairs == [
            Pair(host="a", visitor="x")
        ]


def test_preferences_that_clash_are_worked_around_for_maximum_pairs() -> None:
    # a and b are host-only, so each needs x or y (not the host-only z); c takes z.
    people = [mk("a", "host"), mk("b", "host"), mk("c"), it("x"), it("y", "visitor"), it("z", "host")]
    for seed in SEEDS:
        result = pair_round(people, set(), seed)
        assert result.left_out == []
        assert as_sets(result) == {frozenset("ax"), frozenset("by"), frozenset("cz")} or as_sets(result) == {
            frozenset("ay"),
            frozenset("bx"),
            frozenset("cz"),
        }
        assert Pair(host="z", visitor="c") in result.pairs


# --- rule 2 and rule 4: uneven sides, who is left out ---------------------------------------------------------------


def test_uneven_sides_leave_out_the_surplus_only() -> None:
    people = [mk("a"), mk("b"), mk("c"), mk("d"), it("x"), it("y")]
    for seed in SEEDS:
        result = pair_round(people, set(), seed)
        assert len(result.pairs) == 2
        assert len(result.left_out) == 2 and set(result.left_out) < {"a", "b", "c", "d"}


def test_left_out_last_time_come_first() -> None:
    people = [mk("a"), mk("b", left_out_last=True), mk("c"), mk("d", left_out_last=True), it("x"), it("y")]
    for seed in SEEDS:
        assert pair_round(people, set(), seed).left_out == ["a", "c"]


def test_then_the_fewest_shadowings() -> None:
    people = [mk("a", hosted=2), mk("b", hosted=1, visited=1), mk("c", visited=1), it("x"), it("y")]
    # c (1 shadowing) always goes; a and b tie on 2
    assert {tuple(pair_round(people, set(), seed).left_out) for seed in SEEDS} == {("a",), ("b",)}
    # left out last time beats fewer shadowings
    people = [mk("a", hosted=5, left_out_last=True), mk("b"), it("x")]
    assert all(pair_round(people, set(), seed).left_out == ["b"] for seed in SEEDS)


def test_the_surplus_is_drawn_at_random_per_seed() -> None:
    people = [mk(name) for name in "abcdef"] + [it("x")]
    assert {tuple(pair_round(people, set(), seed).left_out) for seed in SEEDS} == {
        tuple(sorted(set("abcdef") - {name})) for name in "abcdef"
    }


def test_left_out_last_is_honoured_on_both_sides_at_once() -> None:
    # Marketing: three visitor-only people for two IT host-only people; IT: two visitor-only people for one marketing
    # host-only person. One person is left out on each side: the one not left out last time.
    people = [
        mk("v1", "visitor"),
        mk("v2", "visitor", left_out_last=True),
        mk("v3", "visitor", left_out_last=True),
        mk("h", "host"),
        it("x1", "host"),
        it("x2", "host"),
        it("y1", "visitor", left_out_last=True),
        it("y2", "visitor"),
    ]
    for seed in SEEDS:
        result = pair_round(people, set(), seed)
        assert result.left_out == ["v1", "y2"]
        assert Pair(host="h", visitor="y1") in result.pairs


def test_left_out_last_yields_to_avoiding_a_repeat() -> None:
    # Rule 3 ranks above rule 4: b, left out last time, already met x; a never did.
    people = [mk("a"), mk("b", left_out_last=True), it("x")]
    for seed in SEEDS:
        assert pair_round(people, met("b-x"), seed).left_out == ["b"]


# --- rule 3: no repeats unless unavoidable --------------------------------------------------------------------------


def test_an_augmenting_path_avoids_the_repeat_greedy_would_make() -> None:
    # a and x come first (left out last time), so a takes x; b met y and only has x left: greedy would pair b-y
    # again. The augmenting path b-x-a-y moves a to y instead.
    people = [mk("a", left_out_last=True), mk("b"), it("x", left_out_last=True), it("y")]
    for seed in SEEDS:
        result = pair_round(people, met("b-y"), seed)
        assert as_sets(result) == {frozenset("ay"), frozenset("bx")}


def test_a_long_augmenting_path_avoids_repeats() -> None:
    # A chain: each marketing person i met every IT person but i and i+1 ... the only fresh perfect pairing is i-i.
    size = 12
    people = [mk(f"m{i}") for i in range(size)] + [it(f"t{i}") for i in range(size)]
    history = {frozenset((f"m{i}", f"t{j}")) for i in range(size) for j in range(size) if j not in (i, i + 1)}
    for seed in SEEDS:
        result = pair_round(people, history, seed)
        assert as_sets(result) == {frozenset((f"m{i}", f"t{i}")) for i in range(size)}


def test_the_smaller_side_keeps_its_never_met_pair_too() -> None:
    # Marketing has more people, so searches start there: ana (both) could pair with yan or zed without a repeat, and
    # ana, choosing for role fit, would take host-only zed. But zed is needed (repeat and all) by visitor-only ben or
    # cy, and xia, though left out last time, already met ana: the only pairing with a single repeat pairs ana-yan.
    people = [
        mk("ana"),
        mk("ben", "visitor", left_out_last=True),
        mk("cy", "visitor", left_out_last=True),
        it("xia", "visitor", left_out_last=True),
        it("yan", "visitor"),
        it("zed", "host", hosted=1),
    ]
    for seed in SEEDS:
        result = pair_round(people, met("ana-xia", "ben-zed", "cy-zed"), seed)
        assert Pair("ana", "yan") in result.pairs
        assert result.left_out in (["ben", "xia"], ["cy", "xia"])


def test_a_repeat_is_made_when_it_is_the_only_way_to_pair_someone() -> None:
    people = [mk("a", "host"), mk("b"), it("x"), it("y", "host")]
    # a (host-only) can only pair with x, whom they met; b pairs with y.
    for seed in SEEDS:
        result = pair_round(people, met("a-x"), seed)
        assert result.pairs == [Pair(host="a", visitor="x"), Pair(host="y", visitor="b")]


def test_everyone_met_everyone_still_pairs_everyone() -> None:
    people = [mk("a"), mk("b"), it("x"), it("y")]
    result = pair_round(people, met("a-x", "a-y", "b-x", "b-y"), 3)
    assert len(result.pairs) == 2 and result.left_out == []


def test_met_pairs_of_people_not_in_the_round_are_ignored() -> None:
    result = pair_round([mk("a"), it("x")], met("a-gone", "gone-x", "a-b"), 0)
    assert as_sets(result) == {frozenset("ax")}


def test_met_may_be_any_collection() -> None:
    people = [mk("a", left_out_last=True), mk("b"), it("x", left_out_last=True), it("y")]
    assert pair_round(people, [frozenset("by")], 5) == pair_round(people, met("b-y"), 5)


# --- rule 5: roles ------------------------------------------------------------------------------------------------


def test_between_two_both_the_one_who_visited_more_hosts() -> None:
    for seed in SEEDS:
        assert pair_round([mk("a", visited=2), it("x", visited=1)], set(), seed).pairs == [Pair("a", "x")]
        assert pair_round([mk("a", visited=2, hosted=2), it("x", visited=1)], set(), seed).pairs == [Pair("x", "a")]
        assert pair_round([mk("a", hosted=3), it("x", hosted=1)], set(), seed).pairs == [Pair("x", "a")]


def test_a_tie_is_drawn_from_the_seed() -> None:
    outcomes = {pair_round([mk("a", hosted=1, visited=1), it("x")], set(), seed).pairs[0] for seed in SEEDS}
    assert outcomes == {Pair("a", "x"), Pair("x", "a")}


def test_partners_are_chosen_so_that_both_get_the_role_they_need() -> None:
    # a has visited (wants to host), b has hosted (wants to visit); x has hosted, y has visited.
    people = [mk("a", visited=1), mk("b", hosted=1), it("x", hosted=1), it("y", visited=1)]
    for seed in SEEDS:
        assert pair_round(people, set(), seed).pairs == [Pair("a", "x"), Pair("y", "b")]


def test_two_people_paired_every_week_never_drift_apart() -> None:
    # A tie is drawn; whoever hosted then visits next, so nobody is ever two roles ahead.
    for seed in SEEDS:
        people = [mk("a"), it("x")]
        for week in range(8):
            (pair,) = pair_round(people, set(), seed * 100 + week).pairs
            people = [
                replace(p, hosted=p.hosted + (p.id == pair.host), visited=p.visited + (p.id == pair.visitor))
                for p in people
            ]
            assert all(abs(p.hosted - p.visited) <= 1 for p in people)
        assert all(p.hosted == p.visited == 4 for p in people)


# --- rule 6: determinism, validation ------------------------------------------------------------------------------


def test_same_inputs_same_round_whatever_the_order() -> None:
    rng = random.Random(7)
    people = [
        Person(f"u{k}", rng.choice(["marketing", "it"]), rng.choice(["host", "visitor", "both"]), k % 3, k % 2)
        for k in range(40)
    ]
    history = {frozenset((f"u{a}", f"u{b}")) for a in range(40) for b in range(40) if (a * b) % 7 == 1}
    first = pair_round(people, history, 11)
    for _ in range(5):
        rng.shuffle(people)
        assert pair_round(people, history, 11) == first
    assert pair_round(tuple(people), frozenset(history), 11) == first


def test_different_seeds_give_different_rounds() -> None:
    people = [mk(f"m{k}") for k in range(6)] + [it(f"t{k}") for k in range(6)]
    assert len({tuple(pair_round(people, set(), seed).pairs) for seed in SEEDS}) > 10


def test_nobody_and_one_side_only() -> None:
    assert pair_round([], set(), 0) == Round(pairs=[], left_out=[])
    assert pair_round([it("x")], set(), 0) == Round(pairs=[], left_out=["x"])


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        pair_round([mk("a"), it("a")], set(), 0)
    with pytest.raises(ValueError, match="side"):
        pair_round([Person("a", "sales")], set(), 0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="preference"):
        pair_round([Person("a", "it", "lead")], set(), 0)  # type: ignore[arg-type]


def test_processing_order() -> None:
    people = [mk("a", hosted=1), it("x", left_out_last=True, hosted=4), mk("b"), it("y", visited=1)]
    order = processing_order(people, 0)
    assert order[0] == "x" and order[1] == "b" and set(order[2:]) == {"a", "y"}
    assert processing_order(list(reversed(people)), 0) == order


def test_ten_thousand_people_are_quick() -> None:
    rng = random.Random(3)
    people = [
        Person(f"U{k:05d}", "marketing" if k % 2 else "it", rng.choice(["host", "visitor"] + ["both"] * 8))
        for k in range(10_000)
    ]
    history = {
        frozenset((f"U{2 * rng.randrange(5000):05d}", f"U{2 * rng.randrange(5000) + 1:05d}")) for _ in range(100_000)
    }
    began = time.perf_counter()
    result = pair_round(people, history, 1)
    assert time.perf_counter() - began < 3  # about 0.1 s; generous for slow machines
    assert len(result.pairs) == 5000 and result.left_out == []
    assert not any(frozenset((p.host, p.visitor)) in history for p in result.pairs)


# --- the independent checker checks itself on tiny rotations ------------------------------------------------------

tiny_people = st.lists(
    st.tuples(st.sampled_from(["marketing", "it"]), st.sampled_from(["host", "visitor", "both"])),
    min_size=0,
    max_size=9,
)


@settings(max_examples=150, deadline=None)
@given(tiny_people, st.randoms(use_true_random=False))
def test_the_checker_agrees_with_exhaustive_search(specs: list[tuple[str, str]], rng: random.Random) -> None:
    people = [Person(f"p{k}", side, preference) for k, (side, preference) in enumerate(specs)]  # type: ignore[arg-type]
    history = {pair for pair in edges(people, set(), False) if rng.random() < 0.4}
    for fresh_only in (False, True):
        allowed = edges(people, history, fresh_only)
        assert max_pairs(people, allowed) == exhaustive_max_pairs(people, allowed)


# --- properties over simulated rotations --------------------------------------------------------------------------


@dataclass
class Member:
    person: Person
    joins: int  # first round they take part in
    leaves: int  # first round they no longer take part in


PREFERENCE_MIXES = [
    ["host", "visitor", "both", "both"],
    ["host", "host", "visitor", "both"],
    ["host", "visitor"],
    ["host", "both"],
    ["both"],
]
rotations = st.sampled_from(PREFERENCE_MIXES).flatmap(
    lambda mix: st.lists(
        st.tuples(
            st.sampled_from(["marketing", "it"]),
            st.sampled_from(mix),
            st.integers(0, 10),  # joins
            st.integers(15, 60),  # leaves
        ),
        min_size=2,
        max_size=30,
    )
)


def simulate(
    specs: list[tuple[str, str, int, int]], rounds: int, pause_share: float, seed: int, check: bool
) -> tuple[dict[str, Person], dict[str, int]]:
    """Runs `rounds` rounds, feeding the history back the way the bot does; checks each round when `check`."""
    members = [
        Member(Person(f"p{k:02d}", side, preference), joins, leaves)  # type: ignore[arg-type]
        for k, (side, preference, joins, leaves) in enumerate(specs)
    ]
    rng = random.Random(seed)
    history: set[frozenset[str]] = set()
    times_paired = {m.person.id: 0 for m in members}
    for week in range(rounds):
        eligible = [m for m in members if m.joins <= week < m.leaves and rng.random() >= pause_share]
        people = [m.person for m in eligible]
        round_seed = rng.randrange(2**32)
        result = pair_round(people, history, round_seed)
        if check:
            check_round(people, history, round_seed, result)
            shuffled = people[:]
            rng.shuffle(shuffled)
            assert pair_round(shuffled, set(history), round_seed) == result  # rule 6
        hosts = {pair.host for pair in result.pairs}
        visitors = {pair.visitor for pair in result.pairs}
        history.update(frozenset((pair.host, pair.visitor)) for pair in result.pairs)
        left_out = set(result.left_out)
        for m in members:
            p = m.person
            if p.id in hosts or p.id in visitors:
                times_paired[p.id] += 1
            m.person = replace(
                p,
                hosted=p.hosted + (p.id in hosts),
                visited=p.visited + (p.id in visitors),
                left_out_last=p.id in left_out,
            )
    return {m.person.id: m.person for m in members}, times_paired


@property_settings(max_examples=200)
@given(rotations, st.integers(20, 40), st.sampled_from([0.0, 0.1, 0.3, 0.5]), st.integers(0, 2**32 - 1))
def test_every_round_of_a_rotation_keeps_every_guarantee(
    specs: list[tuple[str, str, int, int]], rounds: int, pause_share: float, seed: int
) -> None:
    simulate(specs, rounds, pause_share, seed, check=True)


# Not a theorem (roles follow rule 5 pair by pair, and partners are chosen for role fit only where the sets allow),
# but it held in 30,000 random all-`both` rotations; derandomized so that CI always runs the same examples. With
# host-only or visitor-only people it does not hold: someone facing only host-only partners always visits.
@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(2, 15), st.integers(2, 15), st.sampled_from([0.0, 0.2]), st.integers(0, 2**32 - 1))
def test_in_an_all_both_rotation_everyone_paired_four_times_has_hosted_and_visited(
    marketing: int, it_side: int, pause_share: float, seed: int
) -> None:
    specs = [("marketing", "both", 0, 99)] * marketing + [("it", "both", 0, 99)] * it_side
    final, times_paired = simulate(specs, 30, pause_share, seed, check=False)
    for person_id, person in final.items():
        if times_paired[person_id] >= 4:
            assert person.hosted and person.visited, person
