"""Alembic environment of the gcpcalc store.

The store runs the migrations itself when it opens a database (:func:`gcpcalc.store.db.migrate`),
passing its open connection in ``config.attributes["connection"]``; the scripts never read a URL from
a configuration file.
"""
from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the store runs these migrations
    raise RuntimeError("the gcpcalc store migrations run through gcpcalc.store.db.migrate()")

context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
