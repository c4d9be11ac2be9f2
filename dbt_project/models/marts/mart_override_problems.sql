-- Analysts' override rows that were refused (never applied), with the file, line and reason: what to fix.
select file, line, statement_id, action, field, new_value, problem, checked_at
from {{ source('raw', 'override_problems') }}
