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
    coalesce(cs.source_file, d.source_file) as source_file,
    d.source_file as first_source_file,
    d.format,
    d.title,
    d.doc_type,
    d.issuer,
    coalesce(d.region_code, rn.region_code) as region_code,
    coalesce(d.region_name, rc.name_zh, rn.name_zh) as region_name,
    d.issued_on,
    d.plan_start_year,
    d.plan_end_year,
    d.period_year,
    d.period_label,
    d.doc_number,
    d.metadata_sources,
    d.metadata_confidence,
    d.ingested_at,
    coalesce(d.issued_on, cast(d.ingested_at as date)) as document_date,
    cs.source_file is not null as is_current
from docs as d
left join current_sources as cs on cs.document_id = d.document_id
left join region_by_name as rn on rn.document_id = d.document_id
left join regions as rc on rc.region_code = d.region_code
