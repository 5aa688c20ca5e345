"""Slack: a slack-bolt `AsyncApp` that translates Slack payloads into the core's `Message`
and renders the core's replies as Block Kit. No business logic lives here."""
