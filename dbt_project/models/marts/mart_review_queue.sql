-- The review list: one row per thing the product is unsure of — a value with no year, one whose kind
-- (target or actual) it read with low confidence, one whose place it could not code, an indicator text
-- outside the catalog, a year taken from the issue date, an estimate (预计), a document whose place, kind
-- or date it could not read — with what it read, why
-- it is unsure (Chinese and English), the quote, its best answer and how many judgements settling it
-- would unlock; ranked by that. An item an analyst settled (plantrack correct) leaves the list.
-- The low-confidence threshold is var review_low_confidence.
{% set low = var('review_low_confidence', 0.6) %}
with progress as (
    select target_id, status, reason_code, eff_target_year from {{ ref('int_target_progress') }}
),

targets as (
    select t.*, p.status, p.reason_code, p.eff_target_year, coalesce(t.corrected_fields, '') as fixed
    from {{ ref('int_targets') }} as t
    left join progress as p on p.target_id = t.target_id
    where not t.is_rejected
),

actuals as (
    select a.*, coalesce(a.corrected_fields, '') as fixed
    from {{ ref('int_actuals') }} as a
    where coalesce(a.override_action, '') <> 'reject'
),

docs as (
    select * from {{ ref('int_documents') }} where is_current
),

-- targets that cannot be judged for want of an actual: what an actual value's settling could unlock
waiting as (
    select target_id, region_code, indicator_id, indicator_text
    from targets
    where status = 'not_assessable' and reason_code in ('no_comparable_actual', 'no_actual_in_period', 'no_baseline')
),

target_reasons as (
    select target_id, 'no_year' as reason, 'year' as field from targets
    where target_year is null and target_kind not in ('growth_rate', 'annual') and fixed not like '%year%'
    union all
    select target_id, 'low_confidence_kind', 'kind' from targets
    where confidence < {{ low }} and fixed not like '%kind%'
    union all
    select target_id, 'region_unresolved', 'place' from targets where {{ no_region_code('region_code') }} and fixed not like '%place%'
    union all
    -- the year was taken from the document's issue date, not from anything the value's own text says
    select target_id, 'year_from_issue_date', 'year' from targets
    where year_evidence = 'issue_date' and fixed not like '%year%'
),

actual_reasons as (
    select actual_id, 'no_year' as reason, 'year' as field from actuals
    where period_year is null and fixed not like '%year%'
    union all
    select actual_id, 'low_confidence_kind', 'kind' from actuals where confidence < {{ low }} and fixed not like '%kind%'
    union all
    select actual_id, 'region_unresolved', 'place' from actuals where {{ no_region_code('region_code') }} and fixed not like '%place%'
    union all
    select actual_id, 'year_from_issue_date', 'year' from actuals
    where year_evidence = 'issue_date' and fixed not like '%year%'
    union all
    -- 预计…: an estimate of the period, not its final figure
    select actual_id, 'estimate', 'kind' from actuals where is_estimate and fixed not like '%kind%'
),

labels as (
    select * from (values
        ('no_year', '没有年份', 'no year'),
        ('year_from_issue_date', '年份取自发文日期', 'year from the issue date'),
        ('estimate', '预计数，非最终数', 'estimate, not a final figure'),
        ('low_confidence_kind', '目标还是实际值：把握不大', 'low-confidence kind (target or actual)'),
        ('region_unresolved', '地区未能识别', 'place not resolved to a region code'),
        ('indicator_not_in_catalog', '指标不在指标目录中', 'indicator not in the catalog'),
        ('document_no_region', '文件地区未知', 'document place unknown'),
        ('document_no_kind', '文件类型未知', 'document kind unknown'),
        ('document_no_date', '文件日期未知', 'document date unknown')
    ) as l(reason, reason_zh, reason_en)
),

document_reasons as (
    select document_id, 'document_no_region' as reason, 'place' as field from docs
    where {{ no_region_code('region_code') }} and coalesce(corrected_fields, '') not like '%place%'
    union all
    select document_id, 'document_no_kind', 'kind' from docs
    where doc_type is null and coalesce(corrected_fields, '') not like '%kind%'
    union all
    select document_id, 'document_no_date', 'date' from docs
    where issued_on is null and coalesce(corrected_fields, '') not like '%date%'
),

