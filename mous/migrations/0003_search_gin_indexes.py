"""GIN indexes for full-text search, and the stored documents of existing rows.

PostgreSQL only: SQLite has neither tsvector nor GIN (search there is a plain
case-insensitive match), so the index is not declared in the models' Meta.
The documents match MOUQuerySet/PartyQuerySet.refresh_search_vectors().
"""

from django.db import migrations

FORWARDS = [
    "CREATE INDEX mou_search_gin ON mous_mou USING gin (search_vector)",
    "CREATE INDEX party_search_gin ON mous_party USING gin (search_vector)",
    """
    UPDATE mous_party SET search_vector = to_tsvector(
        'simple', name || ' ' || short_name || ' ' || other_names
    )
    """,
    """
    UPDATE mous_mou AS m SET search_vector =
        setweight(to_tsvector('english', m.title || ' ' || m.short_title), 'A')
        || setweight(to_tsvector('english', coalesce((
            SELECT string_agg(p.name || ' ' || p.short_name || ' ' || p.other_names, ' ')
            FROM mous_signatory s JOIN mous_party p ON p.id = s.party_id
            WHERE s.mou_id = m.id
        ), '')), 'B')
        || setweight(to_tsvector('english', m.description), 'C')
    """,
]
BACKWARDS = [
    "DROP INDEX IF EXISTS mou_search_gin",
    "DROP INDEX IF EXISTS party_search_gin",
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("mous", "0002_search_vectors_and_list_indexes"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(FORWARDS), on_postgresql(BACKWARDS)),
    ]
