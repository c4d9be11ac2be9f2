-- The review list: indicator texts no catalog alias maps yet. Their rows stay in the facts with a
-- null indicator_id; add an alias to indicator_aliases.csv to map them.
with uses as (
    select indicator_text, 'target' as used_as, source_file, quote from {{ ref('int_targets') }} where indicator_id is null
    union all
    select indicator_text, 'actual', source_file, quote from {{ ref('int_actuals') }} where indicator_id is null
)

select
    indicator_text,
    count(*) filter (where used_as = 'target') as target_rows,
    count(*) filter (where used_as = 'actual') as actual_rows,
    string_agg(distinct source_file, '; ' order by source_file) as source_files,
    min(quote) as example_quote
from uses
group by indicator_text
