-- Days by a cast of the instant.
SELECT ts::DATE AS d, count(*) AS n FROM usage WHERE ts::DATE >= DATE '{last_date}' - 3 GROUP BY 1 ORDER BY 1;
