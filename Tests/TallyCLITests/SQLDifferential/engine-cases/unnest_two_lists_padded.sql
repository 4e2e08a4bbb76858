SELECT service, unnest([1, 2, 3]) AS a, unnest(['x']) AS b FROM (SELECT DISTINCT service FROM usage) ORDER BY service, a
