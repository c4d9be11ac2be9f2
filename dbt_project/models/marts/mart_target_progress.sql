-- One row per target: the latest comparable actual, the expected value to date, the progress
-- ratio, a status with its reason in words, the gap and the yearly change still required.
-- The dashboards' labels are stored here (target_label, *_display with units, status_rank,
-- attribute_zh, theme_zh) so a chart reads columns instead of formatting 500k rows per query; rows
-- are written in the overview table's order (status_rank, region) so DuckDB's top-N and zonemaps
-- read little of the table.
with p as (
    select * from {{ ref('int_target_progress') }}
),

explained as (
    select
        *,
        case reason_code
            when 'rejected_by_override' then 'rejected by ' || coalesce(override_by, 'an analyst') || ': ' || coalesce(override_reason, '')
            when 'no_target_value' then 'not assessable: the target has no numeric value'
            when 'unmapped_indicator' then 'not assessable: “' || indicator_text || '” is not in the indicator catalog yet (see mart_unmapped_indicators)'
            when 'incompatible_measure' then 'not assessable: incompatible measure — ' || coalesce(issue, 'no actual measures the same thing')
            when 'incompatible_unit' then 'not assessable: incompatible unit — ' || coalesce(issue, '')
            when 'partial_year_only' then 'not assessable: ' || coalesce(issue, 'only part-year values')
            when 'no_comparable_actual' then 'not assessable: no comparable actual for ' || coalesce(region_name, 'this scope') || ' in the warehouse'
            when 'no_actual_in_period' then 'not assessable: the warehouse has actuals, but none after the base year ' || coalesce(cast(base_year as varchar), '?') || ' and by the target year'
            when 'no_baseline' then 'not assessable: no baseline — the plan states none and the warehouse has no actual for ' || coalesce(cast(base_year as varchar), 'the base year')
            when 'no_base_year' then 'not assessable: no base year (the plan states none and its start year is unknown)'
            when 'no_target_year' then 'not assessable: no target year'
            when 'no_expected_path' then 'not assessable: the target year is not after the base year, so there is no expected path'
            when 'actual_not_after_baseline' then 'not assessable: the latest actual (' || actual_year || ') is not after the base year ' || base_year
        end as reason_text
    from p
)

select
    target_id,
    document_id,
    source_file,
    plan_title,
    region_code,
    region_name,
    indicator_id,
    indicator_text,
    indicator_name_zh,
    theme,
    direction,
    target_kind,
    comparator,
    attribute,
    unit,
    value as target_value,
    value_high as target_value_high,
    target_year,
    base_year as baseline_year,
    baseline_value_used as baseline_value,
    baseline_source,
    actual_id,
    actual_value,
    actual_year,
    actual_measure,
    actual_quote,
    actual_source_file,
    expected_value,
    progress_ratio,
    status,
    {{ status_zh('status') }} as status_zh,
    case
        when status = 'not_assessable' then reason_text
        when status = 'achieved' then 'achieved: ' || round(actual_value, 4) || ' in ' || actual_year
            || ' satisfies ' || comparator || ' ' || round(value, 4) || coalesce(' ' || unit, '')
        when status = 'missed' then 'missed: the target year ' || coalesce(target_year, eff_target_year) || ' has passed and the latest value '
            || round(actual_value, 4) || ' (' || actual_year || ') does not satisfy ' || comparator || ' ' || round(value, 4)
        else status || ': R = ' || coalesce(cast(round(progress_ratio, 3) as varchar), 'n/a') || ' (actual ' || round(actual_value, 4)
            || ' in ' || actual_year || ' against ' || round(expected_value, 4) || ' expected by then'
            || coalesce(', baseline ' || round(b, 4) || ' in ' || base_year, '') || ')'
    end
    || coalesce('; ' || evidence_note, '')
    || coalesce('; ' || baseline_note, '') as status_reason,
    gap,
    required_annual_change,
    quote as target_quote,
    as_of_date,
    indicator_text || '｜' || coalesce(region_name, '') || '｜' || coalesce(cast(target_year as varchar), '?')
        || '年｜' || coalesce(plan_title, source_file) as target_label,
    -- a number as printed: two decimals at most, no trailing zeros (3.50 -> 3.5, 12.00 -> 12), then the unit
    case when value is null then null else
        case comparator when '>=' then '≥' when '>' then '>' when '<=' then '≤' when '<' then '<' when '~' then '约' else '' end
        || regexp_replace(printf('%.2f', value), '\.?0+$', '')
        || case when value_high is not null then '–' || regexp_replace(printf('%.2f', value_high), '\.?0+$', '') else '' end
        || coalesce(unit, '')
    end as target_display,
    {%- for display, number in [('baseline_display', 'baseline_value_used'), ('actual_display', 'actual_value'),
                                 ('expected_display', 'expected_value'), ('gap_display', 'gap'),
                                 ('required_display', 'required_annual_change')] %}
    case when {{ number }} is null then null
        else regexp_replace(printf('%.2f', {{ number }}), '\.?0+$', '') || coalesce(unit, '') end as {{ display }},
    {%- endfor %}
    case status
        when 'achieved' then 1 when 'on_track' then 2 when 'needs_acceleration' then 3 when 'limited_progress' then 4
        when 'deteriorating' then 5 when 'missed' then 6 else 7
    end as status_rank,
    case attribute
        when 'binding' then '约束性' when '约束性' then '约束性' when 'expected' then '预期性' when '预期性' then '预期性'
        else '未注明'
    end as attribute_zh,
    coalesce(theme, '未分类') as theme_zh
from explained
order by status_rank, region_name, target_label
