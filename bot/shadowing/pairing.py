"""Job-shadowing pairs for one round: who hosts whom.

Pure and deterministic: no I/O, no clock. The caller passes the eligible people
(active, not paused), the pairs that already met, and a seed; `pair_round` returns the pairs and who was left out.

The rules, in priority order:

1. A pair is one marketing person and one IT person; one hosts, one visits. A `host`-only person never visits and a
   `visitor`-only person never hosts, so two host-only people (or two visitor-only people) are never paired.
2. As many pairs as possible (a maximum matching over compatible pairs).
3. Among those, pairs that never met before (see the guarantee below).
4. People left out of the previous round (`left_out_last`) come first, then those with the fewest shadowings
   (hosted + visited), then a random order drawn from the seed (`processing_order`).
5. Roles follow preferences; between two `both` people, the one who has visited more than hosted
   (`visited - hosted` larger) hosts, ties drawn from the seed.
6. The same people, history and seed always give the same `Round`, whatever the order of `people`; nobody is in
   two pairs; `left_out` is exactly the people not in a pair, sorted by id.

How, and what exactly is guaranteed. Let F be the compatible pairs that never met, E all compatible pairs, and on
each side take the people in `processing_order`.

- Phase 1 matches over F only. On each side, in processing order, a person is added to the paired set when some
  matching over F pairs them together with everyone added before (Kuhn's augmenting paths started in processing order:
  augmenting never unpairs anyone). Both sides' sets are then paired at once (Mendelsohn–Dulmage: a matching that
  covers one side's set and one that covers the other's combine into one that covers both), giving a maximum
  matching over F that pairs the lexicographically first set of people, in processing order, on each side.
- Phase 2 completes it over E the same way: on each side, in processing order, someone still unpaired is added when
  some matching over E pairs them together with everyone already paired. Nobody paired in phase 1 is unpaired.

So the result (i) always has the maximum number of pairs; (ii) has no repeated pair whenever some maximum pairing
without repeats exists (phase 2 then adds nobody); otherwise everyone paired in phase 1 stays paired (possibly with
another partner) and phase 2 adds the rest, but the number of repeats is not guaranteed to be the minimum; (iii) on
each side, the paired people are exactly P1 ∪ P2, where P1 is built by taking people in processing order and keeping
each one that a matching over F can pair together with those kept before, and P2 continues from P1, in processing
order, with matchings over E. In particular, when someone left out last time is left out again while someone on
their side who was not left out last time is paired, no pairing could have swapped them (over F when the other
person is in P1, over E when in P2); and someone left out last time can be left out in favour of someone else only
to avoid a repeat (rule 3 ranks above rule 4).

Which partner each person gets inside those sets also follows rule 5 where it can: a person picks, among free
partners, first one with whom both get the role they need to even out their hosting and visiting, then the
earliest in processing order. That is a preference, not a guarantee: over rounds a `both` person hosts and visits
only as far as their partners allow (facing only host-only people, they always visit).

Speed: adjacency is never materialised. Compatibility depends only on preferences, so the partners of a person are
whole groups (host-only, visitor-only, both) minus the few pairs in `met`. Free partners are kept per group in
processing order and scanned lazily; an augmenting-path search (iterative, no recursion) pops each person it reaches
from their group's list once, skipping only met pairs; a failed search keeps its visited people out until the
matching changes (they cannot lead to a free partner until then), and each search starts where the previous one
stopped. 10,000 people with a sparse history take well under a tenth of a second per round; `met` should be a set
(any other collection is copied into one).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import get_args

from bot.people import Side
from bot.shadowing.models import Preference

SIDES: tuple[str, ...] = tuple(side.value for side in Side)
PREFERENCES: tuple[str, ...] = get_args(Preference)


@dataclass(frozen=True)
class Person:
    id: str  # Slack user id
    side: Side
    preference: Preference = "both"
    hosted: int = 0  # times this person hosted so far
    visited: int = 0  # times this person visited so far
    left_out_last: bool = False  # was active but not paired in the previous round


@dataclass(frozen=True)
class Pair:
    host: str
    visitor: str


@dataclass(frozen=True)
class Round:
    pairs: list[Pair]  # sorted by host (then visitor) id
    left_out: list[str]  # eligible people not paired this round, sorted by id


# Buckets: host-only, visitor-only, and `both` people who visited more than hosted (want to host), as often, or less
# (want to visit).
_HOST, _VISITOR, _WANTS_HOST, _EVEN, _WANTS_VISIT = range(5)
# The compatible partner buckets of someone in each bucket, the best fit for both people's roles first.
_PARTNERS: tuple[tuple[int, ...], ...] = (
    (_VISITOR, _WANTS_VISIT, _EVEN, _WANTS_HOST),  # host-only: the partner visits
    (_HOST, _WANTS_HOST, _EVEN, _WANTS_VISIT),  # visitor-only: the partner hosts
    (_VISITOR, _WANTS_VISIT, _EVEN, _WANTS_HOST, _HOST),  # wants to host
    (_WANTS_HOST, _WANTS_VISIT, _EVEN, _HOST, _VISITOR),  # even
    (_HOST, _WANTS_HOST, _EVEN, _WANTS_VISIT, _VISITOR),  # wants to visit
)
_BOTH = (_WANTS_HOST, _EVEN, _WANTS_VISIT)
# Kinds of people for the augmenting-path searches: host-only, visitor-only, both.
_KIND_HOST, _KIND_VISITOR, _KIND_BOTH = range(3)
_KIND = (_KIND_HOST, _KIND_VISITOR, _KIND_BOTH, _KIND_BOTH, _KIND_BOTH)  # by bucket
_COMPATIBLE_KINDS = ((_KIND_VISITOR, _KIND_BOTH), (_KIND_HOST, _KIND_BOTH), (_KIND_HOST, _KIND_VISITOR, _KIND_BOTH))
# _SEARCH_KINDS[kind][lead]: the kinds compatible with `kind`, starting from `lead` when it is one of them.
_SEARCH_KINDS = tuple(
    tuple(kinds[kinds.index(lead) :] + kinds[: kinds.index(lead)] if lead in kinds else kinds for lead in range(3))
    for kinds in _COMPATIBLE_KINDS
)
_COMPACT_AFTER = 32  # paired people skipped in a free list before it is rebuilt


def _bucket(person: Person) -> int:
    if person.preference == "host":
        return _HOST
    if person.preference == "visitor":
        return _VISITOR
    balance = person.visited - person.hosted
    return _WANTS_HOST if balance > 0 else _EVEN if balance == 0 else _WANTS_VISIT


def _canonical(people: Sequence[Person], seed: int) -> tuple[list[Person], list[int], random.Random]:
    """People sorted by id (validated), their processing order as indices, and the seeded generator."""
    ordered = sorted(people, key=lambda person: person.id)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.id == after.id:
            raise ValueError(f"{after.id!r} appears twice")
    for person in ordered:
        if person.side not in SIDES:
            raise ValueError(f"{person.id!r}: side must be one of {SIDES}, not {person.side!r}")
        if person.preference not in PREFERENCES:
            raise ValueError(f"{person.id!r}: preference must be one of {PREFERENCES}, not {person.preference!r}")
    rng = random.Random(seed)
    draw = list(range(len(ordered)))
    rng.shuffle(draw)
    order = sorted(
        range(len(ordered)),
        key=lambda i: (not ordered[i].left_out_last, ordered[i].hosted + ordered[i].visited, draw[i]),
    )
    return ordered, order, rng


def processing_order(people: Sequence[Person], seed: int) -> list[str]:
    """The ids in the order rule 4 considers them: left out last round first, then the fewest shadowings (hosted +
    visited), then a random order drawn from `seed`. Both sides interleaved; it does not depend on the order of
    `people`."""
    ordered, order, _ = _canonical(people, seed)
    return [ordered[i].id for i in order]


def pair_round(people: Sequence[Person], met: Collection[frozenset[str]], seed: int) -> Round:
    """One round of job-shadowing pairs among `people` (the eligible ones), avoiding the pairs in `met` (frozensets
    of two ids) where possible; see the module docstring for the rules and the exact guarantee.

    Raises ValueError on a duplicate id, an unknown side or an unknown preference."""
    ordered, order, rng = _canonical(people, seed)
    n = len(ordered)
    ids = [person.id for person in ordered]
    bucket = [_bucket(person) for person in ordered]
    history = met if isinstance(met, AbstractSet) else frozenset(met)

    marketing = [i for i in order if ordered[i].side == "marketing"]
    it = [i for i in order if ordered[i].side == "it"]
    # Searches start from the larger side: when its surplus is simply left out, the other side is fully paired and
    # needs no search of its own.
    left, right = (marketing, it) if len(marketing) >= len(it) else (it, marketing)
    is_left = [False] * n
    for i in left:
        is_left[i] = True
    left_buckets = [[i for i in left if bucket[i] == b] for b in range(5)]
    right_buckets = [[i for i in right if bucket[i] == b] for b in range(5)]

    def complete(start: list[int], fresh_only: bool) -> list[int]:
        """A maximum matching (over F when `fresh_only`, else E) that keeps everyone paired in `start` paired and
        adds, on each side, people in processing order."""
        from_left = start[:]
        if not _grow(left, right_buckets, from_left, ids, bucket, history, fresh_only):
            return from_left
        if all(from_left[i] >= 0 for i in right):
            return from_left
        from_right = start[:]
        _grow(right, left_buckets, from_right, ids, bucket, history, fresh_only)
        if all(from_right[i] >= 0 for i in left):
            return from_right
        return _combine(from_left, from_right, is_left)

    mate = complete([-1] * n, fresh_only=True)
    if any(mate[i] < 0 for i in left) and any(mate[i] < 0 for i in right):
        mate = complete(mate, fresh_only=False)

    pairs: list[Pair] = []
    for i in marketing:
        j = mate[i]
        if j >= 0:
            pairs.append(_roles(ordered[i], ordered[j], rng))
    pairs.sort(key=lambda pair: (pair.host, pair.visitor))
    left_out = [ids[i] for i in range(n) if mate[i] < 0]
    return Round(pairs=pairs, left_out=left_out)


def _roles(a: Person, b: Person, rng: random.Random) -> Pair:
    """Rule 5: preferences first; between two `both`, the one with the larger visited - hosted hosts."""
    if a.preference == "host" or b.preference == "visitor":
        return Pair(host=a.id, visitor=b.id)
    if b.preference == "host" or a.preference == "visitor":
        return Pair(host=b.id, visitor=a.id)
    balance_a, balance_b = a.visited - a.hosted, b.visited - b.hosted
    a_hosts = balance_a > balance_b if balance_a != balance_b else rng.random() < 0.5
    return Pair(host=a.id, visitor=b.id) if a_hosts else Pair(host=b.id, visitor=a.id)


def _grow(
    order: list[int],
    partner_buckets: list[list[int]],
    mate: list[int],
    ids: list[str],
    bucket: list[int],
    met: AbstractSet[frozenset[str]],
    fresh_only: bool,
) -> int:
    """Kuhn's algorithm: for each unpaired person of `order`, in that order, look for an augmenting path (a free
    compatible partner directly, else an alternating path through paired people); `mate` is updated in place (-1 for
    unpaired). Augmenting never unpairs anyone, so the people of `order` end up paired greedily in order. Over F
    (never-met pairs) when `fresh_only`, else over all compatible pairs. Returns how many pairs were added."""
    free = [[r for r in members if mate[r] < 0] for members in partner_buckets]
    start = [0] * 5  # free[b][:start[b]] are all paired by now
    free_count = sum(len(members) for members in free)
    added = 0
    # The augmenting-path searches go through partners by kind (host-only, visitor-only, both), each kind's list
    # popped from the end; a failed search leaves its visited partners out until the matching changes.
    kinds = [partner_buckets[_HOST], partner_buckets[_VISITOR], [r for b in _BOTH for r in partner_buckets[b]]]
    unvisited: list[list[int]] = [[], [], []]
    stale = True  # the matching changed since `unvisited` was filled
    # Where each kind's scan starts, and which kind comes first: past what the previous searches went through, so
    # that partners whose pairs earlier augmentations rearranged (and which now lead nowhere) are not scanned again,
    # first, by every search.
    cursor = [0, 0, 0]
    lead = _KIND_BOTH

    def is_met(u: int, r: int) -> bool:
        return fresh_only and frozenset((ids[u], ids[r])) in met

    def free_partner(u: int) -> int:
        """The best free compatible partner of u: the first bucket in role-fit order that has one, the earliest in
        processing order in it; -1 if none."""
        for b in _PARTNERS[bucket[u]]:
            members = free[b]
            size = len(members)
            j = start[b]
            while j < size and mate[members[j]] >= 0:
                j += 1
            start[b] = j
            skipped = 0
            found = -1
            while j < size:
                r = members[j]
                if mate[r] < 0:
                    if not is_met(u, r):
                        found = r
                        break
                else:
                    skipped += 1
                j += 1
            if skipped > _COMPACT_AFTER:
                free[b] = [r for r in members if mate[r] < 0]
                start[b] = 0
            if found >= 0:
                return found
        return -1

    def augment(path_u: list[int], path_r: list[int], last: int) -> None:
        # path_u = [u0, u1, ..., um], path_r = [r1, ..., rm] with mate[rk] == uk; um takes the free `last`.
        r = last
        for k in range(len(path_u) - 1, -1, -1):
            u = path_u[k]
            mate[u] = r
            mate[r] = u
            if k:
                r = path_r[k - 1]

    def search(root: int) -> bool:
        """An augmenting path from `root` (which has no free partner) through partners not yet visited."""
        nonlocal lead
        path_u, path_r = [root], []
        while path_u:
            u = path_u[-1]
            nxt = -1
            for k in _SEARCH_KINDS[_KIND[bucket[u]]][lead]:
                pool = unvisited[k]
                met_here: list[int] = []
                while pool:
                    r = pool.pop()
                    if is_met(u, r):
                        met_here.append(r)
                    else:
                        nxt = r
                        break
                if met_here:
                    pool.extend(reversed(met_here))
                if nxt >= 0:
                    break
            if nxt < 0:  # u leads nowhere (until the matching changes)
                path_u.pop()
                if path_r:
                    path_r.pop()
                continue
            w = mate[nxt]
            if w < 0:
                augment(path_u, path_r, nxt)
                return True
            path_u.append(w)
            path_r.append(nxt)
            r = free_partner(w)
            if r >= 0:
                lead = _KIND[bucket[nxt]]
                augment(path_u, path_r, r)
                return True
        return False

    for u in order:
        if free_count == 0:
            break
        if mate[u] >= 0:
            continue
        r = free_partner(u)
        if r < 0:
            if stale:
                for k, members in enumerate(kinds):
                    if members:
                        cursor[k] = (cursor[k] + len(members) - len(unvisited[k])) % len(members)
                        unvisited[k] = (members[cursor[k] :] + members[: cursor[k]])[::-1]
                stale = False
            if not search(u):
                continue
        else:
            mate[u] = r
            mate[r] = u
        added += 1
        free_count -= 1
        stale = True
    return added


def _combine(cover_left: list[int], cover_right: list[int], is_left: list[bool]) -> list[int]:
    """Mendelsohn–Dulmage: from two maximum matchings, one that pairs everyone `cover_left` pairs on the left and
    everyone `cover_right` pairs on the right. Their union splits into alternating paths and cycles; each takes the
    edges of `cover_left` unless that leaves out a right-side person `cover_right` pairs, then those of
    `cover_right` (which, by parity, then leaves out no left-side person `cover_left` pairs)."""
    n = len(is_left)
    result = [-1] * n
    seen = [False] * n
    for v in range(n):
        if seen[v] or (cover_left[v] < 0 and cover_right[v] < 0):
            continue
        seen[v] = True
        component, stack = [v], [v]
        while stack:
            x = stack.pop()
            for y in (cover_left[x], cover_right[x]):
                if y >= 0 and not seen[y]:
                    seen[y] = True
                    component.append(y)
                    stack.append(y)
        use_left = not any(not is_left[x] and cover_left[x] < 0 and cover_right[x] >= 0 for x in component)
        chosen = cover_left if use_left else cover_right
        for x in component:
            result[x] = chosen[x]
    return result


__all__: list[str] = ["Pair", "Person", "Round", "pair_round", "processing_order"]
