select
    run_id,
    source_file,
    document_id,
    error_code,
    reason,
    cast(quarantined_at as timestamp) as quarantined_at
from {{ source('raw', 'quarantine') }}
