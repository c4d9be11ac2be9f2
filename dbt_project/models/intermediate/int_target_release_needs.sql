-- One row per target: is it judged, and if not, what would let it be judged. For a gap that a
-- statistical release can close (reason's fix 'release', macros/coverage/coverage_labels.sql), the
-- release: its publisher (the district; a sub-area's values appear in its district's releases), its
-- kind (from the indicator's catalog source and theme, seed indicator_release_kinds) and the period
-- whose full-year values are missing:
--   no_baseline          the base year Y_0 (the stock the path starts from)
--   any other            the last full year before the as-of date, capped at the target year Y_T:
--                        min(Y_T, year(as_of) - 1)
-- A period not after Y_0 cannot show progress yet: fix 'not_yet' (尚未到评估期), no release wished.
-- No base year at all (a notice that says only 到2025年…): fix 'document' (目标信息不全), none wished.
-- Only the first blocking reason counts (the methodology's reason_code): a target that also lacks a
-- baseline asks for that release once its current value has arrived.
{%- set as_of = as_of_date() %}
with progress as (
    select * from {{ ref('int_target_progress') }}
),

regions as (
    select * from {{ ref('int_regions') }}
    qualify row_number() over (partition by region_code order by (level is null), level) = 1
),

release_kinds as (
    select * from {{ ref('indicator_release_kinds') }}
),

catalog as (
    select indicator_id, source from {{ ref('indicators') }}
),

targets as (
    select
        p.target_id,
        p.region_code,
        p.region_name,
        case when r.level = 'subarea' then coalesce(r.parent_code, p.region_code) else p.region_code end
            as district_code,
        p.indicator_id,
        p.indicator_text,
        p.indicator_name_zh,
        p.theme,
        c.source as indicator_source,
        p.attribute,
        p.target_kind,
        p.base_year,
        p.eff_target_year,
        p.status,
        p.reason_code,
        {{ reason_fix('p.reason_code') }} as reason_fix,
        year({{ as_of }}) - 1 as last_full_year
    from progress as p
    left join regions as r on r.region_code = p.region_code
    left join catalog as c on c.indicator_id = p.indicator_id
),

periods as (
    select
        *,
        case
            when reason_fix <> 'release' then null
            when reason_code = 'no_baseline' then base_year
            else least(coalesce(eff_target_year, last_full_year), last_full_year)
        end as candidate_year
    from targets
),

needs as (
    select
        p.*,
        case
            when p.status <> 'not_assessable' then null
            -- no year to ask a release for (a target whose document gives no base year): the
            -- document is incomplete, no release can be named
            when p.reason_fix = 'release' and p.candidate_year is null then 'document'
            when p.reason_fix = 'release' and p.reason_code <> 'no_baseline'
                 and (p.candidate_year is null or p.candidate_year <= p.base_year) then 'not_yet'
            else p.reason_fix
        end as fix_kind
    from periods as p
)

select
    n.target_id,
    n.region_code,
    n.region_name,
    n.district_code,
    coalesce(d.name_zh, n.region_name) as district_name,
    n.indicator_id,
    n.indicator_text,
    n.indicator_name_zh,
    n.theme,
    n.indicator_source,
    n.attribute,
    n.target_kind,
    n.base_year,
    n.eff_target_year,
    n.status,
    n.reason_code,
    n.fix_kind,
    cast(case when n.fix_kind = 'release' then n.candidate_year end as integer) as needed_period_year,
    case when n.fix_kind = 'release' then n.candidate_year || '年全年' end as needed_period_label,
    case when n.fix_kind = 'release' then k.release_kind end as release_kind
from needs as n
left join regions as d on d.region_code = n.district_code
-- the most specific catalog row: (source, theme), then (source, *), then (*, *)
left join release_kinds as k
    on (k.source = n.indicator_source or k.source = '*')
    and (k.theme = n.theme or k.theme = '*')
qualify row_number() over (
    partition by n.target_id order by (k.source = '*'), (k.theme = '*')
) = 1
