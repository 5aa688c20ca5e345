"""Settings from the environment, validated at start-up (pydantic-settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.kernel.question_settings import SettingsError

DEFAULT_DATABASE_URL = "sqlite:///var/intbot.db"


class Settings(BaseSettings):
    """Every setting the bot reads. Credentials have no defaults: a surface is on only
    when its credentials are set."""

    model_config = SettingsConfigDict(env_prefix="INTBOT_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    # User ids (any platform) with the coordinator's rights, comma-separated.
    coordinators: Annotated[frozenset[str], NoDecode] = frozenset()
    # The municipality whose network this is: the default for questions that name none,
    # and the source of strategic areas for the contact log and the report.
    municipality: str | None = None
    texts_dir: Path | None = None  # policy texts; default: the bundled knowledge/texts
    log_level: str = "INFO"
    # Public base URL of `intbot serve`, for report download links (Teams).
    public_url: str | None = None
    # Secret for signing report download links; required when download links are served.
    link_secret: str | None = None
    # Slack (each surface is on when its credentials are set).
    slack_bot_token: str | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str | None = Field(default=None, validation_alias="SLACK_API_URL")
    # Microsoft Teams (Bot Framework).
    microsoft_app_id: str | None = Field(
        default=None, validation_alias=AliasChoices("MicrosoftAppId", "MICROSOFT_APP_ID")
    )
    microsoft_app_password: str | None = Field(
        default=None,
        validation_alias=AliasChoices("MicrosoftAppPassword", "MICROSOFT_APP_PASSWORD"),
    )
    microsoft_app_tenant_id: str | None = Field(
        default=None,
        validation_alias=AliasChoices("MicrosoftAppTenantId", "MICROSOFT_APP_TENANT_ID"),
    )
    microsoft_app_type: str = Field(
        default="MultiTenant",
        validation_alias=AliasChoices("MicrosoftAppType", "MICROSOFT_APP_TYPE"),
    )
    teams_allow_anonymous: bool = False
    # Development only: in anonymous mode, let unverified Teams identities keep the roles
    # their ids have (coordinator, representative). Off, they have none. Logged loudly.
    teams_anonymous_roles: bool = False
    # Seconds a server process holds an acknowledged job it is running; after a crash,
    # another process (or the restarted one) takes the job over when this runs out.
    job_lease_s: int = Field(default=60, ge=1, le=3600)
    # --- operations (issue 7): reminders, visit notices, retention, logs ---
    # Days before a tertial closes (T1 Jan-Apr, T2 May-Aug, T3 Sep-Dec) when reminders go out.
    reminder_days_before: int = Field(default=14, ge=1, le=120)
    reminder_hour: int = Field(default=9, ge=0, le=23)  # no notices before this local hour
    reminder_interval_s: int = Field(default=300, ge=10)  # how often `intbot serve` checks
    timezone: str = "Europe/Stockholm"  # local dates for periods and notices
    # Channel (Slack channel id / Teams conversation id) for visit notices; off when unset.
    visit_notice_channel: str | None = None
    visit_notice_days: int = Field(default=7, ge=1, le=90)  # notice this many days ahead
    # Free-text personal data in contacts older than this many years is purged.
    retention_years: int | None = Field(default=None, ge=1)
    log_format: Literal["text", "json"] = "text"

    @field_validator("coordinators", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r} (e.g. Europe/Stockholm)") from error
        return value

    def is_coordinator(self, user: str) -> bool:
        return user in self.coordinators


def load_settings() -> Settings:
    """The settings, or `SettingsError` naming each setting that cannot be used."""
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{_env_name(problem['loc'])}: {problem['msg']}" for problem in error.errors()
        )
        raise SettingsError(problems) from None


def _env_name(loc: tuple[int | str, ...]) -> str:
    """The environment variable a pydantic error location stands for."""
    name = str(loc[0]) if loc else "?"
    field = Settings.model_fields.get(name)
    alias = field.validation_alias if field is not None else None
    if isinstance(alias, str):
        return alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return "INTBOT_" + name.upper()
