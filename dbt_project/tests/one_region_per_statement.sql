-- Every target and actual resolves to at most one region: scope names repeat across the ~3,200
-- county-level units (鼓楼区, 朝阳区), so a join by name must never fan a statement out.
select 'target' as statement, target_id as statement_id, count(*) as rows_found
from {{ ref('int_targets') }}
group by target_id
having count(*) > 1
union all
select 'actual', actual_id, count(*)
from {{ ref('int_actuals_history') }}
group by actual_id
having count(*) > 1
union all
select 'scope', document_id || '|' || coalesce(scope_name, '') || '|' || coalesce(scope_parent, ''), count(*)
from {{ ref('int_scopes') }}
group by document_id, scope_name, scope_parent
having count(*) > 1
