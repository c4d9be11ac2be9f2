-- The latest vintage of each actual value (current documents only).
select * exclude (is_latest)
from {{ ref('fct_indicator_actuals_history') }}
where is_latest
