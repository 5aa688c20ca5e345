"""`intbot demo`: a generated but realistic network for a newcomer to see a real report.

Departments with representatives, and a few hundred contacts over the previous and the
current year (up to today): twin towns, EU projects (Erasmus+, Interreg, ...), networks
(Eurocities, CEMR, the Nordic Council of Ministers), conferences, study visits and
delegations, with strategic areas of the configured policy, participants, youth and
external funding. Deterministic for a seed and a date. Written through the ORM with an
audit entry per row, as the contact log writes them. All names are invented.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from bot.store.db import Database
from bot.store.models import AuditEntry, Contact, Department, Representative

ACTOR = "intbot-demo"
DEFAULT_SEED = 2026


class DemoRefused(RuntimeError):
    """The database already holds a network; `--force` adds the demo anyway."""


@dataclass(frozen=True)
class _Dept:
    name: str
    weight: int  # how active
    kinds: dict[str, int]  # kind -> weight
    representative: tuple[str, str]  # (user id, invented display name)
    quiet_this_year: bool = False


@dataclass(frozen=True)
class _Partner:
    name: str
    city: str | None
    country: str
    kind: str
    new_this_year: bool = False


_DEPARTMENTS = (
    _Dept(
        "Kommunstyrelseförvaltningen",
        6,
        {"network": 5, "conference": 3, "delegation": 3, "twin_town": 3, "eu_project": 2},
        ("demo.anna", "Anna Lindqvist"),
    ),
    _Dept(
        "Barn- och utbildningsförvaltningen",
        7,
        {"eu_project": 5, "study_visit": 3, "twin_town": 3, "conference": 1},
        ("demo.erik", "Erik Johansson"),
    ),
    _Dept(
        "Kultur- och fritidsförvaltningen",
        5,
        {"twin_town": 4, "eu_project": 2, "network": 1, "study_visit": 2, "other": 1},
        ("demo.sara", "Sara Nilsson"),
    ),
    _Dept(
        "Socialförvaltningen",
        3,
        {"study_visit": 4, "conference": 2, "eu_project": 1},
        ("demo.mohammed", "Mohammed Ali"),
    ),
    _Dept(
        "Samhällsbyggnadsförvaltningen",
        4,
        {"eu_project": 3, "network": 2, "study_visit": 2, "conference": 1},
        ("demo.karin", "Karin Berg"),
    ),
    _Dept(
        "Vård och omsorg",
        2,
        {"study_visit": 3, "eu_project": 1, "conference": 1},
        ("demo.lena", "Lena Holm"),
    ),
    _Dept(
        "Miljöförvaltningen",
        2,
        {"network": 2, "eu_project": 2, "conference": 1},
        ("demo.johan", "Johan Ek"),
    ),
    _Dept(
        "Räddningstjänsten",
        1,
        {"study_visit": 1, "other": 1},
        ("demo.per", "Per Sund"),
        quiet_this_year=True,
    ),
)

_PARTNERS = (
    _Partner("Gjøvik kommune", "Gjøvik", "NO", "twin_town"),
    _Partner("Jyväskylän kaupunki", "Jyväskylä", "FI", "twin_town"),
    _Partner("Stadt Wetzlar", "Wetzlar", "DE", "twin_town"),
    _Partner("Tartu linn", "Tartu", "EE", "twin_town"),
    _Partner("Holbæk Kommune", "Holbæk", "DK", "twin_town"),
    _Partner("Erasmus+ KA2 Green Schools Partnership", "Bologna", "IT", "eu_project"),
    _Partner("Interreg Baltic Sea Region: Smart Mobility Hubs", "Riga", "LV", "eu_project"),
    _Partner("Interreg Aurora: Gränslös vård", "Tromsø", "NO", "eu_project"),
    _Partner("Erasmus+ KA1 Vuxenutbildning", "Valencia", "ES", "eu_project"),
    _Partner("Horisont Europa: Climate Neutral Cities", "Bryssel", "BE", "eu_project"),
    _Partner("Kreativa Europa: Nordic Stories", "Köpenhamn", "DK", "eu_project"),
    _Partner("Erasmus+ KA2 Digital Youth Work", "Ljubljana", "SI", "eu_project", True),
    _Partner("Interreg Europe: Circular Public Procurement", "Lille", "FR", "eu_project", True),
    _Partner("Eurocities", "Bryssel", "BE", "network"),
    _Partner("CEMR – Council of European Municipalities and Regions", "Bryssel", "BE", "network"),
    _Partner("Nordiska ministerrådet", "Köpenhamn", "DK", "network"),
    _Partner("Union of the Baltic Cities", "Gdańsk", "PL", "network"),
    _Partner("ICLEI Europe", "Freiburg", "DE", "network", True),
    _Partner("European Week of Regions and Cities", "Bryssel", "BE", "conference"),
    _Partner("Nordiska välfärdskonferensen", "Helsingfors", "FI", "conference"),
    _Partner("Eurocities Annual Conference", "Braga", "PT", "conference"),
    _Partner("EAIE Conference", "Toulouse", "FR", "conference", True),
    _Partner("Aarhus Kommune", "Aarhus", "DK", "study_visit"),
    _Partner("Gemeente Utrecht", "Utrecht", "NL", "study_visit"),
    _Partner("Tallinna Haridusamet", "Tallinn", "EE", "study_visit"),
    _Partner("Helsingin kaupunki, Oodi", "Helsingfors", "FI", "study_visit"),
    _Partner("Gemeente Rotterdam", "Rotterdam", "NL", "study_visit"),
    _Partner("Bergen kommune", "Bergen", "NO", "study_visit", True),
    _Partner("Ukrainas kommunförbund", "Kyiv", "UA", "delegation"),
    _Partner("Kisumu County Government", "Kisumu", "KE", "delegation"),
    _Partner("Gmina Miasto Gdynia", "Gdynia", "PL", "delegation", True),
    _Partner("British Council", "London", "GB", "other"),
    _Partner("Goethe-Institut", "München", "DE", "other"),
)

_DESCRIPTIONS = {
    "twin_town": (
        "Vänortsbesök med utbyte mellan skolor",
        "Kulturutbyte med vänorten",
        "Ungdomsutbyte inom idrott",
        "Vänortsmöte om gemensamma projekt",
    ),
    "eu_project": (
        "Partnermöte i projektet",
        "Projektansökan lämnad",
        "Kickoff för projektet",
        "Erfarenhetsutbyte och jobbskuggning",
        "Slutkonferens för projektet",
    ),
    "network": (
        "Arbetsgruppsmöte i nätverket",
        "Deltagande i nätverkets temagrupp",
        "Styrelsemöte i nätverket",
    ),
    "conference": ("Deltagande med presentation", "Deltagande i workshop"),
    "study_visit": (
        "Studiebesök om digital skola",
        "Studiebesök om äldreomsorg",
        "Studiebesök om klimatanpassning",
        "Studiebesök om bibliotek",
    ),
    "delegation": ("Mottagande av delegation", "Besök från partnerkommun"),
    "other": ("Webbinarium om internationell rekrytering", "Språkkurs för personal"),
}

_FUNDING = {
    "eu_project": (
        0.7,
        (
            ("Erasmus+", "SEK", 30_000, 450_000),
            ("Interreg", "EUR", 20_000, 250_000),
            ("Horisont Europa", "EUR", 50_000, 400_000),
            ("Kreativa Europa", "EUR", 10_000, 80_000),
        ),
    ),
    "twin_town": (0.2, (("Nordplus", "SEK", 20_000, 90_000),)),
    "study_visit": (0.2, (("Erasmus+", "SEK", 15_000, 60_000),)),
    "delegation": (0.1, (("Svenska institutet", "SEK", 10_000, 50_000),)),
}

_PARTICIPANTS = {
    "twin_town": (4, 40),
    "eu_project": (2, 12),
    "network": (1, 3),
    "conference": (1, 4),
    "study_visit": (3, 15),
    "delegation": (5, 20),
    "other": (5, 30),
}

_FOLLOW_UPS = (
    "Återrapport på nätverksmötet",
    "Ansökan om fortsättningsprojekt",
    "Motbesök planeras nästa år",
    None,
    None,
)


@dataclass(frozen=True, kw_only=True)
class DemoResult:
    departments: int
    representatives: int
    contacts: dict[int, int]  # year -> contacts


def department_key(name: str) -> str:
    """Lower case, no diacritics, no spaces or punctuation (as `Department.key`)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", plain)


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _contact_values(
    rng: random.Random,
    *,
    day: dt.date,
    dept: _Dept,
    areas: Sequence[str],
    current_year: int,
    skip_area: str | None,
) -> dict[str, Any]:
    kind = _pick(rng, dept.kinds)
    pool = [p for p in _PARTNERS if p.kind == kind]
    if day.year < current_year:
        pool = [p for p in pool if not p.new_this_year] or pool
    partner = rng.choice(pool)
    usable = [a for a in areas if not (day.year == current_year and a == skip_area)]
    chosen: list[str] = []
    if usable and rng.random() > 0.1:
        chosen = rng.sample(usable, k=min(len(usable), rng.choice((1, 1, 2))))
    low, high = _PARTICIPANTS[kind]
    youth_likely = dept.name.startswith(("Barn", "Kultur")) and kind in (
        "twin_town",
        "eu_project",
        "study_visit",
    )
    values: dict[str, Any] = {
        "date": day,
        "partner": partner.name,
        "city": partner.city,
        "country": partner.country,
        "kind": kind,
        "areas": chosen,
        "participants": rng.randint(low, high) if rng.random() > 0.1 else None,
        "youth": youth_likely and rng.random() < 0.6,
        "description": f"{rng.choice(_DESCRIPTIONS[kind])}: {partner.name}",
        "follow_up": rng.choice(_FOLLOW_UPS),
        "funding_amount": None,
        "funding_currency": None,
        "funding_source": None,
    }
    chance, sources = _FUNDING.get(kind, (0.0, ()))
    if sources and rng.random() < chance:
        source, currency, least, most = rng.choice(sources)
        values["funding_amount"] = Decimal(rng.randrange(least, most, 1000))
        values["funding_currency"] = currency
        values["funding_source"] = source
    values["end_date"] = _end_date(kind, partner.name, day)
    return values


