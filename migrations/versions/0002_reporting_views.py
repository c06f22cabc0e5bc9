"""reporting views

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

Read-only SQL views that flatten the model for reporting, for anyone with a SQL client
(`sqlite3`, `psql`, Datasette) and for the named reports in `timeline/reports/`:

- events_view: one row per event, its participants' names in one column
- contacts_view: one row per pair of actors of a contact event (from `event_pairs`)
- offices_view: who held which office, from when to when
- sanctions_view: one row per sanction, imposer and target, with its lifting date
- event_history_view: every curation change, with the event's type

The SQL is portable except for string aggregation and date parts, which branch on the
dialect: `group_concat` over an ordered subquery on SQLite (it has no ORDER BY inside the
aggregate before 3.44, and a view must stay readable by older sqlite3 shells),
`string_agg(... ORDER BY ...)` on PostgreSQL.

Alembic's autogenerate (and so `timeline db check`) compares tables only: views are
invisible to it. A later migration that rebuilds a table a view reads (SQLite batch mode
copies and renames tables; PostgreSQL refuses to drop or retype a column a view uses) must
drop the views first and create them again afterwards.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The contact types of timeline.vocabulary.CONTACT_TYPES when this migration was written:
# a migration is a snapshot, so it does not import the live vocabulary.
CONTACT_TYPES = ("meeting", "call", "message", "invitation", "attendance", "agreement")

VIEWS = ("event_history_view", "sanctions_view", "offices_view", "contacts_view", "events_view")


def _parts(dialect: str) -> dict[str, str]:
    """Dialect-specific SQL fragments, named for the str.format calls below."""
    if dialect == "postgresql":
        return {
            "names": (
                "(SELECT string_agg(pa.name, '; ' ORDER BY pp.id)"
                " FROM participants pp JOIN actors pa ON pa.id = pp.actor_id"
                " WHERE pp.event_id = e.id)"
            ),
            "year": "CAST(EXTRACT(YEAR FROM {col}) AS INTEGER)",
            "month": "to_char({col}, 'YYYY-MM')",
        }
    return {
        "names": (
            "(SELECT group_concat(n, '; ') FROM (SELECT pa.name AS n"
            " FROM participants pp JOIN actors pa ON pa.id = pp.actor_id"
            " WHERE pp.event_id = e.id ORDER BY pp.id))"
        ),
        "year": "CAST(substr({col}, 1, 4) AS INTEGER)",
        "month": "substr({col}, 1, 7)",
    }


def _year(parts: dict[str, str], col: str) -> str:
    return parts["year"].format(col=col)


def _month(parts: dict[str, str], col: str) -> str:
    return parts["month"].format(col=col)


# Shared subqueries: how many distinct articles report an event, and its source count as
# `timeline events` shows it (articles plus the seed record's reference URL).
ARTICLES = "(SELECT COUNT(DISTINCT ev.article_id) FROM evidence ev WHERE ev.event_id = e.id)"
SOURCES = f"({ARTICLES} + CASE WHEN e.source_url IS NULL THEN 0 ELSE 1 END)"


def _events_view(p: dict[str, str]) -> str:
    return f"""
CREATE VIEW events_view AS
SELECT
    e.id AS event_id,
    e.key AS event_key,
    e.type AS type,
    e.title AS title,
    e.start_date AS start_date,
    e.end_date AS end_date,
    e.precision AS precision,
    e.date_text AS date_text,
    {_year(p, "e.start_date")} AS start_year,
    {_month(p, "e.start_date")} AS start_month,
    {_month(p, "e.end_date")} AS end_month,
    e.status AS status,
    e.location AS location,
    e.cameo AS cameo,
    e.confidence AS confidence,
    e.origin AS origin,
    e.review AS review,
    {p["names"]} AS participants,
    (SELECT COUNT(*) FROM participants pc WHERE pc.event_id = e.id) AS participant_count,
    {ARTICLES} AS article_count,
    {SOURCES} AS sources,
    e.source_url AS source_url
