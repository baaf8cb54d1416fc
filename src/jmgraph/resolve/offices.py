"""The offices persons hold: a capacity as a text writes it ("the Minister", "President of
Mongolia") -> one office node, completed from the other capacities the corpus shows the
same person in."""

from __future__ import annotations

import re

from .. import reference
from ..extract.model import Capacity
from ..extract.persons import ENVOY_ROLES, GENERIC_TITLES
from ..ingest.read import slugify
from .resolved import Office


def office(capacity: Capacity) -> Office:
    """The office node of a complete CAPACITY."""
    role = reference.role_in_state(capacity.role, capacity.country)
    if capacity.organisation:
        org = re.sub(r"^the\s+", "", capacity.organisation, flags=re.I)
        the = "" if org.isupper() else "the "          # "President of JICA"
        return Office(slug=f"{slugify(org)}/{slugify(role)}", label=f"{role} of {the}{org}",
                      role=role, country=None, organisation=org)
    if capacity.country:
        country = reference.country_by_key(capacity.country)
        return Office(slug=f"{capacity.country}/{slugify(role)}",
                      label=f"{role} of {country.label}", role=role, country=capacity.country,
                      organisation=None)
    return Office(slug=slugify(role), label=role, role=role, country=None, organisation=None)


def complete(capacity: Capacity, known: list[Capacity]) -> Capacity | None:
    """A capacity with its state filled in from the person's other mentions of the role
    (KNOWN); a bare generic title ("Minister") becomes the person's one specific office."""
    if capacity.role in ENVOY_ROLES and capacity.country:
        return capacity                   # "Ambassador" of a known state is one office
    if capacity.role in GENERIC_TITLES:
        specific = {(c.role, c.country, c.organisation) for c in known
                    if c.role not in GENERIC_TITLES and capacity.role.split()[-1] in c.role.split()}
        if len(specific) == 1:
            role, country, org = specific.pop()
            return Capacity(role, country, org, capacity.former)
        return None
    if capacity.country or capacity.organisation:
        return capacity
    fuller = {c for c in known if c.role.startswith(f"{capacity.role} of ")
              and (c.country or c.organisation)}
    if len(fuller) == 1:                   # "Speaker Oshima" after "Speaker of the House of ..."
        found = fuller.pop()
        return Capacity(found.role, found.country, found.organisation, capacity.former)
    states = {c.country for c in known if c.role == capacity.role and c.country}
    orgs = {c.organisation for c in known if c.role == capacity.role and c.organisation}
    if len(states) == 1 and not orgs:
        return Capacity(capacity.role, states.pop(), None, capacity.former)
    if len(orgs) == 1 and not states:
        return Capacity(capacity.role, None, orgs.pop(), capacity.former)
    return capacity


class OfficeBook:
    """The office each person holds in each capacity a text gives them, made once per
    (person, capacity) from the capacities the corpus shows the person in (CAPACITIES)."""

    def __init__(self, capacities: dict[str, dict[Capacity, None]]) -> None:
        self.capacities = capacities
        self.made: dict[tuple[str, Capacity], Office | None] = {}

    def __call__(self, person: str, capacity: Capacity) -> Office | None:
        key = (person, capacity)
        if key in self.made:
            return self.made[key]
        full = complete(capacity, list(self.capacities.get(person, {})))
        found = self.made[key] = None if full is None else office(full)
        return found