target_reason_sets as (
    select target_id, string_agg(reason, ',' order by reason) as reason_codes,
           string_agg(distinct field, ',' order by field) as fields_to_check,
           bool_or(reason in ('no_year', 'year_from_issue_date')) as no_year,
           bool_or(reason = 'region_unresolved') as no_region
    from target_reasons group by target_id
),

actual_reason_sets as (
    select actual_id, string_agg(reason, ',' order by reason) as reason_codes,
           string_agg(distinct field, ',' order by field) as fields_to_check,
           bool_or(reason in ('no_year', 'year_from_issue_date')) as no_year
    from actual_reasons group by actual_id
),

document_reason_sets as (
    select document_id, string_agg(reason, ',' order by reason) as reason_codes,
           string_agg(distinct field, ',' order by field) as fields_to_check
    from document_reasons group by document_id
),

target_items as (
    select
        'target' as item_type,
        t.target_id as statement_id,
        t.document_id,
        t.source_file,
        t.quote,
        t.char_start,
        t.char_end,
        t.value_raw,
        t.indicator_text,
        t.region_name,
        t.confidence,
        r.reason_codes,
        r.fields_to_check,
        '目标：' || t.indicator_text || ' ' || t.comparator || ' ' || coalesce(cast(t.value as varchar), t.value_raw)
            || coalesce(t.unit, '') || '，年份 ' || coalesce(cast(t.target_year as varchar), '？')
            || '，地区 ' || coalesce(t.region_name, '？') as what_it_read,
        case when r.no_year and t.plan_end_year is not null and t.plan_end_year is distinct from t.target_year
            then 'year ' || t.plan_end_year || ' (the plan''s end year)' end as best_answer,
        -- this target itself, when what is unsure is what keeps it from being judged
        case when t.status = 'not_assessable' and (
                (r.no_year and t.reason_code in ('no_target_year', 'no_base_year', 'no_expected_path',
                                                 'actual_not_after_baseline'))
                or (r.no_region and t.reason_code = 'no_comparable_actual'))
            then 1 else 0 end as judgements_unlocked
    from target_reason_sets as r
    inner join targets as t on t.target_id = r.target_id
),

-- per actual: the targets of its place and indicator that wait for an actual
actual_unlocks as (
    select r.actual_id, count(distinct w.target_id) as n
    from actual_reason_sets as r
    inner join actuals as a on a.actual_id = r.actual_id
    inner join waiting as w
        on (w.region_code = a.region_code or {{ no_region_code('a.region_code') }})
        and (w.indicator_id = a.indicator_id or w.indicator_text = a.indicator_text)
    group by r.actual_id
),

-- a document's targets that its unknown field keeps from being judged: no place -> no comparable actual
-- for a target of no region; no date -> a target without a year of its own and no base year
document_unlocks as (
    select r.document_id, count(distinct t.target_id) as n
    from document_reason_sets as r
    inner join targets as t on t.document_id = r.document_id
    where t.status = 'not_assessable'
      and ((r.reason_codes like '%document_no_region%' and {{ no_region_code('t.region_code') }}
            and t.reason_code = 'no_comparable_actual')
           or (r.reason_codes like '%document_no_date%' and t.target_year is null
               and t.reason_code in ('no_target_year', 'no_base_year', 'no_expected_path')))
    group by r.document_id
),

actual_items as (
    select
        'actual' as item_type,
        a.actual_id as statement_id,
        a.document_id,
        a.source_file,
        a.quote,
        a.char_start,
        a.char_end,
        a.value_raw,
        a.indicator_text,
        a.region_name,
        a.confidence,
        r.reason_codes,
        r.fields_to_check,
        '实际值：' || a.indicator_text || ' ' || coalesce(cast(a.value as varchar), a.value_raw) || coalesce(a.unit, '')
            || '（' || a.measure || '），年份 ' || coalesce(cast(a.period_year as varchar), '？')
            || coalesce(' ' || a.period_label, '') || '，地区 ' || coalesce(a.region_name, '？') as what_it_read,
        case when r.no_year and d.period_year is not null and d.period_year is distinct from a.period_year
            then 'year ' || d.period_year || ' (the period the document reports on)' end as best_answer,
        coalesce(u.n, 0) as judgements_unlocked
    from actual_reason_sets as r
    inner join actuals as a on a.actual_id = r.actual_id
    left join docs as d on d.document_id = a.document_id
    left join actual_unlocks as u on u.actual_id = r.actual_id
),

