"""A small contact log with hand-computed figures, for the report tests.

2026 (current): five live entries and one deleted; 2025 (previous): two; 2024: one.
See tests/test_report_figures.py for the figures worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bot.features.report.figures import Labels, Policy
from bot.store.db import Database
from bot.store.models import Contact, Department

KULTUR = "Kultur- och fritidsförvaltningen"
BUF = "Barn- och utbildningsförvaltningen"
SOCIAL = "Socialförvaltningen"

FALUN_AREAS = (
    ("information", "Sprida information om Falun i världen"),
    ("eu", "Uppnå maximal nytta av EU-medlemskapet"),
    ("kompetens", "Tillföra kommunen internationell kompetens"),
    ("region", "Vara en aktiv part i internationaliseringsarbetet i regionen"),
)

KINDS = {
    "twin_town": "Vänort",
    "eu_project": "EU-projekt",
    "network": "Nätverk",
    "conference": "Konferens",
    "study_visit": "Studiebesök",
    "delegation": "Delegation",
    "other": "Annat",
}
COUNTRIES = {
    "DE": "Tyskland",
    "BE": "Belgien",
    "EE": "Estland",
    "FI": "Finland",
    "NO": "Norge",
}


def falun_policy() -> Policy:
    return Policy(municipality="Falun", title="Policy och riktlinjer", areas=FALUN_AREAS)


def test_labels() -> Labels:
    return Labels(
        kind=lambda key: KINDS.get(key, key),
        country=lambda code: COUNTRIES.get(code, code),
        areas=dict(FALUN_AREAS),
    )


test_labels.__test__ = False  # type: ignore[attr-defined]


def _contact(
    day: str,
    department: Department,
    partner: str,
    country: str,
    kind: str,
    *,
    areas: list[str] | None = None,
    participants: int | None = None,
    youth: bool = False,
    funding: tuple[str, str, str] | None = None,
    deleted: bool = False,
    description: str | None = None,
) -> Contact:
    amount, currency, source = funding or (None, None, None)
    return Contact(
        date=dt.date.fromisoformat(day),
        department=department,
        partner=partner,
        country=country,
        kind=kind,
        areas=areas or [],
        participants=participants,
        youth=youth,
        funding_amount=Decimal(amount) if amount else None,
        funding_currency=currency,
        funding_source=source,
        description=description or f"Möte med {partner}",
        follow_up="Ring Anna Andersson i maj",
        created_by="U_ALICE",
        deleted_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC) if deleted else None,
        deleted_by="U_ALICE" if deleted else None,
    )


async def seed_small(db: Database) -> None:
    async with db.session() as session:
        kultur = Department(name=KULTUR, key="kulturochfritidsforvaltningen")
        buf = Department(name=BUF, key="barnochutbildningsforvaltningen")
        social = Department(name=SOCIAL, key="socialforvaltningen")
        session.add_all(
            [
                kultur,
                buf,
                social,
                # 2026
                _contact("2026-01-15", kultur, "Stadt Wetzlar", "DE", "twin_town",
                         areas=["information", "kompetens"], participants=10, youth=True,
                         funding=("45000", "SEK", "Erasmus+")),
                _contact("2026-04-30", buf, "Eurocities", "BE", "network", areas=["eu"],
                         participants=2),
                _contact("2026-05-01", kultur, "stadt  wetzlar", "DE", "study_visit",
                         participants=5, youth=True, funding=("1000.50", "EUR", "Interreg")),
                _contact("2026-09-10", buf, "Tallinna linn", "EE", "eu_project",
                         areas=["eu", "okand_nyckel"], funding=("20000", "SEK", "Erasmus+")),
                _contact("2026-12-31", kultur, "Nytt partner AB", "FI", "conference",
                         areas=["kompetens"], participants=3),
                _contact("2026-03-01", social, "Raderad partner", "NO", "other",
                         participants=100, deleted=True),
                # 2025
                _contact("2025-06-01", kultur, "Stadt Wetzlar", "DE", "twin_town",
                         participants=4),
                _contact("2025-02-01", social, "Oslo kommune", "NO", "delegation",
                         areas=["region"], youth=True),
                # 2024
                _contact("2024-03-01", buf, "EUROCITIES", "BE", "network"),
            ]
        )  # fmt: skip
