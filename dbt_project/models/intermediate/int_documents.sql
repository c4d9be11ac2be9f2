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
),

-- how many GB/T 2260 units a name names (0: not a unit; 2 and more: the document must say which)
name_places as (
    select
        d.document_id,
        count(distinct r.region_code) as n_places,
        count(distinct left(r.region_code, 2)) as n_provinces,
        min(left(r.region_code, 2)) as province_prefix
    from docs as d
    inner join regions as r
        on d.region_name in (r.name_zh, r.short_name)
    where d.region_code is null
    group by d.document_id
),

resolved as (
    select
        d.*,
        cs.source_file as current_source_file,
        coalesce(d.region_code, rn.region_code) as gb_region_code,
        coalesce(d.region_name, rc.name_zh, rn.name_zh) as resolved_region_name,
        coalesce(np.n_places, 0) as n_places,
        coalesce(np.n_provinces, 0) as n_provinces,
        np.province_prefix
    from docs as d
    left join current_sources as cs on cs.document_id = d.document_id
    left join region_by_name as rn on rn.document_id = d.document_id
    left join regions as rc on rc.region_code = d.region_code
    left join name_places as np on np.document_id = d.document_id
)

-- A place the reader could not code is still a place, with its own identity (name and province),
-- never a shared placeholder: every mart's grain holds with it and it is judged like any other.
--   a name all of whose places lie in one province (桥西区: 3 in 河北)   uncoded:<province 2 digits>:<name>
--   a name shared by several provinces (城关区: 甘肃, 西藏)              uncoded:<name>@<document>: the
--       document's own place, never matched with another document's 城关区 (it may be another one)
--   a name that is no GB/T 2260 unit (a development zone)                uncoded:<name>
--   no place named at all                                                unlocated:<document id>
-- region_code_note says why there is no GB/T 2260 code.
select
    d.document_id,
    coalesce(cd.corrected_fields, '') <> '' as is_corrected,
    cd.corrected_fields,
    coalesce(d.current_source_file, d.source_file) as source_file,
    d.source_file as first_source_file,
    d.format,
    d.title,
    coalesce(cd.doc_type, d.doc_type) as doc_type,
    d.issuer,
    case
        when cd.region_code is not null then cd.region_code
        when d.gb_region_code is not null then d.gb_region_code
        when d.resolved_region_name is null then 'unlocated:' || left(d.document_id, 16)
        when d.n_places > 1 and d.n_provinces = 1 then 'uncoded:' || d.province_prefix || ':' || d.resolved_region_name
        when d.n_places > 1 then 'uncoded:' || d.resolved_region_name || '@' || left(d.document_id, 8)
        else 'uncoded:' || d.resolved_region_name
    end as region_code,
    case when cd.region_code is not null then coalesce(cd.region_name, cd.region_code)
         else coalesce(d.resolved_region_name, '未识别地区（' || coalesce(d.current_source_file, d.source_file) || '）')
    end as region_name,
    case when cd.region_code is not null
        then rcd.region_code else d.gb_region_code end as gb_region_code,
    case
        when cd.region_code is not null then
            case when rcd.region_code is not null then null
                 else 'place corrected by an analyst to a name without a GB/T 2260 code' end
        when d.gb_region_code is not null then null
        when d.resolved_region_name is null then
            'no place detected: ' || coalesce(json_extract_string(d.metadata_reasons, '$.region_name'),
                                              'the document names none')
        when d.n_places > 1 and d.n_provinces = 1 then
            d.resolved_region_name || ' names ' || d.n_places || ' places in one province and the '
            || 'document does not say which'
        when d.n_places > 1 then
            d.resolved_region_name || ' names ' || d.n_places || ' places in ' || d.n_provinces
            || ' provinces and the document does not say which: kept as this document''s own place'
        when d.n_places = 0 then
            d.resolved_region_name || ' is not a GB/T 2260 unit (a development zone, park or new area, '
            || 'or a name not written in full)'
        else coalesce(json_extract_string(d.metadata_reasons, '$.region_code'), 'no code detected')
    end as region_code_note,
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
    d.current_source_file is not null as is_current
from resolved as d
left join corrected as cd on cd.document_id = d.document_id
left join regions as rcd on rcd.region_code = cd.region_code
