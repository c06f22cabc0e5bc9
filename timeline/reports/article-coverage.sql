-- title: Article coverage
-- description: For each ingested article: how many distinct events it reports and how
--   many evidence sentences it gave, oldest first. An article reporting nothing shows 0.
-- param: source: only articles of this source (exact name) []
-- param: since (date): articles published from this day on, YYYY-MM-DD []
-- param: until (date): articles published up to this day, YYYY-MM-DD []
SELECT
    ar.id AS article_id,
    ar.published AS published,
    COALESCE(ar.source, '(unknown)') AS source,
    ar.title AS title,
    COUNT(DISTINCT ev.event_id) AS events,
    COUNT(ev.id) AS evidence,
    ar.url AS url
FROM articles ar
LEFT JOIN evidence ev ON ev.article_id = ar.id
WHERE (CAST(:source AS VARCHAR(200)) IS NULL OR ar.source = :source)
    AND (CAST(:since AS DATE) IS NULL OR ar.published >= :since)
    AND (CAST(:until AS DATE) IS NULL OR ar.published <= :until)
GROUP BY ar.id, ar.published, ar.source, ar.title, ar.url
ORDER BY ar.published, ar.id
