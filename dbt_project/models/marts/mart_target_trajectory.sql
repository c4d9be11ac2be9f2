-- Year by year from the base year to the target year: the straight target path, the expected
-- path the progress measure uses (geometric for money), and the comparable actual of that year
-- (running sum for cumulative targets, change from the base year for change_vs_base targets).
-- Each row carries its target's label columns from mart_target_progress (the detail dashboard
-- filters on target_label and region_name without a join); rows are written by target_label and
-- year, so a filter on one target reads one row group (DuckDB zonemaps).
with p as (
    select * from {{ ref('int_target_progress') }}
    where base_year is not null and eff_target_year > base_year and value is not null
      and (b is not null or target_kind not in ('level', 'share'))
),

years as (
    select p.*, cast(y.generate_series as integer) as year,
           (y.generate_series - base_year) / (eff_target_year - base_year) as f
    from p, generate_series(p.base_year, p.eff_target_year) as y
),

pairs as (
    select * from {{ ref('int_target_actual_pairs') }} where comparable
),

stock as (
    select target_id, period_year, arg_max(actual_value, case measure when 'level' then 2 when 'share' then 2 else 1 end) as v
    from pairs where target_kind in ('level', 'share', 'growth_rate', 'annual')
    group by target_id, period_year
),

additions as (
    select target_id, period_year, max(actual_value) as v
    from pairs where target_kind = 'cumulative' and measure = 'new_in_period'
    group by target_id, period_year
),

levels as (
    select target_id, period_year, max(actual_value_native) as v
    from pairs where target_kind = 'change_vs_base' and measure = 'level'
    group by target_id, period_year
)

select
    y.target_id,
    y.year,
    case
        when y.target_kind in ('growth_rate', 'annual') then y.value
        else y.b + (y.value - y.b) * y.f
    end as target_path_value,
    case
        when y.target_kind in ('growth_rate', 'annual') then y.value
        when y.target_kind in ('cumulative', 'change_vs_base') then y.value * y.f
        when {{ is_monetary('y.unit') }} and y.b > 0 and y.value > 0 then y.b * power(y.value / y.b, y.f)
        else y.b + (y.value - y.b) * y.f
    end as expected_value,
    case
        when y.target_kind in ('level', 'share', 'growth_rate', 'annual') then s.v
        when y.target_kind = 'cumulative' and y.year = y.base_year then 0
        when y.target_kind = 'cumulative' and a.v is not null then (
            select sum(a2.v) from additions as a2
            where a2.target_id = y.target_id and a2.period_year > y.base_year and a2.period_year <= y.year
        )
        when y.target_kind = 'change_vs_base' and l.v is not null and l0.v <> 0 then 100 * (l.v / l0.v - 1)
    end as actual_value,
    y.unit,
    m.target_label,
    m.region_name,
    m.indicator_text,
    m.plan_title,
    m.target_year
from years as y
inner join {{ ref('mart_target_progress') }} as m on m.target_id = y.target_id
left join stock as s on s.target_id = y.target_id and s.period_year = y.year
left join additions as a on a.target_id = y.target_id and a.period_year = y.year
left join levels as l on l.target_id = y.target_id and l.period_year = y.year
left join levels as l0 on l0.target_id = y.target_id and l0.period_year = y.base_year
order by m.target_label, y.target_id, y.year
