-- One row per corrected value (target or actual, by the id the extractor gives it now): the latest
-- applied correction of each field (int_corrections), who made the latest, and which fields changed.
with applied as (
    select * from {{ ref('int_corrections') }}
    where subject = 'statement' and status = 'applied'
)

select
    applied_statement_id as statement_id,
    any_value(applied_statement_class) as statement_class,
    arg_max(after, corrected_at) filter (where field = 'year') as new_year,
    arg_max(after, corrected_at) filter (where field = 'period') as new_period_label,
    arg_max(after, corrected_at) filter (where field = 'kind') as new_kind,
    arg_max(after, corrected_at) filter (where field = 'value') as new_value,
    arg_max(after, corrected_at) filter (where field = 'unit') as new_unit,
    arg_max(after, corrected_at) filter (where field = 'indicator') as new_indicator_id,
    arg_max(after, corrected_at) filter (where field = 'place') as new_region_code,
    arg_max(after_label, corrected_at) filter (where field = 'place') as new_region_name,
    coalesce(arg_max(after, corrected_at) filter (where field = 'exclude') = 'true', false) as is_excluded,
    -- finer fields the old overrides files could set (plantrack/overrides.py checks them)
    arg_max(after, corrected_at) filter (where field = 'value_high') as new_value_high,
    arg_max(after, corrected_at) filter (where field = 'comparator') as new_comparator,
    arg_max(after, corrected_at) filter (where field = 'target_kind') as new_target_kind,
    arg_max(after, corrected_at) filter (where field = 'baseline_year') as new_baseline_year,
    arg_max(after, corrected_at) filter (where field = 'baseline_value') as new_baseline_value,
    arg_max(after, corrected_at) filter (where field = 'attribute') as new_attribute,
    arg_max(after, corrected_at) filter (where field = 'measure') as new_measure,
    arg_max(corrected_by, corrected_at) as corrected_by,
    arg_max(why, corrected_at) as corrected_why,
    max(corrected_at) as corrected_at,
    string_agg(distinct field, ',' order by field) as corrected_fields
from applied
group by applied_statement_id
