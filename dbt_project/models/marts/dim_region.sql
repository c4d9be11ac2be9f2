select region_code, name_zh, level, parent_code, code_note
from {{ ref('int_regions') }}
