-- The history of every correction an analyst made (plantrack correct, plantrack review import): who,
-- when, why, before → after, and what became of it now — applied to a value of a current document,
-- superseded by a later correction of the same value and field, or orphaned (its quote is in no current
-- version of the document: the correction is kept, never dropped, and listed here to be redone).
select
    c.correction_id,
    c.corrected_at,
    c.corrected_by,
    c.why,
    c.subject,
    c.field,
    c.before,
    c.after,
    c.after_label,
    coalesce(c.before, '∅') || ' → ' || coalesce(c.after_label, c.after, '∅') as change,
    c.status,
    case c.status when 'applied' then '已应用' when 'superseded' then '已被更新的更正取代' else '已失效（原文已不在）' end
        as status_zh,
    c.orphaned_reason,
    c.document_id,
    c.source_file,
    c.quote,
    c.char_start,
    c.char_end,
    c.value_raw,
    c.indicator_text,
    c.statement_id_then,
    c.applied_statement_id,
    c.applied_statement_class,
    c.applied_document_id,
    c.located_how,
    c.quote_match
from {{ ref('int_corrections') }} as c
order by c.corrected_at desc, c.correction_id
