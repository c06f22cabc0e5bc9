-- title: Sanctions in force on a date
-- description: Sanctions adopted on or before the day and not lifted by then (a measure
--   lifted on the day is no longer in force on it), oldest first: the rule of
--   'timeline sanctions --active-on'. Occurred sanctions only, rejected ones left out.
-- param: on (date): the day, YYYY-MM-DD
-- param: target (actor): only this target, or targets of this country (any name or alias) []
SELECT
    s.adopted_on AS adopted_on,
    s.imposer AS imposer,
    s.target AS target,
    s.authority AS authority,
    s.lifted_on AS lifted_on,
    s.event_id AS event_id
FROM sanctions_view s
WHERE s.status = 'occurred'
    AND s.review <> 'rejected'
    AND s.adopted_on <= :on
    AND (s.lifted_on IS NULL OR s.lifted_on > :on)
    AND (
        CAST(:target AS VARCHAR(200)) IS NULL
        OR LOWER(s.target) = LOWER(:target)
        OR LOWER(s.target_country) = LOWER(:target)
    )
ORDER BY s.adopted_on, s.event_id, s.imposer_id, s.target_id
