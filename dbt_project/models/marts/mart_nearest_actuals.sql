-- For each target, the actual values nearest to it and why each was (not) used to judge it: what
-- an analyst looks at when a target stays grey. Candidates, nearest first:
--   same_indicator   same scope, same catalog indicator (int_target_actual_pairs)
--   same_subject     same scope, another indicator of the same subject (产值 vs 营业收入)
--   same_wording     same scope, both texts outside the catalog but with the same indicator core
--   related_region   same indicator in the parent region, a sub-area or a sibling district
-- then by distance of the period from the year the target needs (min(Y_T, year(as_of) - 1)),
-- full-year values first. At most 10 per target. Judged targets are kept too (their used actual
-- is marked), so the detail dashboard shows the evidence for any target.
{%- set as_of = as_of_date() %}
{%- set max_candidates = 10 %}
{{ config(
    materialized='incremental',
    unique_key='target_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{{ drop_stale_nearest() }}",
    post_hook="{{ store_in_order(['target_label', 'candidate_rank']) }}"
) }}
-- Incremental by target: input_fingerprint hashes everything a target's rows come from (macro
-- nearest_input_fingerprints); the pre-hook drops targets whose inputs changed, and only targets
-- left without rows are ranked again.
with targets as (
    select
        p.target_id,
        p.region_code,
        p.indicator_id,
        p.indicator_text,
        p.base_year,
        p.eff_target_year,
        p.status,
        p.reason_code,
        p.actual_id as evidence_actual_id,
        least(coalesce(p.eff_target_year, year({{ as_of }}) - 1), year({{ as_of }}) - 1) as wanted_year
    from {{ ref('int_target_progress') }} as p
    where not p.is_rejected
    {% if is_incremental() %}
        and p.target_id not in (select target_id from {{ this }})
    {% endif %}
),

-- the narrow columns that pair and rank candidates; quotes and labels join only the rows kept
actuals as (
    select actual_id, region_code, indicator_id, indicator_text, measure, period_year, is_full_year
    from {{ ref('int_actuals') }}
    where coalesce(override_action, '') <> 'reject' and value is not null
        and implausible_reason is null  -- flagged values are never offered as evidence
),

regions as (
    select region_code, parent_code from {{ ref('int_regions') }}
    qualify row_number() over (partition by region_code order by (level is null), level) = 1
),

mapping as (
    select indicator_text, indicator_core from {{ ref('int_indicator_mapping') }}
),

-- 1. the pairs the methodology weighed (same scope; same indicator or same subject), the nearest
--    {{ max_candidates }} per target only: they rank ahead of every other kind of candidate, so one past
--    them is never shown (all of them, with their issue texts, sorted twice, spilled tens of GB at
--    national scale: 22 M pairs for 570 k targets)
paired as (
    select
        t.target_id,
        c.actual_id,
        case when c.same_indicator then 'same_indicator' else 'same_subject' end as relation,
        case
            when c.actual_id = t.evidence_actual_id and t.status <> 'not_assessable' then 'used_for_judgement'
            when c.actual_id = t.evidence_actual_id then 'evidence_but_not_judged'
            when c.comparable and (c.period_year <= t.base_year or c.period_year > t.eff_target_year) then 'outside_period'
            when c.comparable then 'not_latest'
            else coalesce(c.issue_code, 'no_comparable_actual')
        end as candidate_code,
        c.comparable
    from targets as t
    inner join {{ ref('int_target_actual_pairs') }} as c on c.target_id = t.target_id
    inner join actuals as a on a.actual_id = c.actual_id
    qualify row_number() over (
        partition by t.target_id
        order by
            case when candidate_code in ('used_for_judgement', 'evidence_but_not_judged') then 0 else 1 end,
            case relation when 'same_indicator' then 0 else 1 end,
            abs(a.period_year - t.wanted_year) nulls last,
            a.is_full_year desc,
            c.actual_id
    ) <= {{ max_candidates }}
),

-- 2. texts outside the catalog with the same indicator core in the same scope
same_wording as (
    select t.target_id, a.actual_id, 'same_wording' as relation, 'unmapped_indicator' as candidate_code,
           false as comparable
    from targets as t
    inner join mapping as mt on mt.indicator_text = t.indicator_text
    inner join mapping as ma on ma.indicator_core = mt.indicator_core
    inner join actuals as a on a.indicator_text = ma.indicator_text and a.region_code = t.region_code
    where t.indicator_id is null and a.indicator_id is null and mt.indicator_core <> ''
),

-- 3. the same indicator elsewhere: parent, sub-areas, siblings; the latest value per region and
--    measure only, so a national-scale warehouse does not pair every target with every region
elsewhere_latest as (
    select a.*, r.parent_code
    from actuals as a
    left join regions as r on r.region_code = a.region_code
    where a.indicator_id is not null
    qualify row_number() over (
        partition by a.region_code, a.indicator_id, a.measure order by a.is_full_year desc, a.period_year desc, a.actual_id
    ) = 1
),

-- a value of another region ranks after every candidate of the target's own scope, so only a target
-- with fewer than {{ max_candidates }} of those can show one (pairing every target with its siblings'
-- values first spilled tens of GB at national scale and filled the disk)
own_scope_counts as (
    select c.target_id, count(distinct c.actual_id) as candidates
    from (select target_id, actual_id from paired union all select target_id, actual_id from same_wording) as c
    inner join actuals as a on a.actual_id = c.actual_id
    group by c.target_id
),

