-- Each target beside every actual of its scope that measures the same indicator, or a different
-- indicator of the same subject (规上工业 产值 vs 营业收入). `comparable` says whether the pair can be
-- judged; otherwise `issue_code` / `issue` (`issue_zh` in Chinese) say why not, so a gap is
-- explained, never silent. Step 2 of the progress method (docs/methodology.md).
with targets as (
    select * from {{ ref('int_targets') }}
    where not is_rejected and indicator_id is not null
),

actuals as (
    select * from {{ ref('int_actuals') }}
    where coalesce(override_action, '') <> 'reject' and value is not null
),

joined as (
    select
        t.target_id,
        t.target_kind,
        t.unit as target_unit,
        t.indicator_id as target_indicator_id,
        t.measure_family as target_measure_family,
        a.actual_id,
        a.indicator_id as actual_indicator_id,
        a.indicator_text as actual_indicator_text,
        a.measure_family as actual_measure_family,
        a.indicator_id = t.indicator_id as same_indicator,
        a.measure,
        a.period_year,
        a.period_label,
        a.is_full_year,
        a.value as actual_value_native,
        a.unit as actual_unit,
        a.quote as actual_quote,
        a.source_file as actual_source_file,
        -- which measures can speak to which kind of target
        case t.target_kind
            -- a cumulative count is a level; a cumulative percentage is a change over years, not a level
            when 'level' then a.measure = 'level'
                or (a.measure = 'cumulative' and coalesce(a.unit, '') not in ('%', '％'))
            when 'share' then a.measure in ('share', 'level')
            when 'growth_rate' then a.measure in ('yoy_growth', 'avg_growth')
            when 'annual' then (t.unit in ('%', '％') and a.measure = 'yoy_growth')
                or (coalesce(t.unit, '') not in ('%', '％') and a.measure = 'new_in_period')
            when 'cumulative' then a.measure = 'new_in_period'
                or (a.measure = 'cumulative' and coalesce(a.unit, '') not in ('%', '％'))
            when 'change_vs_base' then a.measure in ('level', 'yoy_growth')
        end as measure_fits,
        -- a change against the base year is a ratio of two levels: their own unit does not matter
        case
            when t.target_kind = 'change_vs_base' and a.measure = 'level' then 1.0
            else {{ unit_factor('a.unit', 't.unit') }}
        end as unit_factor
    from targets as t
    inner join actuals as a
        on a.region_code = t.region_code
        and (a.indicator_id = t.indicator_id or (a.subject = t.subject and a.indicator_id <> t.indicator_id))
)

select
    *,
    actual_value_native * unit_factor as actual_value,
    same_indicator and measure_fits and unit_factor is not null and is_full_year and period_year is not null
        as comparable,
    case
        when not same_indicator then 'incompatible_measure'
        when not measure_fits then 'incompatible_measure'
        when unit_factor is null then 'incompatible_unit'
        when not is_full_year then 'partial_year_only'
        when period_year is null then 'no_comparable_actual'
    end as issue_code,
    case
        when not same_indicator then
            '“' || actual_indicator_text || '” (' || coalesce(actual_measure_family, actual_indicator_id)
            || ') is a different measure from the target''s (' || coalesce(target_measure_family, target_indicator_id) || ')'
        when not measure_fits then
            'the warehouse only has this indicator as ' || measure || ', which cannot judge a ' || target_kind || ' target'
        when unit_factor is null then
            'the actual is in ' || coalesce(actual_unit, 'no unit') || ', the target in ' || coalesce(target_unit, 'no unit')
        when not is_full_year then
            'only part-year values (' || coalesce(period_label, 'partial period') || ') are available'
        when period_year is null then 'the actual has no period year'
    end as issue,
    -- the same reasons in Chinese, branch for branch
    case
        when not same_indicator then
            '“' || actual_indicator_text || '”（' || coalesce(actual_measure_family, actual_indicator_id)
            || '）与目标（' || coalesce(target_measure_family, target_indicator_id) || '）统计口径不同'
        when not measure_fits then
            '数据库中该指标只有' || {{ measure_zh('measure') }} || '数值，无法评估' || {{ target_kind_zh('target_kind') }} || '目标'
        when unit_factor is null then
            '实际值单位为' || coalesce(actual_unit, '无单位') || '，目标单位为' || coalesce(target_unit, '无单位')
        when not is_full_year then
            '只有非全年数据（' || coalesce(period_label, '部分时期') || '）'
        when period_year is null then '实际值没有所属年份'
    end as issue_zh
from joined
