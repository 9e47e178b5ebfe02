"""The Elasticsearch side of search: mappings and Dutch analysis (``documents``), the
versioned indexes behind an alias (``index``) and the queue that keeps them in step with
the database (``sync``). The database's search records stay the source of truth."""
