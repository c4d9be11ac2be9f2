-- Every distinct indicator text the extractor produced, mapped to the catalog through the alias
-- patterns: the matching pattern with the highest priority wins (then the longer, more specific
-- pattern). An alias with an empty indicator_id deliberately leaves a text unmapped.
--
-- Incremental: matching every text against every regexp is the costliest step of the build, and a
-- refresh usually brings a handful of new texts. Each row stores the fingerprint of the alias
-- catalog it was mapped with; when the catalog changed, every text is mapped again, so an edited
-- alias never leaves stale mappings behind. (Changed dbt code makes the pipeline run --full-refresh.)
{{ config(
    materialized='incremental',
    unique_key='indicator_text',
    incremental_strategy='delete+insert',
    on_schema_change='sync_all_columns'
) }}

with aliases as (
    select * from {{ ref('indicator_aliases') }}
),

catalog as (
    select md5(coalesce(string_agg(
        concat_ws('|', pattern, match_type, indicator_id, priority), chr(10)
        order by pattern, match_type, indicator_id, priority
    ), '')) as mapping_fingerprint
    from aliases
),

all_texts as (
    select distinct indicator_text from {{ ref('stg_raw__targets') }}
    union
    select distinct indicator_text from {{ ref('stg_raw__actuals') }}
),

texts as (
    select t.indicator_text
    from all_texts as t
    {% if is_incremental() %}
    where
        (select max(mapping_fingerprint) from {{ this }})
            is distinct from (select mapping_fingerprint from catalog)
        or t.indicator_text not in (select indicator_text from {{ this }})
    {% endif %}
),

best as (
    select
        t.indicator_text,
        nullif(trim(a.indicator_id), '') as indicator_id,
        a.pattern,
        a.priority
    from texts as t
    inner join aliases as a
        on case
            when a.match_type = 'like' then t.indicator_text like a.pattern
            when a.match_type = 'exact' then t.indicator_text = a.pattern
            else regexp_matches(t.indicator_text, a.pattern)
        end
    qualify row_number() over (
        partition by t.indicator_text order by a.priority desc, length(a.pattern) desc, a.pattern
    ) = 1
)

select
    t.indicator_text,
    b.indicator_id,
    b.pattern as matched_pattern,
    b.priority as matched_priority,
    c.mapping_fingerprint
from texts as t
cross join catalog as c
left join best as b on b.indicator_text = t.indicator_text
