"""Benchmark for bot/pairing.py (not a test): a year of weekly job-shadowing rounds over a large rotation.

Builds N participants split evenly between marketing and IT (10% host-only, 10% visitor-only, the rest `both`),
pauses a few percent of them each week, runs R weekly rounds feeding the history back (met pairs, hosted/visited
counts, left_out_last), and prints timings and outcomes.

    .venv/bin/python bench/pairing.py [--people N] [--rounds R] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.shadowing.pairing import Person, pair_round  # noqa: E402

PAUSED_SHARE = 0.03  # paused in a given week


def population(size: int, rng: random.Random) -> list[Person]:
    people = []
    for k in range(size):
        side = "marketing" if k % 2 == 0 else "it"
        roll = rng.random()
        preference = "host" if roll < 0.1 else "visitor" if roll < 0.2 else "both"
        people.append(Person(id=f"U{k:06d}", side=side, preference=preference))
    return people


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=52)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    people = {person.id: person for person in population(args.people, rng)}
    met: set[frozenset[str]] = set()
    times: list[float] = []
    pair_counts: list[int] = []
    left_out_counts: list[int] = []
    repeats = 0
    times_paired = dict.fromkeys(people, 0)

    for week in range(args.rounds):
        eligible = [person for person in people.values() if rng.random() >= PAUSED_SHARE]
        began = time.perf_counter()
        result = pair_round(eligible, met, seed=args.seed * 1_000 + week)
        times.append(time.perf_counter() - began)

        paired: set[str] = set()
        for pair in result.pairs:
            key = frozenset((pair.host, pair.visitor))
            repeats += key in met
            met.add(key)
            paired.update((pair.host, pair.visitor))
            times_paired[pair.host] += 1
            times_paired[pair.visitor] += 1
            host, visitor = people[pair.host], people[pair.visitor]
            people[pair.host] = replace(host, hosted=host.hosted + 1)
            people[pair.visitor] = replace(visitor, visited=visitor.visited + 1)
        eligible_ids = {person.id for person in eligible}
        for person_id, person in people.items():
            left_out = person_id in eligible_ids and person_id not in paired
            if person.left_out_last != left_out:
                people[person_id] = replace(person, left_out_last=left_out)
        pair_counts.append(len(result.pairs))
        left_out_counts.append(len(result.left_out))

    both = [person for person in people.values() if person.preference == "both"]
    both_roles = sum(1 for person in people.values() if person.hosted and person.visited)
    both_roles_both = sum(1 for person in both if person.hosted and person.visited)
    unbalanced = sum(1 for person in both if times_paired[person.id] >= 4 and not (person.hosted and person.visited))
    print(f"people {args.people}, rounds {args.rounds}, seed {args.seed}, paused {PAUSED_SHARE:.0%} a week")
    print(
        f"seconds per round: p50 {quantile(times, 0.5):.3f}  p95 {quantile(times, 0.95):.3f}  max {max(times):.3f}"
        f"  (total {sum(times):.2f})"
    )
    print(
        f"pairs per round: min {min(pair_counts)}  mean {statistics.mean(pair_counts):.1f}  max {max(pair_counts)}"
        f"  (left out per round: mean {statistics.mean(left_out_counts):.1f}, max {max(left_out_counts)})"
    )
    print(f"repeated pairs in total: {repeats}")
    print(
        f"both hosted and visited by the end: {both_roles} of {len(people)} people"
        f" ({both_roles_both} of {len(both)} with preference 'both';"
        f" 'both' people paired 4+ times without both roles: {unbalanced})"
    )


if __name__ == "__main__":
    main()
