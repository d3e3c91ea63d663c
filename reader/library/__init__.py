"""The document collection: add/remove/list, ids, dedup, the bundled default. No Qt here."""
