SELECT max(COLUMNS(*)) FROM (SELECT service, unit, sum(quantity) AS q FROM usage GROUP BY ALL)
