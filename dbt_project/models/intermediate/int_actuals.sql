-- The latest vintage of each actual value: what the marts and the progress measure use.
select * from {{ ref('int_actuals_history') }}
where is_latest