def _end_date(kind: str, partner: str, day: dt.date) -> dt.date | None:
    """Projects run one to three years from their start; most networks and twin-town
    agreements have no end. Drawn from its own seed, so the rest of the demo is the same
    as before end dates were logged."""
    own = random.Random(f"{partner}:{day.isoformat()}")
    if kind == "eu_project" or (kind in ("network", "twin_town") and own.random() < 0.25):
        return day + dt.timedelta(days=own.randint(300, 1100))
    return None


_EFFECTS = {
    "twin_town": (
        "Förväntad effekt: fler elever med internationell erfarenhet",
        "Uppnått: ett gemensamt skolprojekt med vänorten har startat",
    ),
    "eu_project": (
        "Förväntad effekt: nya arbetssätt i verksamheten",
        "Uppnått: metoden används nu i två verksamheter",
        "Uppnått: beviljad ansökan om fortsättningsprojekt",
    ),
    "network": (
        "Förväntad effekt: bättre omvärldsbevakning inom EU-frågor",
        "Uppnått: två nya partner för kommande ansökningar",
    ),
    "conference": ("Förväntad effekt: kunskap om finansieringsmöjligheter",),
    "study_visit": (
        "Uppnått: idéer från besöket prövas i den egna verksamheten",
        "Förväntad effekt: stärkt kompetens hos personalen",
    ),
    "delegation": ("Förväntad effekt: fördjupat samarbete med regionen",),
    "other": ("Förväntad effekt: ökad kännedom om kommunen",),
}
# The share of a kind's activities that other departments take part in.
_TOGETHER = {"eu_project": 0.5, "twin_town": 0.3, "network": 0.2, "delegation": 0.2}


