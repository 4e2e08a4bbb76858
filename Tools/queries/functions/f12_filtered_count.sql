-- filtered count
SELECT project_id, count(*) FILTER (WHERE duration_ms > 1000) AS slow FROM usage GROUP BY 1;
