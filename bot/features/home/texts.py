"""The home tab's texts. Key -> (Swedish, English)."""

from __future__ import annotations

from bot.kernel.i18n import Catalog

TEXTS: dict[str, tuple[str, str]] = {
    "home.title": ("Internationella nätverket", "The international network"),
    "home.role_coordinator": (
        "Du är nätverkets internationella samordnare.",
        "You are the network's international coordinator.",
    ),
    "home.role_representative": (
        "Du representerar {department} i det internationella nätverket.",
        "You represent {department} in the international network.",
    ),
    "home.role_member": (
        "Representanter loggar sin förvaltnings internationella kontakter här. Är du inte "
        "registrerad som representant, fråga den internationella samordnaren.",
        "Representatives log their department's international contacts here. If you are "
        "not registered as a representative, ask the international coordinator.",
    ),
    "home.intro": (
        "Fråga om den internationella policyn under fliken Meddelanden, med /fraga eller "
        "genom att nämna mig i en kanal.",
        "Ask about the international policy in the Messages tab, with /ask or by "
        "mentioning me in a channel.",
    ),
    "home.latest": ("Senaste kontakterna", "Latest contacts"),
    "home.new_contact": ("Ny kontakt", "New contact"),
    "home.help": ("Hjälp", "Help"),
}
CATALOG = Catalog(TEXTS)
t = CATALOG.t
