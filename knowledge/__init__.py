"""Policy texts and the retrieval engine. Imports nothing from bot/ or adapters/."""
