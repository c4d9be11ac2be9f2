-- Targets of the current documents, with scope, catalog mapping and analysts' overrides applied.
-- A rejected target stays (override visible) but is flagged; a correction replaces one field.
with targets as (
    select * from {{ ref('stg_raw__targets') }}
),

docs as (
    select * from {{ ref('int_documents') }} where is_current
),

-- the latest override per target decides the action and who/why; corrections apply per field
overrides as (
    select
        target_id,
        arg_max(action, "at") as override_action,
        arg_max("by", "at") as override_by,
        arg_max(reason, "at") as override_reason,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'value') as new_value,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'value_high') as new_value_high,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'unit') as new_unit,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'comparator') as new_comparator,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'target_kind') as new_target_kind,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'target_year') as new_target_year,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'baseline_year') as new_baseline_year,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'baseline_value') as new_baseline_value,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'indicator_id') as new_indicator_id,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'attribute') as new_attribute
    from {{ ref('target_overrides') }}
    group by target_id
),

corrected as (
    select
        t.target_id,
        t.document_id,
        d.source_file,
        d.title as plan_title,
        d.doc_type,
        d.plan_start_year,
        d.plan_end_year,
        cast(year(d.issued_on) as integer) as issue_year,
        s.region_code,
        s.region_name,
        t.scope_name,
        t.indicator_text,
        coalesce(o.new_indicator_id, m.indicator_id) as indicator_id,
        -- rule stock_reading: 累计…达到 N in the target's own clause is a stock to reach (level), though
        -- the extractor reads 累计 as additions; an analyst's correction still wins
        coalesce(o.new_target_kind,
            case when t.target_kind = 'cumulative' and {{ target_reads_as_stock('t.quote', 't.value_raw') }}
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
        o.override_action,
        o.override_by,
        o.override_reason,
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