related_region as (
    select t.target_id, a.actual_id, 'related_region' as relation, 'other_region' as candidate_code,
           false as comparable
    from targets as t
    left join own_scope_counts as n on n.target_id = t.target_id
    inner join regions as tr on tr.region_code = t.region_code
    inner join elsewhere_latest as a
        on a.indicator_id = t.indicator_id
        and a.region_code <> t.region_code
        and (a.region_code = tr.parent_code or a.parent_code = t.region_code or a.parent_code = tr.parent_code)
    where coalesce(n.candidates, 0) < {{ max_candidates }}
),

candidates as (
    select * from paired
    union all select * from same_wording
    union all select * from related_region
),

-- one row per actual and target: the nearest relation wins
deduped as (
    select * from candidates
    qualify row_number() over (
        partition by target_id, actual_id
        order by case relation when 'same_indicator' then 0 when 'same_subject' then 1 when 'same_wording' then 2 else 3 end
    ) = 1
),

ranked as (
    select
        c.*,
        t.base_year,
        t.eff_target_year,
        t.status,
        t.reason_code,
        row_number() over (
            partition by c.target_id
            order by
                case when c.candidate_code in ('used_for_judgement', 'evidence_but_not_judged') then 0 else 1 end,
                case c.relation when 'same_indicator' then 0 when 'same_subject' then 1 when 'same_wording' then 1 else 2 end,
                abs(a.period_year - t.wanted_year) nulls last,
                a.is_full_year desc,
                c.actual_id
        ) as candidate_rank
    from deduped as c
    inner join targets as t on t.target_id = c.target_id
    inner join actuals as a on a.actual_id = c.actual_id
    qualify candidate_rank <= {{ max_candidates }}
),

kept as (
    select
        r.*,
        a.region_name as actual_region_name,
        a.indicator_text as actual_indicator_text,
        a.indicator_name_zh as actual_indicator_name_zh,
        a.measure as actual_measure,
        a.period_year,
        a.period_label,
        a.value as actual_value,
        a.unit as actual_unit,
        a.quote as actual_quote,
        a.source_file as actual_source_file,
        a.document_id as actual_document_id,
        a.char_start as actual_char_start,
        a.char_end as actual_char_end,
        p.issue,
        p.issue_zh
    from ranked as r
    inner join {{ ref('int_actuals') }} as a on a.actual_id = r.actual_id
    left join {{ ref('int_target_actual_pairs') }} as p
        on p.target_id = r.target_id and p.actual_id = r.actual_id and r.relation in ('same_indicator', 'same_subject')
)

select
    r.target_id,
    m.target_label,
    m.region_code,
    m.region_name,
    m.indicator_text,
    m.target_display,
    m.target_year,
    m.status,
    m.status_zh,
    r.status <> 'not_assessable' as is_judged,
    cast(r.candidate_rank as integer) as candidate_rank,
    r.relation,
    case r.relation
        when 'same_indicator' then '同一指标'
        when 'same_subject' then '同类指标（口径不同）'
        when 'same_wording' then '同名指标（目录未收录）'
        when 'related_region' then '其他地区的同一指标'
    end as relation_zh,
    r.actual_id,
    r.actual_region_name,
    r.actual_indicator_text,
    r.actual_indicator_name_zh,
    r.actual_measure,
    {{ measure_zh('r.actual_measure') }} as actual_measure_zh,
    r.period_year,
    r.period_label,
    r.actual_value,
    r.actual_unit,
    regexp_replace(printf('%.2f', r.actual_value), '\.?0+$', '') || coalesce(r.actual_unit, '') as actual_display,
    r.candidate_code in ('used_for_judgement', 'evidence_but_not_judged', 'outside_period', 'not_latest') as is_comparable,
    r.candidate_code as issue_code,
    case r.candidate_code
        when 'used_for_judgement' then 'used to judge the target'
        when 'evidence_but_not_judged' then 'the latest comparable value; the target still cannot be judged (' || r.reason_code || ')'
        when 'outside_period' then 'comparable, but ' || r.period_year || ' is not after the base year '
            || coalesce(cast(r.base_year as varchar), '?') || ' and by the target year ' || coalesce(cast(r.eff_target_year as varchar), '?')
        when 'not_latest' then 'comparable, but a later value was used'
        when 'unmapped_indicator' then 'neither text is in the indicator catalog, so the measures cannot be confirmed to be the same'
        when 'other_region' then 'a value of ' || coalesce(r.actual_region_name, 'another region') || ', not of the target''s scope'
        else coalesce(r.issue, r.candidate_code)
    end as issue,
    case r.candidate_code
        when 'used_for_judgement' then '已用于评估该目标'
        when 'evidence_but_not_judged' then '最新的可比数值，但目标仍无法评估：' || {{ reason_label_zh('r.reason_code') }}
        when 'outside_period' then '口径可比，但' || r.period_year || '年不在基期' || coalesce(cast(r.base_year as varchar), '?')
            || '年之后、目标年份' || coalesce(cast(r.eff_target_year as varchar), '?') || '年及以前'
        when 'not_latest' then '口径可比，但评估使用了更新的数值'
        when 'unmapped_indicator' then '指标目录未收录该指标，无法确认口径相同'
        when 'other_region' then '是' || coalesce(r.actual_region_name, '其他地区') || '的数值，不是本地区的'
        else coalesce(r.issue_zh, r.candidate_code)
    end as issue_zh,
    r.actual_quote,
    r.actual_source_file,
    r.actual_document_id,
    r.actual_char_start,
    r.actual_char_end,
    f.input_fingerprint
from kept as r
inner join {{ ref('mart_target_progress') }} as m on m.target_id = r.target_id
inner join ({{ nearest_input_fingerprints() }}) as f on f.target_id = r.target_id
-- no order by here: sorting 5.7 M rows with their quotes at national scale ran out of DuckDB's 4 GB (the
-- bench's 11.4 M actual values); the post-hook stores the finished table in the detail chart's order
