SELECT to_timestamp(1735689600) AS a, to_timestamp(epoch(min(ts))) AS b FROM usage;
