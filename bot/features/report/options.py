"""The report's layout options from the municipality's front matter (`report:` block), so a
new municipality is served by its text, not by code.

```yaml
report_to: Kommunfullmäktige, genom kommundirektören
reported_by: Nätverket för internationella kontakter och EU-arbete
report:
  sections: [committees, co_departments, effects, register, tertials, trend]
  committees: {Barn- och utbildningsnämnden: [Barn- och utbildningsförvaltningen]}
  trend_years: 5
```
Unknown section names are ignored (a text written for a newer version still loads).
`shared_partners`, the section that approximated cooperation across departments by the
partners several departments had, is read as `co_departments`, which counts it from each
entry's co-departments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

OptionalSection = Literal[
    "committees", "co_departments", "effects", "register", "tertials", "trend"
]  # fmt: skip
# Names that older texts use for a section.
RENAMED: dict[str, OptionalSection] = {"shared_partners": "co_departments"}
OPTIONAL_SECTIONS: tuple[OptionalSection, ...] = get_args(OptionalSection)
MAX_TREND_YEARS = 5


@dataclass(frozen=True, kw_only=True)
class ReportOptions:
    sections: tuple[OptionalSection, ...] = ()
    # (committee, its departments' names), in the order the text lists them.
    committees: tuple[tuple[str, tuple[str, ...]], ...] = ()
    trend_years: int = MAX_TREND_YEARS

    def has(self, section: OptionalSection) -> bool:
        return section in self.sections


def parse_options(raw: Mapping[str, Any]) -> ReportOptions:
    asked = {RENAMED.get(str(s), s) for s in (raw.get("sections") or ())}
    sections = tuple(s for s in OPTIONAL_SECTIONS if s in asked)
    committees_raw = raw.get("committees") or {}
    committees = (
        tuple(
            (str(name), tuple(str(d) for d in (departments or ())))
            for name, departments in committees_raw.items()
        )
        if isinstance(committees_raw, Mapping)
        else ()
    )
    years = raw.get("trend_years", MAX_TREND_YEARS)
    trend_years = min(max(int(years), 2), MAX_TREND_YEARS) if isinstance(years, int) else 5
    return ReportOptions(sections=sections, committees=committees, trend_years=trend_years)
