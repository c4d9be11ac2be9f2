select region_code, name_zh, level, parent_code
from {{ ref('int_regions') }}
