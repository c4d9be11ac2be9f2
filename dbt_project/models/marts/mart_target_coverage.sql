-- Coverage: per district, how many targets are judged and, for the rest, why not and what would
-- fix it (a release, the catalog, the document, time). One row per district × status × reason × fix;
-- the rows of a district add up to its targets in mart_target_progress (sub-areas count under
-- their district). Labels: macros/coverage/coverage_labels.sql.
with needs as (
    select n.*, m.status_zh
    from {{ ref('int_target_release_needs') }} as n
    inner join {{ ref('mart_target_progress') }} as m on m.target_id = n.target_id
),

grouped as (
    select
        -- never null (int_documents gives every place its own code); a shared placeholder would
        -- merge two places into one row
        coalesce(district_code, region_code) as district_code,
        coalesce(district_name, region_name) as district_name,
        status,
        any_value(status_zh) as status_zh,
        status <> 'not_assessable' as is_judged,
        reason_code,
        fix_kind,
        count(*) as target_count,
        count(*) filter (where attribute in ('binding', '约束性')) as binding_target_count
    from needs
    group by all
)

select
    district_code,
    district_name,
    status,
    status_zh,
    is_judged,
    case when is_judged then '已评估' else '未评估' end as coverage_zh,
    reason_code,
    {{ reason_label_zh('reason_code') }} as reason_label_zh,
    -- one legend for the coverage chart: judged, or the reason it is not
    case when is_judged then '已评估' else {{ reason_label_zh('reason_code') }} end as coverage_reason_zh,
    fix_kind,
    {{ fix_label_zh('fix_kind') }} as fix_kind_zh,
    target_count,
    binding_target_count,
    sum(target_count) over (partition by district_code) as district_target_count,
    target_count / sum(target_count) over (partition by district_code) as share_of_district
from grouped
order by district_code, is_judged desc, target_count desc
