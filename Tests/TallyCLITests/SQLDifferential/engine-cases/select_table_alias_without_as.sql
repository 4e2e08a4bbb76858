SELECT t.unit, sum(t.cost_usd) FROM usage t GROUP BY 1 ORDER BY 1;
