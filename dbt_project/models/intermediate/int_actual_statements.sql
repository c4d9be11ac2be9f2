-- The actual values the marts use: extracted ones, less those an analyst said are targets, plus
-- targets an analyst said are actual values or estimates (target kind → measure, target year →
-- period year, 全年). is_estimate: the extractor read 预计…, or an analyst said so (kind estimate; kind actual
-- says it is a final figure).
with corrections as (
    select * from {{ ref('int_statement_corrections') }}
)

select
    a.* exclude (is_estimate),
    case c.new_kind when 'estimate' then true when 'actual' then false else a.is_estimate end as is_estimate
from {{ ref('stg_raw__actuals') }} as a
left join corrections as c on c.statement_id = a.actual_id
where coalesce(c.new_kind, 'actual') in ('actual', 'estimate')

union all by name

select
    t.target_id as actual_id,
    t.document_id,
    t.scope_name,
    t.scope_parent,
    t.indicator_text,
    case t.target_kind when 'growth_rate' then 'yoy_growth' when 'annual' then 'new_in_period'
        when 'change_vs_base' then null else t.target_kind end as measure,  -- a change since a base year is no measure of one period
    t.target_year as period_year,
    '全年' as period_label,
    t.value_raw,
    t.unit_raw,
    t.value,
    t.unit,
    t.quote,
    t.char_start,
    t.char_end,
    t.section,
    t.method,
    t.confidence,
    t.confidence_reason,
    t.extractor_version,
    t.year_evidence,
    t.year_confidence,
    c.new_kind = 'estimate' as is_estimate
from {{ ref('stg_raw__targets') }} as t
inner join corrections as c on c.statement_id = t.target_id
where c.new_kind in ('actual', 'estimate')
