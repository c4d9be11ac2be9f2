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
        d.gb_region_code as doc_gb_code,
        d.region_name as doc_region_name
    from scopes as s
    inner join docs as d on d.document_id = s.document_id
),

-- Names repeat across China (鼓楼区, 朝阳区, 城关区) and short names far more: a scope is looked up
-- within its document's province (its own region first, then full names before short ones); a
-- document without a region takes a name only when it is unique in the country. Never more than one.
candidates as (
    select
        sc.document_id, sc.scope_name, sc.scope_parent, sc.doc_gb_code, r.region_code, r.name_zh,
        sc.scope_name = r.name_zh as by_full_name,
        'scope' as role
    from scoped as sc
    inner join regions as r on sc.scope_name in (r.name_zh, r.short_name)
    union all
    select
        sc.document_id, sc.scope_name, sc.scope_parent, sc.doc_gb_code, r.region_code, r.name_zh,
        sc.scope_parent = r.name_zh as by_full_name,
        'parent' as role
    from scoped as sc
    inner join regions as r on sc.scope_parent in (r.name_zh, r.short_name)
),

ranked as (
    select
        *,
        count(*) over (partition by document_id, scope_name, scope_parent, role) as n_candidates
    from candidates
    where doc_gb_code is null
        or left(region_code, 2) = left(doc_gb_code, 2)
),

chosen as (
    select * from ranked
    where doc_gb_code is not null or n_candidates = 1
    qualify row_number() over (
        partition by document_id, scope_name, scope_parent, role
        order by (region_code = doc_gb_code) desc, by_full_name desc,
                 -- within a province a name can still repeat: the one under the document's city
                 (left(region_code, 4) = left(doc_gb_code, 4)) desc, region_code
    ) = 1
),

scope_match as (
    select document_id, scope_name, scope_parent, region_code, name_zh from chosen where role = 'scope'
),

parent_match as (
    select document_id, scope_name, scope_parent, region_code, name_zh from chosen where role = 'parent'
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
