-- Every actual value ever extracted, from every document version, with scope, catalog mapping and
-- overrides, numbered by vintage. The same region / indicator / measure / period reported again by a
-- later release is a new vintage; the latest vintage among current documents is the one marts use.
-- A document no longer in the sources keeps its rows here but never is_latest.
with actuals as (
    select * from {{ ref('int_actual_statements') }}
),

docs as (
    select * from {{ ref('int_documents') }}
),

-- analysts' corrections (int_statement_corrections: found by what the text says, latest per field)
overrides as (
    select
        statement_id as actual_id,
        case when is_excluded then 'reject' else 'correct' end as override_action,
        corrected_by as override_by,
        corrected_why as override_reason,
        corrected_fields,
        new_value,
        new_unit,
        new_year as new_period_year,
        new_period_label,
        new_indicator_id,
        new_region_code,
        new_region_name,
        new_measure
    from {{ ref('int_statement_corrections') }}
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
        coalesce(o.new_region_code, s.region_code) as region_code,
        coalesce(o.new_region_name, s.region_name) as region_name,
        a.scope_name,
        a.indicator_text,
        coalesce(o.new_indicator_id, m.indicator_id) as indicator_id,
        coalesce(o.new_measure, a.measure) as measure,
        coalesce(try_cast(o.new_period_year as integer), a.period_year) as period_year,
        coalesce(o.new_period_label, a.period_label) as period_label,
        -- a corrected year or period: the extracted dates no longer hold
        case when o.new_period_year is null and o.new_period_label is null then a.period_start end as period_start,
        case when o.new_period_year is null and o.new_period_label is null then a.period_end end as period_end,
        case when o.new_period_year is null and o.new_period_label is null
            then {{ is_full_year('a.period_label', 'a.period_start', 'a.period_end') }}
            else {{ is_full_year('coalesce(o.new_period_label, a.period_label)', 'null', 'null') }} end as is_full_year,
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
        a.confidence_reason,
        case when o.new_period_year is not null then 'override' else a.year_evidence end as year_evidence,
        case when o.new_period_year is not null then 1.0 else a.year_confidence end as year_confidence,
        a.is_estimate,
        o.override_action,
        o.override_by,
        o.override_reason,
        o.corrected_fields,
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
        -- the unit is part of the figure: 7,149 人 and 3,010 个 of one industry, a per-capita GDP in 元 and
        -- in 美元, are two figures, not two vintages of one
        concat_ws('|', region_code, coalesce(indicator_id, 'text:' || indicator_text), measure,
                  coalesce(unit, ''), period_year, coalesce(period_label, '')) as vintage_key,
        -- a value no place can have (1e41 亿元, a population of -30,000): flagged, never judges a
        -- target, never hides an older plausible vintage (macros/methodology/plausibility.sql)
        coalesce(
            {{ implausible_reason('value', 'unit', is_change) }},
            case when unit not in ('%', '％') and not ({{ is_change }}) then
                {{ implausible_by_magnitude('value', 'unit') }} end
        ) as implausible_reason
    from resolved
    window w as (partition by coalesce(indicator_id, indicator_text), unit, measure)
),

ranked as (
    select
        *,
        dense_rank() over (
            partition by vintage_key order by document_date, ingested_at, document_id
        ) as vintage,
        -- latest release among current documents (a final figure before any estimate of the same period:
        -- 预计 values of a review yield to the bulletin); within one document the most confident mention
        row_number() over (
            partition by vintage_key
            order by is_current desc, (implausible_reason is null) desc, is_estimate, document_date desc,
                ingested_at desc, confidence desc, char_start,
                -- equal on all of the above (the same figure in two files of one day): any one, but the same
                -- one every build, or a rebuild changes the marts and the incremental models' fingerprints
                actual_id
        ) as rank_in_vintage,
        -- one mention of each value a document gives (a figure restated in a summary is one row)
        row_number() over (
            partition by vintage_key, document_id, value
            order by (implausible_reason is null) desc, is_estimate, confidence desc, char_start, actual_id
        ) as rank_in_document
    from keyed
)

select
    * exclude (rank_in_vintage, rank_in_document),
    -- what the marts publish: every value the latest document gives for the figure. A document that
    -- states two values for one region/indicator/measure/unit/period (a sub-area's or a sub-group's
    -- figure the reader could not tell apart) keeps both: the analyst sees what it says.
    is_current and rank_in_document = 1 and document_id = first_value(document_id) over (
        partition by vintage_key order by rank_in_vintage
    ) as is_latest,
    -- the one value that judges a target (int_target_actual_pairs): the latest release's most confident
    is_current and rank_in_vintage = 1 as is_preferred
from ranked
