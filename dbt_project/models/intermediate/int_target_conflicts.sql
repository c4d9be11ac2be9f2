-- Pairs of targets for the same scope, indicator and target year that disagree on the value (in a
-- common unit), the high end of a range, or the comparator: within one document or across documents
-- (a consultation draft against the final plan). Level and share targets are one family; the other
-- kinds only conflict with their own kind.
with targets as (
    select
        *,
        coalesce(indicator_id, 'text:' || indicator_text) as indicator_key,
        coalesce(target_year, plan_end_year) as eff_target_year,
        case when target_kind in ('level', 'share') then 'stock' else target_kind end as kind_family
    from {{ ref('int_targets') }}
    where not is_rejected and value is not null
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
from targets as a
inner join targets as b
    on b.region_code = a.region_code
    and b.indicator_key = a.indicator_key
    and b.eff_target_year is not distinct from a.eff_target_year
    and b.kind_family = a.kind_family
    and a.target_id < b.target_id
where {{ unit_factor('b.unit', 'a.unit') }} is not null
  and (
      abs(b.value * {{ unit_factor('b.unit', 'a.unit') }} - a.value) > 1e-9 * greatest(abs(a.value), 1)
      or a.comparator <> b.comparator
      or a.value_high is distinct from b.value_high
  )
