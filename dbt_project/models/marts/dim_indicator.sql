select indicator_id, name_zh, name_en, theme, unit, direction, measure_family, subject, share_of, source
from {{ ref('indicators') }}
