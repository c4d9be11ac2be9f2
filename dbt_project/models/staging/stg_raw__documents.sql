-- Rename and cast only. The document text stays in raw (GX reads it there); marts never need it.
select
    document_id,
    source_file,
    format,
    encoding,
    cast(size_bytes as bigint) as size_bytes,
    title,
    doc_type,
    issuer,
    region_name,
    region_code,
    cast(issued_on as date) as issued_on,
    cast(plan_start_year as integer) as plan_start_year,
    cast(plan_end_year as integer) as plan_end_year,
    metadata_reasons,
    metadata_overridden,
    length(text) as text_chars,
    extractor_version,
    cast(ingested_at as timestamp) as ingested_at
from {{ source('raw', 'documents') }}
