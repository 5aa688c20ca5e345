"""Microsoft Teams through the Bot Framework: every botbuilder import lives in this package.

`routes.add_teams_routes` plugs the surface into the shared aiohttp app; `bot.TeamsBot`
translates activities; `cards` renders replies; `package` builds the app package.
"""
