select
    run_id,
    source_file,
    document_id,
    event,
    cast(logged_at as timestamp) as event_at
from {{ source('raw', 'ingestion_log') }}
