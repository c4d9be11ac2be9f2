select
    document_id,
    source_file,
    title,
    doc_type,
    region_code,
    issuer,
    issued_on,
    plan_start_year,
    plan_end_year,
    ingested_at,
    is_current
from {{ ref('int_documents') }}
