"""Schemathesis hooks (loaded through SCHEMATHESIS_HOOKS by checks/fuzz/run.py).

Random path parameters almost never name a seeded row, so nearly every request would
stop at "not a stakeholder". A quarter of the generated path parameters that are
valid are swapped for seeded IDs, so the fuzzer also reaches lists, milestones, deleted rows and
other people's goals. Invalid (negative) values are left alone.
"""

import re

import schemathesis
from hypothesis import strategies as st

from checks.fuzz.seed import GOALS, MILESTONES

_SEGMENT = re.compile(r"[^/]+")


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters: dict | None) -> st.SearchStrategy:
    values = list((path_parameters or {}).values())
    if not values or not all(isinstance(v, str) and _SEGMENT.fullmatch(v) for v in values):
        return st.just(path_parameters)
    seeded = st.fixed_dictionaries(
        {
            name: st.sampled_from(MILESTONES if name == "milestoneId" else GOALS)
            for name in path_parameters
        }
    )
    # One draw in four uses seeded IDs; Hypothesis shrinks towards the generated ones.
    generated = st.just(path_parameters)
    return st.one_of(generated, generated, generated, seeded)
