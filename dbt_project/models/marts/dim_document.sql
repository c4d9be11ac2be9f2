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
    period_year,
    period_label,
    doc_number,
    metadata_sources,
    metadata_confidence,
    ingested_at,
    is_current
from {{ ref('int_documents') }}
