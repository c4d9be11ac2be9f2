select * from {{ ref('int_target_conflicts') }}
