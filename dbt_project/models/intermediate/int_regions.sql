-- The regions seed (GB/T 2260) plus what documents add: sub-areas under their parent, a document's
-- own region when its metadata carries a code the seed does not know yet, and places without a code
-- ('uncoded:<name>', 'unlocated:<document>': level 'uncoded', code_note says why).
with seeded as (
    select
        cast(region_code as varchar) as region_code,
        name_zh,
        level,
        cast(parent_code as varchar) as parent_code,
        cast(null as varchar) as code_note
    from {{ ref('regions') }}
),

subareas as (
    select
        region_code, any_value(region_name) as name_zh, 'subarea' as level, any_value(parent_code) as parent_code,
        cast(null as varchar) as code_note
    from {{ ref('int_scopes') }}
    where scope_type = 'subarea'
    group by region_code
),

document_regions as (
    select
        region_code,
        any_value(region_name) as name_zh,
        case when bool_and(gb_region_code is null) then 'uncoded' end as level,
        cast(null as varchar) as parent_code,
        any_value(region_code_note) as code_note
    from {{ ref('int_documents') }}
    where region_code is not null
    group by region_code
)

select * from seeded
union all
select * from subareas where region_code not in (select region_code from seeded)
union all
select * from document_regions
where region_code not in (select region_code from seeded)
  and region_code not in (select region_code from subareas)
