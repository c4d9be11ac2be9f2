select indicator_id, name_zh, name_en, theme, unit, direction, measure_family
from {{ ref('indicators') }}
