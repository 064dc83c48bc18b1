"""PDF parts (分册) follow the organisation tree: a county's reports stay together."""

from __future__ import annotations

import random

from zongjie.pdf.parts import split


def _tree(seed: int) -> list[tuple[str, ...]]:
    """The organisations above each report of a random province, in tree order."""
    rng = random.Random(seed)
    chains: list[tuple[str, ...]] = []
    for city in range(rng.randint(2, 6)):
        chains += [(f"c{city}",)] * rng.randint(0, 5)  # city departments
        for county in range(rng.randint(1, 8)):
            chains += [(f"c{city}", f"c{city}-x{county}")] * rng.randint(1, 40)
    chains += [()] * rng.randint(0, 5)  # units right under the top
    return chains


def test_every_report_once_in_order_and_no_part_too_large() -> None:
    for seed in range(50):
        chains = _tree(seed)
        for size in (10, 25, 100):
            parts = split("c", list(range(len(chains))), size, chains)
            assert [i for p in parts for i in p.items] == list(range(len(chains)))
            assert all(len(p.items) <= size for p in parts)


def test_no_organisation_is_split_unless_it_alone_is_larger_than_a_part() -> None:
    for seed in range(50):
        chains = _tree(seed)
        size = 25
        parts = split("c", list(range(len(chains))), size, chains)
        part_of = {i: p.number for p in parts for i in p.items}
        orgs = {org for chain in chains for org in chain}
        for org in orgs:
            members = [i for i, chain in enumerate(chains) if org in chain]
            if len(members) <= size:
                assert len({part_of[i] for i in members}) == 1, (seed, org)


def test_a_large_county_is_cut_into_whole_parts() -> None:
    chains = [("c0", "c0-x0")] * 23
    parts = split("c", list(range(23)), 10, chains)
    assert [len(p.items) for p in parts] == [10, 10, 3]


def test_without_a_tree_parts_are_of_equal_size() -> None:
    assert [len(p.items) for p in split("c", list(range(25)), 10)] == [10, 10, 5]
    (single,) = split("c", list(range(5)), 10)
    assert single.single and single.site_path == "pdf/c.pdf"


def test_a_late_report_moves_no_earlier_boundary() -> None:
    """A report of the last county comes in late: every earlier part keeps its reports, so
    only the last parts are bound again."""
    for seed in range(20):
        chains = [c for c in _tree(seed) if c]  # end with a county
        first = split("c", list(range(len(chains))), 25, chains)
        later = [*chains, chains[-1]]
        again = split("c", list(range(len(later))), 25, later)
        assert [p.items for p in first[:-1]] == [p.items for p in again[: len(first) - 1]]
