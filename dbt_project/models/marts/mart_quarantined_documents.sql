-- The latest quarantine of each file that is still failing: no later run read it successfully.
with latest as (
    select * from {{ ref('stg_raw__quarantine') }}
    qualify row_number() over (partition by source_file order by quarantined_at desc, run_id desc) = 1
),

recovered as (
    select source_file, max(event_at) as last_ok_at
    from {{ ref('stg_raw__ingestion_log') }}
    where event in ('added', 'changed', 'unchanged', 'removed')
    group by source_file
)

select l.source_file, l.document_id, l.error_code, l.reason, l.quarantined_at, l.run_id
from latest as l
left join recovered as r on r.source_file = l.source_file
where r.last_ok_at is null or r.last_ok_at < l.quarantined_at
