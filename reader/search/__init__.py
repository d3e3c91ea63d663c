"""Full-text search: the Whoosh schema, the jieba analyzer, indexing, querying. No Qt here."""
