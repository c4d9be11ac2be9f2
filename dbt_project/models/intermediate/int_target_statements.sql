-- The targets the marts judge: extracted targets, less those an analyst said are actual values or
-- estimates, plus actual values an analyst said are targets (kind target: measure → target kind,
-- period year → target year, comparator '=').
with corrections as (
    select * from {{ ref('int_statement_corrections') }}
)

select t.*
from {{ ref('stg_raw__targets') }} as t
left join corrections as c on c.statement_id = t.target_id
where coalesce(c.new_kind, 'target') = 'target'

union all by name

select
    a.actual_id as target_id,
    a.document_id,
    a.scope_name,
    a.scope_parent,
    a.indicator_text,
    case a.measure when 'yoy_growth' then 'growth_rate' when 'avg_growth' then 'growth_rate'
        when 'new_in_period' then 'annual' else a.measure end as target_kind,
    '=' as comparator,
    a.value_raw,
    a.unit_raw,
    a.value,
    a.unit,
    a.period_year as target_year,
    a.quote,
    a.char_start,
    a.char_end,
    a.section,
    a.method,
    a.confidence,
    a.confidence_reason,
    a.year_evidence,
    a.year_confidence,
    a.extractor_version
from {{ ref('stg_raw__actuals') }} as a
inner join corrections as c on c.statement_id = a.actual_id
where c.new_kind = 'target'
