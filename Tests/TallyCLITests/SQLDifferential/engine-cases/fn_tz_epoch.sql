-- Epochs of an instant do not depend on the zone.
SET TimeZone = 'Asia/Tokyo'; SELECT epoch_ms(min(ts AT TIME ZONE 'UTC')) AS ms, epoch(min(ts AT TIME ZONE 'UTC')) AS s, date_part('epoch', min(ts AT TIME ZONE 'UTC')) AS p, date_part('timezone', min(ts AT TIME ZONE 'UTC')) AS z FROM usage;
