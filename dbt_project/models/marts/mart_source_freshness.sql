-- Which statistical releases are overdue. A release of a period (a year, a quarter …) is due
-- `lag_days` after the period ends, or on `due_month_day` of the following year for yearly ones.
-- The latest document of that type is taken to cover the last period that ended before it was
-- issued; the next period's release is due next. A region with no such document at all is
-- overdue since the most recent due date.
{%- set as_of = as_of_date() %}
with calendar as (
    select
        region_code as calendar_region,
        release_type,
        string_split(doc_types, '|') as doc_types,
        expected_every,
        -- ISO 8601 period in months: P1Y = 12, P3M = 3, P6M = 6, P1M = 1
        case
            when regexp_matches(expected_every, '^P\d+Y$') then 12 * cast(regexp_extract(expected_every, '\d+') as integer)
            when regexp_matches(expected_every, '^P\d+M$') then cast(regexp_extract(expected_every, '\d+') as integer)
        end as months,
        due_month_day,
        lag_days
    from {{ ref('release_calendar') }}
),

docs as (
    select * from {{ ref('int_documents') }} where is_current and region_code is not null
),

-- '*' rows apply to every region the warehouse holds documents for
regions as (
    select distinct region_code, region_name from docs
),

expected as (
    select r.region_code, r.region_name, c.*
    from calendar as c
    inner join regions as r on c.calendar_region = '*' or c.calendar_region = r.region_code
    qualify row_number() over (
        partition by r.region_code, c.release_type order by (c.calendar_region = '*')
    ) = 1
),

-- the period a release covers, from its own actual values when it has any (a 2023 review covers
-- 2023 whatever day it was issued or ingested)
covered as (
    select document_id, max(coalesce(period_end, make_date(period_year, 12, 31))) as covered_until
    from {{ ref('stg_raw__actuals') }}
    where period_year is not null
    group by document_id
),

last_docs as (
    select
        e.region_code,
        e.release_type,
        -- the issue date the document states: an undated one is not dated by its ingestion (a 2023
        -- review ingested today is not "last published today"); its period comes from covered_until
        max(d.issued_on) as last_document_on,
        max(c.covered_until) as covered_until
    from expected as e
    inner join docs as d on d.region_code = e.region_code and list_contains(e.doc_types, d.doc_type)
    left join covered as c on c.document_id = d.document_id
    group by e.region_code, e.release_type
),

-- month index (year * 12 + month - 1) of the end (exclusive) of the period to be released next
periods as (
    select
        e.*,
        l.last_document_on,
        case
            -- the period after the last one covered: its (exclusive) end month index
            when l.covered_until is not null then
                ceil((year(l.covered_until) * 12 + month(l.covered_until)) / e.months) * e.months + e.months
            when l.last_document_on is not null then
                (floor((year(l.last_document_on) * 12 + month(l.last_document_on) - 1) / e.months) + 1) * e.months
            -- nothing yet: the latest period that has ended by the as-of date
            else floor((year({{ as_of }}) * 12 + month({{ as_of }}) - 1) / e.months) * e.months
        end as next_end_idx
    from expected as e
    left join last_docs as l on l.region_code = e.region_code and l.release_type = e.release_type
),

due as (
    select
        *,
        make_date(cast(floor(next_end_idx / 12) as integer), cast(next_end_idx % 12 as integer) + 1, 1) as period_end_exclusive
    from periods
),

due_dates as (
    select
        *,
        case
            when due_month_day is not null and months = 12 then
                make_date(year(period_end_exclusive),
                          cast(split_part(due_month_day, '-', 1) as integer),
                          cast(split_part(due_month_day, '-', 2) as integer))
            else cast(period_end_exclusive - interval 1 day + to_days(cast(coalesce(lag_days, 0) as integer)) as date)
        end as next_due_on
    from due
)

select
    region_code,
    region_name,
    release_type,
    expected_every,
    last_document_on,
    next_due_on,
    next_due_on < {{ as_of }} as is_overdue,
    case when next_due_on < {{ as_of }} then cast({{ as_of }} - next_due_on as integer) else 0 end as days_overdue
from due_dates
