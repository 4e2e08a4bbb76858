SELECT min(extract(epoch FROM ts)) AS e, max(date_part('epoch', ts)) AS f FROM usage;
