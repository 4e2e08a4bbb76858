-- Daily cost per model, most expensive first.
select model_id, date_trunc('day', ts) as day, sum(cost_usd) as cost
from usage
where service in ('anthropic', 'openai')
  and ts >= timestamp '2026-10-01 00:00:00'
group by 1, 2
order by cost desc, day
limit 20;
