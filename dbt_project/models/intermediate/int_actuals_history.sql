-- Every actual value ever extracted, from every document version, with scope, catalog mapping and
-- overrides, numbered by vintage. The same region / indicator / measure / period reported again by a
-- later release is a new vintage; the latest vintage among current documents is the one marts use.
-- A document no longer in the sources keeps its rows here but never is_latest.
with actuals as (
    select * from {{ ref('stg_raw__actuals') }}
),

docs as (
    select * from {{ ref('int_documents') }}
),

overrides as (
    select
        actual_id,
        arg_max(action, "at") as override_action,
        arg_max("by", "at") as override_by,
        arg_max(reason, "at") as override_reason,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'value') as new_value,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'unit') as new_unit,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'measure') as new_measure,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'period_year') as new_period_year,
        arg_max(new_value, "at") filter (where action = 'correct' and field = 'indicator_id') as new_indicator_id
    from {{ ref('actual_overrides') }}
    group by actual_id
),

resolved as (
    select
        a.actual_id,
        a.document_id,
        d.source_file,
        d.doc_type,
        d.document_date,
        d.ingested_at,
        d.is_current,
        s.region_code,
        s.region_name,
        a.scope_name,
        a.indicator_text,
        coalesce(o.new_indicator_id, m.indicator_id) as indicator_id,
        coalesce(o.new_measure, a.measure) as measure,
        coalesce(try_cast(o.new_period_year as integer), a.period_year) as period_year,
        a.period_label,
        a.period_start,
        a.period_end,
        {{ is_full_year('a.period_label', 'a.period_start', 'a.period_end') }} as is_full_year,
        a.value_raw,
        a.unit_raw,
        coalesce(try_cast(o.new_value as double), a.value) as value,
        coalesce(o.new_unit, a.unit) as unit,
        a.quote,
        a.char_start,
        a.char_end,
        a.section,
        a.method,
        a.confidence,
        o.override_action,
        o.override_by,
        o.override_reason,
        i.name_zh as indicator_name_zh,
        i.measure_family,
        i.subject
    from actuals as a
    inner join docs as d on d.document_id = a.document_id
    left join {{ ref('int_scopes') }} as s
        on s.document_id = a.document_id
        and s.scope_name is not distinct from a.scope_name
        and s.scope_parent is not distinct from a.scope_parent
    left join {{ ref('int_indicator_mapping') }} as m on m.indicator_text = a.indicator_text
    left join overrides as o on o.actual_id = a.actual_id
    left join {{ ref('indicators') }} as i on i.indicator_id = coalesce(o.new_indicator_id, m.indicator_id)
),

{%- set is_change = "measure in ('yoy_growth', 'avg_growth', 'cumulative')" %}
keyed as (
    select
        *,
        concat_ws('|', region_code, coalesce(indicator_id, 'text:' || indicator_text), measure,
                  period_year, coalesce(period_label, '')) as vintage_key,
        -- a value no place can have (1e41 亿元, a population of -30,000): flagged, never judges a
        -- target, never hides an older plausible vintage (macros/methodology/plausibility.sql)
        coalesce(
            {{ implausible_reason('value', 'unit', is_change) }},
            case when unit not in ('%', '％') and not ({{ is_change }}) then
                {{ implausible_by_magnitude('value', 'unit') }} end
        ) as implausible_reason
    from resolved
    window w as (partition by coalesce(indicator_id, indicator_text), unit, measure)
)

select
    *,
    dense_rank() over (
        partition by vintage_key order by document_date, ingested_at, document_id
    ) as vintage,
    -- latest release among current documents; within one document the most confident mention
    is_current and row_number() over (
        partition by vintage_key
        order by is_current desc, (implausible_reason is null) desc, document_date desc, ingested_at desc, confidence desc, char_start
    ) = 1 as is_latest
from keyed
