-- title: Source coverage
-- description: For each news source: how many of its articles were ingested, how many
--   distinct events they report and how many evidence sentences back them, with the
--   first and last publication days. Most events first. Articles without a source are
--   counted under '(unknown)'.
-- param: since (date): articles published from this day on, YYYY-MM-DD []
-- param: until (date): articles published up to this day, YYYY-MM-DD []
SELECT
    COALESCE(ar.source, '(unknown)') AS source,
    COUNT(DISTINCT ar.id) AS articles,
    COUNT(DISTINCT ev.event_id) AS events,
    COUNT(ev.id) AS evidence,
    MIN(ar.published) AS first_published,
    MAX(ar.published) AS last_published
FROM articles ar
LEFT JOIN evidence ev ON ev.article_id = ar.id
WHERE (CAST(:since AS DATE) IS NULL OR ar.published >= :since)
    AND (CAST(:until AS DATE) IS NULL OR ar.published <= :until)
GROUP BY COALESCE(ar.source, '(unknown)')
ORDER BY COUNT(DISTINCT ev.event_id) DESC, COUNT(DISTINCT ar.id) DESC,
    COALESCE(ar.source, '(unknown)')
