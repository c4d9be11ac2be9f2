-- Every target that cannot be judged, and why (rejected targets are a decision, not a gap).
select
    p.target_id,
    p.region_code,
    p.region_name,
    p.indicator_id,
    p.indicator_text,
    p.target_kind,
    p.target_year,
    p.source_file,
    p.reason_code,
    m.status_reason as reason,
    m.status_reason_zh as reason_zh
from {{ ref('int_target_progress') }} as p
inner join {{ ref('mart_target_progress') }} as m on m.target_id = p.target_id
where p.status = 'not_assessable' and p.reason_code <> 'rejected_by_override'