indicator_items as (
    select
        'indicator' as item_type,
        t.statement_id,  -- its first use: plantrack correct ITEM sets this value's indicator
        t.document_id,
        t.source_file,
        t.quote,
        t.char_start,
        t.char_end,
        t.value_raw,
        u.indicator_text,
        t.region_name,
        t.confidence,
        'indicator_not_in_catalog' as reason_codes,
        'indicator' as fields_to_check,
        '指标文本：' || u.indicator_text || '（目标 ' || u.target_rows || ' 条，实际值 ' || u.actual_rows || ' 条）' as what_it_read,
        null as best_answer,
        u.judgements_unlocked
    from {{ ref('mart_unmapped_indicators') }} as u
    left join (
        select target_id as statement_id, indicator_text, document_id, source_file, quote, char_start, char_end,
               value_raw, region_name, confidence
        from targets where indicator_id is null
        union all
        select actual_id, indicator_text, document_id, source_file, quote, char_start, char_end,
               value_raw, region_name, confidence
        from actuals where indicator_id is null
    ) as t on t.indicator_text = u.indicator_text
    qualify row_number() over (partition by u.indicator_text order by t.source_file, t.char_start) = 1
),

document_items as (
    select
        'document' as item_type,
        null as statement_id,
        d.document_id,
        d.source_file,
        d.title as quote,
        null::integer as char_start,
        null::integer as char_end,
        null as value_raw,
        null as indicator_text,
        d.region_name,
        null::double as confidence,
        r.reason_codes,
        r.fields_to_check,
        '文件：' || coalesce(d.title, d.source_file) || '，类型 ' || coalesce(d.doc_type, '？') || '，地区 '
            || coalesce(d.region_name, '？') || '，日期 ' || coalesce(cast(d.issued_on as varchar), '？') as what_it_read,
        null as best_answer,
        coalesce(u.n, 0) as judgements_unlocked
    from document_reason_sets as r
    inner join docs as d on d.document_id = r.document_id
    left join document_unlocks as u on u.document_id = r.document_id
),

items as (
    select * from target_items
    union all by name select * from actual_items
    union all by name select * from indicator_items
    union all by name select * from document_items
)

select
    -- Stable across runs; values that share all of these (one goal per place named in one quote) also
    -- hash their statement, so an id already handed out for a unique item does not change.
    'r_' || left(md5(concat_ws('|', i.item_type, i.document_id, i.char_start, i.value_raw, i.indicator_text,
        case when count(*) over (
            partition by i.item_type, i.document_id, i.char_start, i.value_raw, i.indicator_text) > 1
        then i.statement_id end)), 12)
        as item_id,
    cast(row_number() over (
        order by i.judgements_unlocked desc, i.item_type, i.source_file, i.char_start, i.indicator_text
    ) as integer) as review_rank,
    i.item_type,
    i.reason_codes,
    (select string_agg(l.reason_zh, '；' order by l.reason) from labels as l
     where list_contains(string_split(i.reason_codes, ','), l.reason)) as reason_zh,
    (select string_agg(l.reason_en, '; ' order by l.reason) from labels as l
     where list_contains(string_split(i.reason_codes, ','), l.reason)) as reason_en,
    i.fields_to_check,
    i.what_it_read,
    i.best_answer,
    cast(i.judgements_unlocked as integer) as judgements_unlocked,
    i.statement_id,
    i.document_id,
    i.source_file,
    i.quote,
    i.char_start,
    i.char_end,
    i.value_raw,
    i.indicator_text,
    i.region_name,
    i.confidence
from items as i
order by review_rank
