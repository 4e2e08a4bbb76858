SELECT strftime(ts, '%Y-%m') AS ym, strftime(ts, '%a %d %b %Y %H:%M:%S') AS long_form FROM usage ORDER BY ts, ym, long_form LIMIT 5;
