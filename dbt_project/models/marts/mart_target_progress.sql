-- One row per target: the latest comparable actual, the expected value to date, the progress
-- ratio, a status with its reason in words (English and Chinese), the gap and the yearly change
-- still required. The method itself is int_target_progress (docs/methodology.md).
-- The dashboards' labels are stored here (target_label, *_display with units, status_rank,
-- attribute_zh, theme_zh) so a chart reads columns instead of formatting 500k rows per query; rows
-- are written in the overview table's order (status_rank, region) so DuckDB's top-N and zonemaps
-- read little of the table.
with p as (
    select * from {{ ref('int_target_progress') }}
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
    -- the reasons' texts, in both languages: macros/methodology/reasons.sql
    {{ status_reason('en') }} as status_reason,
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
    {{ status_rank('status') }} as status_rank,
    case attribute
        when 'binding' then '约束性' when '约束性' then '约束性' when 'expected' then '预期性' when '预期性' then '预期性'
        else '未注明'
    end as attribute_zh,
    coalesce(theme, '未分类') as theme_zh,
    {{ status_reason('zh') }} as status_reason_zh,
    -- how the actual met the target: the catalog, or the same indicator core outside it (lower confidence)
    match_method,
    match_confidence,
    -- a part-year growth rate shown against an annual growth target: "so far this year"
    is_provisional,
    -- an analyst corrected this target (plantrack correct; history in mart_corrections): which fields
    coalesce(corrected_fields, '') <> '' as is_corrected,
    corrected_fields,
    case when coalesce(corrected_fields, '') <> '' then '已人工更正：' || corrected_fields end as corrected_zh
from p
order by status_rank, region_name, target_label
