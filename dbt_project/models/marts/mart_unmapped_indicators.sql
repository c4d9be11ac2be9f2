-- The review list: indicator texts no catalog alias maps yet, ranked by how many judgements an
-- alias for them would unlock. Their rows stay in the facts with a null indicator_id; add an alias
-- to indicator_aliases.csv (or a name to indicators.csv) to map them.
--
-- A target "would be judged" when an actual of the same place has the same indicator core (the text
-- with its scope, period, verb and measure words peeled off, int_indicator_mapping) — and vice versa.
-- Counted per core: one alias maps every text that shares it.
with mapping as (
    select indicator_text, indicator_core, measure from {{ ref('int_indicator_mapping') }}
),

targets as (
    select t.target_id, t.region_code, t.indicator_text, t.source_file, t.quote, m.indicator_core
    from {{ ref('int_targets') }} as t
    left join mapping as m on m.indicator_text = t.indicator_text
    where t.indicator_id is null and not t.is_rejected
),

actuals as (
    select a.actual_id, a.region_code, a.indicator_text, a.source_file, a.quote, m.indicator_core
    from {{ ref('int_actuals') }} as a
    left join mapping as m on m.indicator_text = a.indicator_text
    where a.indicator_id is null
),

-- per core: the targets that have an actual of their place with the same core, and the actuals
-- that have such a target
unlock as (
    select
        t.indicator_core,
        count(distinct t.target_id) as targets_unlocked,
        count(distinct a.actual_id) as actuals_unlocked
    from targets as t
    inner join actuals as a
        on a.indicator_core = t.indicator_core
        and a.region_code is not distinct from t.region_code
    where t.indicator_core is not null
    group by t.indicator_core
),

uses as (
    select indicator_text, indicator_core, 'target' as used_as, source_file, quote from targets
    union all
    select indicator_text, indicator_core, 'actual', source_file, quote from actuals
),

per_text as (
    select
        u.indicator_text,
        any_value(u.indicator_core) as indicator_core,
        count(*) filter (where u.used_as = 'target') as target_rows,
        count(*) filter (where u.used_as = 'actual') as actual_rows,
        string_agg(distinct u.source_file, '; ' order by u.source_file) as source_files,
        min(u.quote) as example_quote
    from uses as u
    group by u.indicator_text
),

per_core as (
    select
        indicator_core,
        count(*) as texts_with_core,
        sum(target_rows) as core_target_rows,
        sum(actual_rows) as core_actual_rows
    from per_text
    where indicator_core is not null
    group by indicator_core
)

select
    p.indicator_text,
    p.indicator_core,
    m.measure,
    p.target_rows,
    p.actual_rows,
    coalesce(c.texts_with_core, 1) as texts_with_core,
    coalesce(u.targets_unlocked, 0) as judgements_unlocked,
    coalesce(u.actuals_unlocked, 0) as actuals_unlocked,
    cast(dense_rank() over (
        order by coalesce(u.targets_unlocked, 0) desc,
            coalesce(c.core_target_rows + c.core_actual_rows, p.target_rows + p.actual_rows) desc,
            p.indicator_core nulls last
    ) as bigint) as review_rank,
    case
        when coalesce(u.targets_unlocked, 0) > 0 then
            u.targets_unlocked || ' target(s) would meet ' || u.actuals_unlocked
            || ' actual(s) of the same place once "' || p.indicator_core || '" is in the catalog'
        when p.indicator_core is null then 'nothing is left of the text once its context words are peeled off'
        when p.target_rows > 0 then 'no actual of the same place has this indicator yet'
        else 'no target of the same place has this indicator'
    end as review_reason,
    p.source_files,
    p.example_quote
from per_text as p
left join per_core as c on c.indicator_core = p.indicator_core
left join unlock as u on u.indicator_core = p.indicator_core
left join mapping as m on m.indicator_text = p.indicator_text