FROM events e
"""


def _contacts_view(p: dict[str, str]) -> str:
    types = ", ".join(f"'{t}'" for t in CONTACT_TYPES)
    return f"""
CREATE VIEW contacts_view AS
SELECT
    e.id AS event_id,
    ep.actor_a_id AS actor_a_id,
    a.name AS actor_a,
    ep.actor_b_id AS actor_b_id,
    b.name AS actor_b,
    e.type AS type,
    e.title AS title,
    e.start_date AS start_date,
    e.end_date AS end_date,
    e.precision AS precision,
    e.date_text AS date_text,
    {_year(p, "e.start_date")} AS start_year,
    {_month(p, "e.start_date")} AS start_month,
    e.status AS status,
    e.review AS review,
    e.location AS location,
    e.cameo AS cameo,
    {SOURCES} AS sources,
    e.source_url AS source_url
FROM event_pairs ep
JOIN events e ON e.id = ep.event_id
JOIN actors a ON a.id = ep.actor_a_id
JOIN actors b ON b.id = ep.actor_b_id
WHERE e.type IN ({types})
"""


def _offices_view(p: dict[str, str]) -> str:
    return f"""
CREATE VIEW offices_view AS
SELECT
    o.id AS office_id,
    o.holder_id AS leader_id,
    h.name AS leader,
    o.title AS title,
    o.role AS role,
    o.country_id AS country_id,
    c.name AS country,
    o.organization_id AS organization_id,
    g.name AS organization,
    COALESCE(c.name, g.name) AS post_of,
    o.start_date AS start_date,
    o.end_date AS end_date,
    {_year(p, "o.start_date")} AS start_year,
    {_year(p, "o.end_date")} AS end_year,
    o.origin AS origin,
    o.source AS source
FROM offices o
JOIN actors h ON h.id = o.holder_id
LEFT JOIN actors c ON c.id = o.country_id
LEFT JOIN actors g ON g.id = o.organization_id
"""


def _sanctions_view(p: dict[str, str]) -> str:
    return f"""
CREATE VIEW sanctions_view AS
SELECT
    e.id AS event_id,
    e.key AS event_key,
    ip.actor_id AS imposer_id,
    ia.name AS imposer,
    tp.actor_id AS target_id,
    ta.name AS target,
    ta.kind AS target_kind,
    tc.name AS target_country,
    COALESCE(sd.authority, e.title) AS authority,
    sd.measures AS measures,
    e.start_date AS adopted_on,
    e.end_date AS end_date,
    sd.lifted_on AS lifted_on,
    {_year(p, "e.start_date")} AS adopted_year,
    e.status AS status,
    e.review AS review,
    sd.notes AS notes,
    e.source_url AS source_url
FROM events e
LEFT JOIN sanction_details sd ON sd.event_id = e.id
LEFT JOIN participants ip ON ip.event_id = e.id AND ip.role = 'imposer'
LEFT JOIN actors ia ON ia.id = ip.actor_id
LEFT JOIN participants tp ON tp.event_id = e.id AND tp.role = 'target'
LEFT JOIN actors ta ON ta.id = tp.actor_id
LEFT JOIN actors tc ON tc.id = ta.country_id
WHERE e.type = 'sanction'
"""


def _event_history_view(_p: dict[str, str]) -> str:
    return """
CREATE VIEW event_history_view AS
SELECT
    h.id AS history_id,
    h.event_id AS event_id,
    e.type AS event_type,
    h.action AS action,
    h.field AS field,
    h.old_value AS old_value,
    h.new_value AS new_value,
    h.changed_by AS changed_by,
    h.changed_at AS changed_at,
    h.note AS note
FROM event_history h
JOIN events e ON e.id = h.event_id
"""


def upgrade() -> None:
    parts = _parts(op.get_context().dialect.name)
    for build in (
        _events_view,
        _contacts_view,
        _offices_view,
        _sanctions_view,
        _event_history_view,
    ):
        op.execute(build(parts))


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
