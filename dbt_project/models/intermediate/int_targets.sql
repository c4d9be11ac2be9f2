-- Targets of the current documents, with scope, catalog mapping and analysts' corrections applied
-- (plantrack correct: int_statement_corrections). An excluded target stays (override_action reject) but
-- is flagged; a correction replaces one field.
with targets as (
    select * from {{ ref('int_target_statements') }}
),

docs as (
    select * from {{ ref('int_documents') }} where is_current
),

-- analysts' corrections (int_statement_corrections: found by what the text says, latest per field)
overrides as (
    select
        statement_id as target_id,
        case when is_excluded then 'reject' else 'correct' end as override_action,
        corrected_by as override_by,
        corrected_why as override_reason,
        corrected_fields,
        new_value,
        new_unit,
        new_year as new_target_year,
        new_indicator_id,
        new_region_code,
        new_region_name,
        new_value_high,
        new_comparator,
        new_target_kind,
        new_baseline_year,
        new_baseline_value,
        new_attribute
    from {{ ref('int_statement_corrections') }}
),

corrected as (
    select
        t.target_id,
        t.document_id,
        d.source_file,
        d.title as plan_title,
        d.doc_type,
        -- a report filed as a plan of its goals' year, or a text as a plan from what its values are
        -- (plantrack/extract/filing.py), lends that year to no target the extractor left without one (a goal
        -- its review quotes is of another year; an undated goal beside dated ones may be of another too)
        case when d.metadata_sources ->> 'plan_end_year' in ('goals_section', 'values') then null
            else d.plan_start_year end as plan_start_year,
        case when d.metadata_sources ->> 'plan_end_year' in ('goals_section', 'values') then null
            else d.plan_end_year end as plan_end_year,
        cast(year(d.issued_on) as integer) as issue_year,
        coalesce(o.new_region_code, s.region_code) as region_code,
        coalesce(o.new_region_name, s.region_name) as region_name,
        t.scope_name,
        t.indicator_text,
        coalesce(o.new_indicator_id, m.indicator_id) as indicator_id,
        -- rule stock_reading: 累计…达到 N in the target's own clause is a stock to reach (level), though
        -- the extractor reads 累计 as additions; an analyst's correction still wins
        coalesce(o.new_target_kind, case when t.target_kind = 'cumulative' and {{ target_reads_as_stock('t.quote', 't.value_raw') }}
                then 'level' else t.target_kind end) as target_kind,
        t.target_kind as extracted_target_kind,
        coalesce(o.new_comparator, t.comparator) as comparator,
        t.value_raw,
        t.value_high_raw,
        t.unit_raw,
        coalesce(try_cast(o.new_value as double), t.value) as value,
        coalesce(try_cast(o.new_value_high as double), t.value_high) as value_high,
        coalesce(o.new_unit, t.unit) as unit,
        coalesce(try_cast(o.new_target_year as integer), t.target_year) as target_year,
        coalesce(try_cast(o.new_baseline_year as integer), t.baseline_year) as baseline_year,
        coalesce(try_cast(o.new_baseline_value as double), t.baseline_value) as baseline_value,
        coalesce(o.new_attribute, t.attribute) as attribute,
        t.quote,
        t.char_start,
        t.char_end,
        t.section,
        t.method,
        t.confidence,
        t.confidence_reason,
        -- an analyst's corrected year is its own evidence
        case when o.new_target_year is not null then 'override' else t.year_evidence end as year_evidence,
        case when o.new_target_year is not null then 1.0 else t.year_confidence end as year_confidence,
        o.override_action,
        o.override_by,
        o.override_reason,
        o.corrected_fields,
        coalesce(o.override_action = 'reject', false) as is_rejected
    from targets as t
    inner join docs as d on d.document_id = t.document_id
    left join {{ ref('int_scopes') }} as s
        on s.document_id = t.document_id
        and s.scope_name is not distinct from t.scope_name
        and s.scope_parent is not distinct from t.scope_parent
    left join {{ ref('int_indicator_mapping') }} as m on m.indicator_text = t.indicator_text
    left join overrides as o on o.target_id = t.target_id
)

{%- set is_change = "c.target_kind in ('growth_rate', 'change_vs_base')" %}
select
    c.*,
    i.name_zh as indicator_name_zh,
    i.theme,
    i.direction,
    i.measure_family,
    i.subject,
    -- a value no place can have (a share of 1000 %): flagged, never judged (macros/methodology/plausibility.sql)
    coalesce(
        {{ implausible_reason('c.value', 'c.unit', is_change) }},
        case when c.unit not in ('%', '％') and not ({{ is_change }}) then
            {{ implausible_by_magnitude('c.value', 'c.unit') }} end
    ) as implausible_reason
from corrected as c
left join {{ ref('indicators') }} as i on i.indicator_id = c.indicator_id
window w as (partition by coalesce(c.indicator_id, c.indicator_text), c.unit, {{ is_change }})
