"""The GIN index for full-text search, and the stored documents of existing rows.

PostgreSQL only: SQLite has neither tsvector nor GIN (search there is a plain
case-insensitive match), so the index is not declared in the model's Meta.
The document matches ProjectQuerySet.refresh_search_vectors().
"""

from django.db import migrations

FORWARDS = [
    "CREATE INDEX project_search_gin ON projects_project USING gin (search_vector)",
    """
    UPDATE projects_project AS pr SET search_vector =
        setweight(to_tsvector('english', pr.name), 'A')
        || setweight(to_tsvector('english', coalesce((
            SELECT string_agg(p.name || ' ' || p.short_name || ' ' || p.other_names, ' ')
            FROM projects_projectpartner pp JOIN mous_party p ON p.id = pp.party_id
            WHERE pp.project_id = pr.id
        ), '')), 'B')
        || setweight(to_tsvector('english', pr.description), 'C')
    """,
]
BACKWARDS = ["DROP INDEX IF EXISTS project_search_gin"]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("mous", "0003_search_gin_indexes"),
        ("projects", "0002_search_vector_and_name_index"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(FORWARDS), on_postgresql(BACKWARDS)),
    ]
