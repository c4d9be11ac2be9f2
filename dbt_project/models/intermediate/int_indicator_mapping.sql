-- Every distinct indicator text the extractor produced, mapped to the catalog through the alias
-- patterns: the matching pattern with the highest priority wins (then the longer, more specific
-- pattern). An alias with an empty indicator_id deliberately leaves a text unmapped.
with texts as (
    select distinct indicator_text from {{ ref('stg_raw__targets') }}
    union
    select distinct indicator_text from {{ ref('stg_raw__actuals') }}
),

aliases as (
    select * from {{ ref('indicator_aliases') }}
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
    b.priority as matched_priority
from texts as t
left join best as b on b.indicator_text = t.indicator_text
