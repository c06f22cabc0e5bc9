-- title: A leader's activity by month
-- description: The events a leader took part in, counted by month and by type. An event
--   whose date range spans several months is counted under that span (2018-01..2018-12),
--   never put in a month it may not belong to. Occurred events only; rejected and
--   undated ones left out.
-- param: leader (actor): the leader (any name or alias, a unique surname)
-- param: since (date): events from this day on, YYYY-MM-DD []
-- param: until (date): events up to this day, YYYY-MM-DD []
SELECT
    CASE
        WHEN e.start_month = e.end_month THEN e.start_month
        ELSE e.start_month || '..' || e.end_month
    END AS month,
    COUNT(*) AS events,
    SUM(CASE WHEN e.type = 'meeting' THEN 1 ELSE 0 END) AS meetings,
    SUM(CASE WHEN e.type = 'call' THEN 1 ELSE 0 END) AS calls,
    SUM(CASE WHEN e.type = 'message' THEN 1 ELSE 0 END) AS messages,
    SUM(CASE WHEN e.type = 'invitation' THEN 1 ELSE 0 END) AS invitations,
    SUM(CASE WHEN e.type = 'attendance' THEN 1 ELSE 0 END) AS attendances,
    SUM(CASE WHEN e.type = 'agreement' THEN 1 ELSE 0 END) AS agreements,
    SUM(CASE WHEN e.type = 'sanction' THEN 1 ELSE 0 END) AS sanctions
FROM events_view e
WHERE e.status = 'occurred'
    AND e.review <> 'rejected'
    AND e.start_month IS NOT NULL
    AND e.event_id IN (
        SELECT p.event_id FROM participants p
        JOIN actor_aliases al ON al.actor_id = p.actor_id
        WHERE al.kind IN ('name', 'alias') AND LOWER(al.alias) = LOWER(:leader)
    )
    AND (CAST(:since AS DATE) IS NULL OR e.end_date >= :since)
    AND (CAST(:until AS DATE) IS NULL OR e.start_date <= :until)
GROUP BY e.start_month, e.end_month
ORDER BY e.start_month, e.end_month
