SELECT epoch(min(ts)) AS s, epoch_ms(min(ts)) AS ms, epoch_ms(max(ts)) - epoch_ms(min(ts)) AS span FROM usage;
