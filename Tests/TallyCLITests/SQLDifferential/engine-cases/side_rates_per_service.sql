-- The rate card as a table: rates per service and price unit.
SELECT service, price_unit, count(*) AS rates, min(price_usd) AS cheapest, max(price_usd) AS dearest FROM rates GROUP BY ALL ORDER BY 1, 2
