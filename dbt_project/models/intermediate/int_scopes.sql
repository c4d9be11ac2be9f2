-- Resolve every (document, scope, parent) the extractor named to a region code. A scope that is
-- not a known region (a park cluster such as 北渡组团) becomes a sub-area "<parent code>:<name>"
-- under its stated parent, else under the document's region.
with docs as (
    select * from {{ ref('int_documents') }}
),

regions as (
    select * from {{ ref('regions') }}
),

scopes as (
    select distinct document_id, scope_name, scope_parent from {{ ref('stg_raw__targets') }}
    union
    select distinct document_id, scope_name, scope_parent from {{ ref('stg_raw__actuals') }}
),

scoped as (
    select
        s.document_id,
        s.scope_name,
        s.scope_parent,
        d.region_code as doc_region_code,
        d.region_name as doc_region_name
    from scopes as s
    inner join docs as d on d.document_id = s.document_id
),

-- names repeat across China (e.g. 城关区): prefer the document's own region, then its province
scope_match as (
    select sc.document_id, sc.scope_name, sc.scope_parent, r.region_code, r.name_zh
    from scoped as sc
    inner join regions as r on sc.scope_name in (r.name_zh, r.short_name)
    qualify row_number() over (
        partition by sc.document_id, sc.scope_name, sc.scope_parent
        order by (r.region_code = sc.doc_region_code) desc,
                 (left(r.region_code, 2) = left(sc.doc_region_code, 2)) desc,
                 r.region_code
    ) = 1
),

parent_match as (
    select sc.document_id, sc.scope_name, sc.scope_parent, r.region_code, r.name_zh
    from scoped as sc
    inner join regions as r on sc.scope_parent in (r.name_zh, r.short_name)
    qualify row_number() over (
        partition by sc.document_id, sc.scope_name, sc.scope_parent
        order by (r.region_code = sc.doc_region_code) desc,
                 (left(r.region_code, 2) = left(sc.doc_region_code, 2)) desc,
                 r.region_code
    ) = 1
),

resolved as (
    select
        sc.document_id,
        sc.scope_name,
        sc.scope_parent,
        case
            when sc.scope_name is null or sc.scope_name = sc.doc_region_name then 'document_region'
            when sm.region_code is not null then 'region'
            else 'subarea'
        end as scope_type,
        sm.region_code as matched_code,
        sm.name_zh as matched_name,
        coalesce(pm.region_code, sc.doc_region_code) as subarea_parent_code,
        sc.doc_region_code,
        sc.doc_region_name
    from scoped as sc
    left join scope_match as sm
        on sm.document_id = sc.document_id
        and sm.scope_name is not distinct from sc.scope_name
        and sm.scope_parent is not distinct from sc.scope_parent
    left join parent_match as pm
        on pm.document_id = sc.document_id
        and pm.scope_name is not distinct from sc.scope_name
        and pm.scope_parent is not distinct from sc.scope_parent
)

select
    document_id,
    scope_name,
    scope_parent,
    scope_type,
    case scope_type
        when 'document_region' then doc_region_code
        when 'region' then matched_code
        else coalesce(subarea_parent_code || ':', 'subarea:') || scope_name
    end as region_code,
    case scope_type
        when 'document_region' then doc_region_name
        when 'region' then matched_name
        else scope_name
    end as region_name,
    case when scope_type = 'subarea' then subarea_parent_code end as parent_code
from resolved
