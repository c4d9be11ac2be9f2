{#- Why a target has the status it has, in English and in Chinese: each reason defined once, as a
    pair of SQL expressions over int_target_progress's columns. A new rule of the method adds its
    reason code here (both languages) and its condition in int_target_progress's `status_rule` step. -#}

{#- Reasons a target is not_assessable, by reason_code. -#}
{% macro not_assessable_reasons() -%}
{{ return({
    'rejected_by_override': {
        'en': "'rejected by ' || coalesce(override_by, 'an analyst') || ': ' || coalesce(override_reason, '')",
        'zh': "'已被' || coalesce(override_by, '分析人员') || '否决：' || coalesce(override_reason, '')"},
    'no_target_value': {
        'en': "'not assessable: the target has no numeric value'",
        'zh': "'无法评估：目标没有数值'"},
    'implausible_value': {
        'en': "'not assessable: implausible value — ' || coalesce(implausible_reason, '') || ' (check the quote; correct it with an override)'",
        'zh': "'无法评估：数值不合理——' || coalesce(implausible_reason, '') || '（请核对原文，可用 target_overrides 更正）'"},
    'unmapped_indicator': {
        'en': "'not assessable: “' || indicator_text || '” is not in the indicator catalog yet (see mart_unmapped_indicators)'",
        'zh': "'无法评估：指标目录中尚无“' || indicator_text || '”（见 mart_unmapped_indicators）'"},
    'incompatible_measure': {
        'en': "'not assessable: incompatible measure — ' || coalesce(issue, 'no actual measures the same thing')",
        'zh': "'无法评估：统计口径不可比——' || coalesce(issue_zh, '没有口径相同的实际值')"},
    'incompatible_unit': {
        'en': "'not assessable: incompatible unit — ' || coalesce(issue, '')",
        'zh': "'无法评估：单位不可比——' || coalesce(issue_zh, '')"},
    'partial_year_only': {
        'en': "'not assessable: ' || coalesce(issue, 'only part-year values')",
        'zh': "'无法评估：' || coalesce(issue_zh, '只有非全年数据')"},
    'no_comparable_actual': {
        'en': "'not assessable: no comparable actual for ' || coalesce(region_name, 'this scope') || ' in the warehouse'",
        'zh': "'无法评估：数据库中没有' || coalesce(region_name, '该范围') || '可比的实际值'"},
    'no_actual_in_period': {
        'en': "'not assessable: the warehouse has actuals, but none after the base year ' || coalesce(cast(base_year as varchar), '?') || ' and by the target year'",
        'zh': "'无法评估：数据库有实际值，但没有基期' || coalesce(cast(base_year as varchar), '?') || '年之后、目标年份及以前的数值'"},
    'no_baseline': {
        'en': "'not assessable: no baseline — the plan states none and the warehouse has no actual for ' || coalesce(cast(base_year as varchar), 'the base year')",
        'zh': "'无法评估：没有基期值——规划未写明，数据库也没有' || coalesce(cast(base_year as varchar) || '年', '基期') || '的实际值'"},
    'no_base_year': {
        'en': "'not assessable: no base year (the plan states none and its start year is unknown)'",
        'zh': "'无法评估：没有基期年份（规划未写明，起始年份也不明）'"},
    'no_target_year': {
        'en': "'not assessable: no target year'",
        'zh': "'无法评估：没有目标年份'"},
    'no_expected_path': {
        'en': "'not assessable: the target year is not after the base year, so there is no expected path'",
        'zh': "'无法评估：目标年份不晚于基期年份，没有应达进度'"},
    'actual_not_after_baseline': {
        'en': "'not assessable: the latest actual (' || actual_year || ') is not after the base year ' || base_year",
        'zh': "'无法评估：最新实际值（' || actual_year || '年）不晚于基期' || base_year || '年'"},
}) }}
{%- endmacro %}

{#- How an assessed status is explained: achieved, missed, and every ratio band (`ratio`). -#}
{% macro assessed_reasons() -%}
{{ return({
    'achieved': {
        'en': "'achieved: ' || round(actual_value, 4) || ' in ' || actual_year || ' satisfies ' || comparator || ' ' || round(value, 4) || coalesce(' ' || unit, '')",
        'zh': "'已达成：' || actual_year || '年实际值' || round(actual_value, 4) || '，满足目标 ' || comparator || ' ' || round(value, 4) || coalesce(unit, '')"},
    'missed': {
        'en': "'missed: the target year ' || coalesce(target_year, eff_target_year) || ' has passed and the latest value ' || round(actual_value, 4) || ' (' || actual_year || ') does not satisfy ' || comparator || ' ' || round(value, 4)",
        'zh': "'未达成：目标年份' || coalesce(target_year, eff_target_year) || '年已过，最新值' || round(actual_value, 4) || '（' || actual_year || '年）未满足 ' || comparator || ' ' || round(value, 4)"},
    'ratio': {
        'en': "status || ': R = ' || coalesce(cast(round(progress_ratio, 3) as varchar), 'n/a') || ' (actual ' || round(actual_value, 4) || ' in ' || actual_year || ' against ' || round(expected_value, 4) || ' expected by then' || coalesce(', baseline ' || round(b, 4) || ' in ' || base_year, '') || ')'",
        'zh': status_zh('status') ~ " || '：R = ' || coalesce(cast(round(progress_ratio, 3) as varchar), '无') || '（' || actual_year || '年实际值' || round(actual_value, 4) || '，按进度应达' || round(expected_value, 4) || coalesce('，基期' || base_year || '年为' || round(b, 4), '') || '）'"},
}) }}
{%- endmacro %}

{#- The status in words with the numbers it rests on, then how the evidence and the baseline were
    found. `lang` is 'en' or 'zh'. -#}
{% macro status_reason(lang) -%}
    {%- set assessed = assessed_reasons() -%}
    {%- set sep = "'; '" if lang == 'en' else "'；'" -%}
    {%- set suffix = '' if lang == 'en' else '_zh' -%}
    case
        when status = 'not_assessable' then
            case reason_code
                {%- for code, text in not_assessable_reasons().items() %}
                when '{{ code }}' then {{ text[lang] }}
                {%- endfor %}
            end
        when status = 'achieved' then {{ assessed['achieved'][lang] }}
        when status = 'missed' then {{ assessed['missed'][lang] }}
        else {{ assessed['ratio'][lang] }}
    end
    || coalesce({{ sep }} || evidence_note{{ suffix }}, '')
    || coalesce({{ sep }} || baseline_note{{ suffix }}, '')
    || coalesce({{ sep }} || {{ match_note(lang) }}, '')
{%- endmacro %}

{#- A pair met outside the catalog (match_method same_core) says so, with its lower confidence. -#}
{% macro match_note(lang) -%}
    {%- if lang == 'en' -%}
    case when match_method = 'same_core' then 'matched on the indicator “' || coalesce(matched_core, indicator_text)
        || '”, which is not in the catalog: lower confidence (' || match_confidence || ')' end
    {%- else -%}
    case when match_method = 'same_core' then '按指标“' || coalesce(matched_core, indicator_text)
        || '”匹配，该指标尚未收入指标目录：置信度较低（' || match_confidence || '）' end
    {%- endif -%}
{%- endmacro %}

{#- Chinese names of measures and target kinds, for the reasons a pair is not comparable. -#}
{% macro measure_zh(measure) -%}
    case {{ measure }}
        when 'level' then '总量' when 'yoy_growth' then '同比增速' when 'share' then '占比'
        when 'new_in_period' then '当期新增' when 'cumulative' then '累计值' when 'avg_growth' then '年均增速'
        else {{ measure }}
    end
{%- endmacro %}

{% macro target_kind_zh(kind) -%}
    case {{ kind }}
        when 'level' then '总量' when 'share' then '占比' when 'growth_rate' then '增速'
        when 'change_vs_base' then '较基期变化' when 'cumulative' then '累计' when 'annual' then '年度'
        else {{ kind }}
    end
{%- endmacro %}

{#- Data test: every value of the column is a reason code of not_assessable_reasons() (less `exclude`). -#}
{% test progress_reason_codes(model, column_name, exclude=[]) %}
    select {{ column_name }} as value
    from {{ model }}
    where {{ column_name }} is not null
      and {{ column_name }} not in (
        {%- for code in not_assessable_reasons() if code not in exclude -%}
        '{{ code }}'{{ ', ' if not loop.last }}
        {%- endfor -%})
{% endtest %}
