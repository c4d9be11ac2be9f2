select
    source_file,
    document_id,
    cast(first_seen_at as timestamp) as first_seen_at
from {{ source('raw', 'current_sources') }}
