-- Targets for the same scope, indicator and target year that disagree on the value (in a common
-- unit), the high end of a range, or the comparator: within one document or across documents (a
-- consultation draft against the final plan). Level and share targets are one family; the other kinds
-- only conflict with their own kind. Each target is paired with the one before it in its group (target
-- order), not with every other: a group of n targets gives at most n - 1 pairs, so a list of thousands of
-- values stays linear (all pairs of 12,000 values were 72 million rows), and every target that
-- disagrees with its group still shows in a pair.
with targets as (
    select
        *,
        coalesce(indicator_id, 'text:' || indicator_text) as indicator_key,
        coalesce(target_year, plan_end_year) as eff_target_year,
        case when target_kind in ('level', 'share') then 'stock' else target_kind end as kind_family,
        -- units one value can be converted into (unit_factor): 亿元 and 万元 meet, 亿元 and % never do
        case
            when {{ is_monetary('unit') }} then 'money'
            when unit in {{ count_units() }} then 'count'
            when unit in ('%', '％', '个百分点') then 'percent'
            else coalesce(unit, '')
        end as unit_class
    from {{ ref('int_targets') }}
    where not is_rejected and value is not null and region_code is not null
),

in_order as (
    select
        *,
        lag(target_id) over (
            partition by region_code, indicator_key, eff_target_year, kind_family, unit_class
            order by target_id
        ) as previous_target_id
    from targets
)

select
    'c_' || left(md5(a.target_id || '|' || b.target_id), 16) as conflict_id,
    a.region_code,
    a.region_name,
    a.indicator_id,
    a.indicator_text,
    a.eff_target_year as target_year,
    case when a.document_id = b.document_id then 'within_document' else 'across_documents' end as conflict_scope,
    a.target_id as target_id_a,
    a.source_file as source_file_a,
    a.comparator as comparator_a,
    a.value as value_a,
    a.unit as unit_a,
    a.quote as quote_a,
    b.target_id as target_id_b,
    b.source_file as source_file_b,
    b.comparator as comparator_b,
    b.value as value_b,
    b.unit as unit_b,
    b.quote as quote_b,
    b.value * {{ unit_factor('b.unit', 'a.unit') }} - a.value as difference
from in_order as b
inner join targets as a
    on a.target_id = b.previous_target_id
where {{ unit_factor('b.unit', 'a.unit') }} is not null
  and (
      abs(b.value * {{ unit_factor('b.unit', 'a.unit') }} - a.value) > 1e-9 * greatest(abs(a.value), 1)
      or a.comparator <> b.comparator
      or a.value_high is distinct from b.value_high
  )
