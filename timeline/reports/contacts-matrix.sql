-- title: Contacts matrix
-- description: How many contacts each pair of actors had, year by year: meetings, calls
--   and the other contact types (messages, invitations, attendance together, agreements).
--   An event counts in the year its date range starts; occurred events only, rejected
--   ones and undated ones left out. Pairs come in the order of contacts_view.
-- param: actor (actor): only pairs with this actor (any name or alias) []
-- param: since (int): from this year []
-- param: until (int): up to this year []
SELECT
    c.actor_a AS actor_a,
    c.actor_b AS actor_b,
    c.start_year AS year,
    COUNT(*) AS contacts,
    SUM(CASE WHEN c.type = 'meeting' THEN 1 ELSE 0 END) AS meetings,
    SUM(CASE WHEN c.type = 'call' THEN 1 ELSE 0 END) AS calls,
    SUM(CASE WHEN c.type IN ('meeting', 'call') THEN 0 ELSE 1 END) AS other
FROM contacts_view c
WHERE c.status = 'occurred'
    AND c.review <> 'rejected'
    AND c.start_year IS NOT NULL
    AND (
        CAST(:actor AS VARCHAR(200)) IS NULL
        OR c.actor_a_id IN (
            SELECT al.actor_id FROM actor_aliases al
            WHERE al.kind IN ('name', 'alias') AND LOWER(al.alias) = LOWER(:actor)
        )
        OR c.actor_b_id IN (
            SELECT al.actor_id FROM actor_aliases al
            WHERE al.kind IN ('name', 'alias') AND LOWER(al.alias) = LOWER(:actor)
        )
    )
    AND (CAST(:since AS INTEGER) IS NULL OR c.start_year >= :since)
    AND (CAST(:until AS INTEGER) IS NULL OR c.start_year <= :until)
GROUP BY c.actor_a_id, c.actor_a, c.actor_b_id, c.actor_b, c.start_year
ORDER BY c.actor_a_id, c.actor_b_id, c.start_year
