-- The statistical releases that would judge the most targets: for the targets a release can
-- unlock (int_target_release_needs, fix_kind 'release'), one row per publisher district × release
-- kind × full-year period, ranked by the targets it would unlock. expected_by is when the release
-- is due by the release calendar (seed release_calendar: due_month_day of the next year, or
-- lag_days after the period ends); documents_in_warehouse > 0 means the warehouse has that release
-- already but it lacks the values (a fuller release or another of its tables is needed).
{%- set preview = 6 %}
with needs as (
    select * from {{ ref('int_target_release_needs') }}
    where fix_kind = 'release'
),

wishes as (
    select
        district_code,
        any_value(district_name) as district_name,
        release_kind,
        cast(needed_period_year as integer) as period_year,
        any_value(needed_period_label) as period_label,
        count(*) as targets_unlocked,
        count(*) filter (where attribute in ('binding', '约束性')) as binding_targets_unlocked,
        count(distinct coalesce(indicator_id, indicator_text)) as indicator_count,
        -- what to look for in the release: the catalog names (else the plan's wording)
        list(distinct coalesce(indicator_name_zh, indicator_text) order by coalesce(indicator_name_zh, indicator_text)) as indicator_names,
        string_agg(distinct region_name, '、' order by region_name) as scope_names
    from needs
    group by district_code, release_kind, needed_period_year
),

calendar as (
    -- a region's own row wins over '*'
    select * from {{ ref('release_calendar') }}
    qualify row_number() over (partition by release_type order by (region_code = '*')) = 1
),

documents as (
    select region_code, doc_type, period_year, count(*) as n
    from {{ ref('dim_document') }}
    -- a part-year report (上半年) is not the full-year release wished for
    where is_current and coalesce(period_label, '全年') = '全年'
    group by all
)

select
    w.district_code,
    w.district_name,
    w.release_kind,
    {{ release_kind_zh('w.release_kind') }} as release_kind_zh,
    w.period_year,
    w.period_label,
    w.district_name || w.period_year || '年' || {{ release_kind_zh('w.release_kind') }} as release_label,
    w.targets_unlocked,
    w.binding_targets_unlocked,
    w.indicator_count,
    array_to_string(w.indicator_names, '、') as indicators_zh,
    -- a dashboard cell: the first {{ preview }} names, then how many in all
    array_to_string(list_slice(w.indicator_names, 1, {{ preview }}), '、')
        || case when len(w.indicator_names) > {{ preview }} then '等' || len(w.indicator_names) || '项' else '' end
        as indicators_preview_zh,
    w.scope_names,
    case
        when c.due_month_day is not null
            then cast(strptime((w.period_year + 1) || '-' || c.due_month_day, '%Y-%m-%d') as date)
        when c.lag_days is not null
            then cast(make_date(w.period_year, 12, 31) + to_days(cast(c.lag_days as integer)) as date)
    end as expected_by,
    coalesce(d.n, 0) as documents_in_warehouse,
    rank() over (order by w.targets_unlocked desc, w.binding_targets_unlocked desc) as wish_rank
from wishes as w
left join calendar as c on c.release_type = w.release_kind
left join documents as d
    on d.region_code = w.district_code and d.doc_type = w.release_kind and d.period_year = w.period_year
order by wish_rank, w.district_code, w.release_kind, w.period_year
