-- Document versions with their resolved region and whether they are current: a version is current
-- while some source file still holds exactly these bytes (raw.current_sources).
with docs as (
    select * from {{ ref('stg_raw__documents') }}
),

current_sources as (
    select * from {{ ref('stg_raw__current_sources') }}
    qualify row_number() over (partition by document_id order by first_seen_at desc, source_file) = 1
),

regions as (
    select * from {{ ref('regions') }}
),

-- analysts' corrections of a document (plantrack correct --document): the latest of each field
corrected as (
    select
        applied_document_id as document_id,
        arg_max(after, corrected_at) filter (where field = 'place') as region_code,
        arg_max(after_label, corrected_at) filter (where field = 'place') as region_name,
        arg_max(after, corrected_at) filter (where field = 'kind') as doc_type,
        try_cast(arg_max(after, corrected_at) filter (where field = 'date') as date) as issued_on,
        arg_max(after, corrected_at) filter (where field = 'period') as period,
        string_agg(distinct field, ',' order by field) as corrected_fields,
        arg_max(corrected_by, corrected_at) as corrected_by
    from {{ ref('int_corrections') }}
    where subject = 'document' and status = 'applied'
    group by applied_document_id
),

-- metadata may name the region without its code (or with a short name): find the code by name, and
-- only when the name is one place (鼓楼区 is four; the reader says why it left the code empty)
region_by_name as (
    select
        d.document_id,
        any_value(r.region_code) as region_code,
        any_value(r.name_zh) as name_zh
    from docs as d
    inner join regions as r
        on d.region_name in (r.name_zh, r.short_name)
    where d.region_code is null
    group by d.document_id
    having count(distinct r.region_code) = 1
)

select
    d.document_id,
    coalesce(cd.corrected_fields, '') <> '' as is_corrected,
    cd.corrected_fields,
    coalesce(cs.source_file, d.source_file) as source_file,
    d.source_file as first_source_file,
    d.format,
    d.title,
    coalesce(cd.doc_type, d.doc_type) as doc_type,
    d.issuer,
    coalesce(cd.region_code, d.region_code, rn.region_code) as region_code,
    case when cd.region_code is not null then cd.region_name
         else coalesce(d.region_name, rc.name_zh, rn.name_zh) end as region_name,
    coalesce(cd.issued_on, d.issued_on) as issued_on,
    -- a corrected period: 2021-2025 is a plan's period, 2024 [上半年] what a release reports on
    coalesce(try_cast(regexp_extract(cd.period, '^(\d{4})-(\d{4})$', 1) as integer), d.plan_start_year) as plan_start_year,
    coalesce(try_cast(regexp_extract(cd.period, '^(\d{4})-(\d{4})$', 2) as integer), d.plan_end_year) as plan_end_year,
    coalesce(try_cast(regexp_extract(cd.period, '^(\d{4})( |$)', 1) as integer), d.period_year) as period_year,
    case when regexp_matches(coalesce(cd.period, ''), '^\d{4}( |$)')
        then nullif(trim(regexp_replace(cd.period, '^\d{4}', '')), '') else d.period_label end as period_label,
    d.doc_number,
    d.metadata_sources,
    d.metadata_confidence,
    d.ingested_at,
    coalesce(cd.issued_on, d.issued_on, cast(d.ingested_at as date)) as document_date,
    cs.source_file is not null as is_current
from docs as d
left join current_sources as cs on cs.document_id = d.document_id
left join region_by_name as rn on rn.document_id = d.document_id
left join regions as rc on rc.region_code = d.region_code
left join corrected as cd on cd.document_id = d.document_id
