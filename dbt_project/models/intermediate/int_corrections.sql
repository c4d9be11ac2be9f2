-- Every correction, found again in the current documents by what the text says: the same document
-- (sha256 of its bytes), else the current version of the same source file; there, the value with the
-- same quote and number (value_raw) — else, in the same document, one whose quote overlaps the old
-- one's span or contains it — nearest the old offsets, same indicator text first. What the extractor
-- made of the value (its year, kind, indicator) plays no part, so a better extractor keeps the
-- correction. Status: applied (the latest of its key and field, found), superseded (a later one of the
-- same key and field), orphaned (its document or quote is in no current version).
-- The rows of the old override files (target_overrides.csv / actual_overrides.csv, keyed by the
-- extractor's ids, checked by plantrack/overrides.py) come in here too: each id is looked up among every
-- statement ever extracted, then followed by its text like any correction (origin overrides_file).
with logged as (
    select *, 'corrections_log' as origin from {{ ref('stg_raw__corrections') }}
),

every_statement as (
    select target_id as statement_id, document_id, quote, char_start, char_end, value_raw, indicator_text
    from {{ ref('stg_raw__targets') }}
    union all
    select actual_id, document_id, quote, char_start, char_end, value_raw, indicator_text
    from {{ ref('stg_raw__actuals') }}
),

override_rows as (
    select target_id as statement_id, action, field, new_value, "by", reason, "at", line,
           'target_overrides.csv' as file
    from {{ source('raw', 'target_overrides') }}
    union all
    select actual_id, action, field, new_value, "by", reason, "at", line, 'actual_overrides.csv'
    from {{ source('raw', 'actual_overrides') }}
),

from_overrides as (
    select
        'override:' || o.file || ':' || o.line as correction_id,
        cast(o."at" as timestamp) as corrected_at,
        o."by" as corrected_by,
        o.reason as why,
        'statement' as subject,
        case when o.action = 'reject' then 'exclude'
             else case o.field when 'target_year' then 'year' when 'period_year' then 'year'
                               when 'indicator_id' then 'indicator' else o.field end end as field,
        null as before,
        case when o.action = 'reject' then 'true' else o.new_value end as after,
        null as after_label,
        s.document_id,
        d.source_file,
        s.quote,
        s.char_start,
        s.char_end,
        s.value_raw,
        s.indicator_text,
        o.statement_id,
        'overrides_file' as origin
    from override_rows as o
    left join every_statement as s on s.statement_id = o.statement_id
    left join {{ ref('stg_raw__documents') }} as d on d.document_id = s.document_id
),

corrections as (
    select
        *,
        -- what the correction is about, whatever the extractor makes of it: a later one of the same
        -- key replaces it
        md5(concat_ws('|', subject, document_id, quote, char_start, char_end, value_raw, indicator_text, field))
            as correction_key
    from (
        select * exclude (correction_key) from logged
        union all by name
        select * from from_overrides
    )
),

current_docs as (
    select distinct document_id from {{ ref('stg_raw__current_sources') }}
),

current_sources as (
    select * from {{ ref('stg_raw__current_sources') }}
),

statements as (
    select target_id as statement_id, 'target' as statement_class, document_id, quote, char_start, char_end,
           value_raw, indicator_text
    from {{ ref('stg_raw__targets') }}
    union all
    select actual_id, 'actual', document_id, quote, char_start, char_end, value_raw, indicator_text
    from {{ ref('stg_raw__actuals') }}
),

located as (
    select
        c.*,
        case when c.document_id in (select document_id from current_docs) then c.document_id
             else cs.document_id end as located_document_id,
        case when c.document_id in (select document_id from current_docs) then 'same_document'
             when cs.document_id is not null then 'new_version' end as located_how,
        row_number() over (partition by c.correction_key order by c.corrected_at desc, c.correction_id desc)
            = 1 as is_latest_of_key
    from corrections as c
    left join current_sources as cs on cs.source_file = c.source_file
    qualify row_number() over (partition by c.correction_id order by cs.first_seen_at desc nulls last) = 1
),

matched as (
    select
        l.correction_id,
        s.statement_id,
        s.statement_class,
        case when s.quote = l.quote then 'same_quote' else 'overlapping_quote' end as quote_match
    from located as l
    inner join statements as s
        on s.document_id = l.located_document_id
        and s.value_raw = l.value_raw
        and (s.quote = l.quote
             or (s.document_id = l.document_id and s.char_start < l.char_end and l.char_start < s.char_end)
             or contains(s.quote, l.quote) or contains(l.quote, s.quote))
    where l.subject = 'statement'
    qualify row_number() over (
        partition by l.correction_id
        order by (s.quote = l.quote) desc,
                 (s.document_id = l.document_id and s.char_start = l.char_start) desc,
                 (s.indicator_text = l.indicator_text) desc,
                 abs(s.char_start - l.char_start),
                 s.statement_id
    ) = 1
)

select
    l.correction_id,
    l.correction_key,
    l.corrected_at,
    l.corrected_by,
    l.why,
    l.subject,
    l.field,
    l.before,
    l.after,
    l.after_label,
    l.document_id,
    l.source_file,
    l.quote,
    l.char_start,
    l.char_end,
    l.value_raw,
    l.indicator_text,
    l.statement_id as statement_id_then,
    l.origin,
    l.located_document_id as applied_document_id,
    l.located_how,
    m.statement_id as applied_statement_id,
    m.statement_class as applied_statement_class,
    m.quote_match,
    l.is_latest_of_key,
    case
        when l.located_document_id is null then 'orphaned'
        when l.subject = 'statement' and m.statement_id is null then 'orphaned'
        when not l.is_latest_of_key then 'superseded'
        else 'applied'
    end as status,
    case
        when l.document_id is null then 'its id (' || l.statement_id || ') is in no document ever read'
        when l.located_document_id is null then 'the document is in no current source file'
        when l.subject = 'statement' and m.statement_id is null
            then 'the quote is in no current version of the document'
    end as orphaned_reason
from located as l
left join matched as m on m.correction_id = l.correction_id