def _effects_and_others(
    kind: str, partner: str, day: dt.date, others: Sequence[int]
) -> dict[str, Any]:
    """Effects for a good part of the entries (Falköping's evaluation) and co-departments
    for projects and agreements above all (Falun's cooperation across departments).
    Drawn from their own seed, so the rest of the demo is the same as before."""
    own = random.Random(f"effects:{partner}:{day.isoformat()}")
    effects = own.choice(_EFFECTS[kind]) if own.random() < 0.45 else None
    together = own.random() < _TOGETHER.get(kind, 0.05) and others
    chosen = own.sample(list(others), k=min(len(others), own.choice((1, 1, 2)))) if together else []
    return {"effects": effects, "co_departments": chosen}


def _days(rng: random.Random, *, start: dt.date, end: dt.date, n: int) -> list[dt.date]:
    span = (end - start).days
    return sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))


def _audit_changes(values: dict[str, Any], department_id: int) -> dict[str, Any]:
    plain = {key: (str(v) if isinstance(v, Decimal | dt.date) else v) for key, v in values.items()}
    return {"new": {**plain, "department_id": department_id}}


async def fill_demo(
    db: Database,
    *,
    areas: Sequence[str],
    today: dt.date,
    seed: int = DEFAULT_SEED,
    force: bool = False,
    per_year: int = 180,
) -> DemoResult:
    """Generate the network. `areas`: the configured policy's strategic area keys."""
    rng = random.Random(f"{seed}:{today.isoformat()}")
    async with db.session() as session:
        existing = (await session.execute(select(func.count(Contact.id)))).scalar_one()
        departments = (await session.execute(select(func.count(Department.id)))).scalar_one()
        if (existing or departments) and not force:
            raise DemoRefused(f"{existing} contacts, {departments} departments")

        by_key = {d.key: d for d in (await session.execute(select(Department))).scalars()}
        made: dict[str, Department] = {}
        new_departments: list[Department] = []
        for spec in _DEPARTMENTS:
            key = department_key(spec.name)
            department = by_key.get(key)
            if department is None:
                department = Department(name=spec.name, key=key)
                session.add(department)
                new_departments.append(department)
            made[spec.name] = department
        await session.flush()

        seated = set(
            (
                await session.execute(
                    select(Representative.user_id).where(Representative.deleted_at.is_(None))
                )
            ).scalars()
        )
        representatives: list[Representative] = []
        for spec in _DEPARTMENTS:
            user_id, display_name = spec.representative
            if user_id in seated:
                continue
            representatives.append(
                Representative(
                    user_id=user_id,
                    display_name=display_name,
                    department_id=made[spec.name].id,
                    created_by=ACTOR,
                )
            )
        session.add_all(representatives)
        await session.flush()

        current = today.year
        skip_area = areas[-1] if areas else None  # one goal without activity this year
        counts: dict[int, int] = {}
        contacts: list[tuple[Contact, dict[str, Any], int]] = []
        for year in (current - 1, current):
            end = min(dt.date(year, 12, 31), today)
            start = dt.date(year, 1, 1)
            share = ((end - start).days + 1) / 365
            n = max(1, round(per_year * share * (1.1 if year == current else 1.0)))
            active = [d for d in _DEPARTMENTS if not (year == current and d.quiet_this_year)]
            weights = {d.name: d.weight for d in active}
            specs = {d.name: d for d in active}
            for day in _days(rng, start=start, end=end, n=n):
                spec = specs[_pick(rng, weights)]
                values = _contact_values(
                    rng,
                    day=day,
                    dept=spec,
                    areas=areas,
                    current_year=current,
                    skip_area=skip_area,
                )
                department = made[spec.name]
                others = [d.id for name, d in made.items() if name != spec.name]
                values |= _effects_and_others(values["kind"], values["partner"], day, others)
                contact = Contact(
                    **values,
                    department_id=department.id,
                    created_by=spec.representative[0],
                )
                contacts.append((contact, values, department.id))
            counts[year] = n
        session.add_all([c for c, _, _ in contacts])
        await session.flush()

        audit = [
            AuditEntry(
                actor=ACTOR,
                action="create",
                entity="department",
                entity_id=d.id,
                changes={"new": {"name": d.name, "key": d.key}},
            )
            for d in new_departments
        ]
        audit += [
            AuditEntry(
                actor=ACTOR,
                action="create",
                entity="representative",
                entity_id=r.id,
                changes={"new": {"user_id": r.user_id, "department_id": r.department_id}},
            )
            for r in representatives
        ]
        audit += [
            AuditEntry(
                actor=contact.created_by,
                action="create",
                entity="contact",
                entity_id=contact.id,
                changes=_audit_changes(values, department_id),
            )
            for contact, values, department_id in contacts
        ]
        session.add_all(audit)
    return DemoResult(
        departments=len(new_departments),
        representatives=len(representatives),
        contacts=counts,
    )
