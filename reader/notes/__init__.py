"""The user's bookmarks and annotations in SQLite: anchoring, export, migrations. No Qt here."""
