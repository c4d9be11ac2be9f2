{#- The two sides int_target_actual_pairs joins, as CTEs `targets` and `actuals`: every column a pair
    takes from a target or an actual is computed here, per row, never per pair (1.4 M pairs at 5,000
    documents). A region's pairs are a function of these rows alone, which is what makes the model
    incremental by region (pair_region_fingerprints). -#}
{% macro target_actual_pair_sides() -%}
targets as (
    select t.*, mp.indicator_core, mp.measure as text_measure,
        -- Y_0 as int_target_progress reads it (no stated base year: the year before the plan)
        coalesce(t.baseline_year, t.plan_start_year - 1, t.issue_year - 1) as base_year,
        {{ size_class_floor('t.indicator_text') }} as size_floor,
        {{ size_class_measure('t.indicator_text', 't.quote') }} as size_measure
    from {{ ref('int_targets') }} as t
    left join {{ ref('int_indicator_mapping') }} as mp on mp.indicator_text = t.indicator_text
    where not t.is_rejected and t.region_code is not null
),

-- the spans of every target: an actual on one of them with the target's own value is that goal
goal_spans as (
    select document_id, char_start, char_end, value, unit from {{ ref('int_targets') }}
),

actuals as (
    select a.*, mp.indicator_core, mp.measure as text_measure,
        {{ since_start_year('a.quote', 'a.indicator_text', 'a.period_start', 'a.period_end') }} as since_year,
        {{ size_class_floor('a.indicator_text') }} as size_floor,
        {{ size_class_measure('a.indicator_text', 'a.quote') }} as size_measure,
        exists (
            select 1 from goal_spans as g
            where g.document_id = a.document_id
              and g.char_start < a.char_end and a.char_start < g.char_end
              and g.value = a.value and g.unit is not distinct from a.unit
        ) as is_goal
    from {{ ref('int_actuals') }} as a
    left join {{ ref('int_indicator_mapping') }} as mp on mp.indicator_text = a.indicator_text
    where coalesce(a.override_action, '') <> 'reject' and a.value is not null
        and a.implausible_reason is null  -- flagged values never judge a target
        and a.is_preferred  -- one value per figure judges: the latest release's most confident
        and a.region_code is not null
)
{%- endmacro %}

{#- The method's parameters as one value: a run given other ones (--vars) must judge again. -#}
{% macro method_fingerprint() -%}
    {{ sql_str(tojson(progress_method())) }}
{%- endmacro %}

{#- One row per region with a side row: a hash of all of them (order-free) and of the method's
    parameters, the region's fingerprint. -#}
{% macro pair_region_fingerprints() -%}
    select region_code, hash(bit_xor(h), {{ method_fingerprint() }}) as fingerprint
    from (
        select region_code, hash('target', t) as h from targets as t
        union all
        select region_code, hash('actual', a) from actuals as a
    )
    group by region_code
{%- endmacro %}

{#- Pre-hook of int_target_actual_pairs (incremental runs only): drop the pairs of every region whose
    fingerprint is not today's, including regions that no longer have a side row. -#}
{% macro drop_stale_pair_regions() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where region_code || ':' || region_fingerprint not in (
        with {{ target_actual_pair_sides() }},
        fingerprints as ({{ pair_region_fingerprints() }})
        select region_code || ':' || fingerprint from fingerprints
    )
    {%- endif -%}
{%- endmacro %}

{#- int_target_progress's inputs per target: its int_targets row, its region's pair fingerprint (null
    when the region has no pairs), the as-of date and the method's parameters. -#}
{% macro progress_input_fingerprints() -%}
    select t.target_id, hash(t, f.region_fingerprint, {{ as_of_date() }}, {{ method_fingerprint() }}) as input_fingerprint
    from {{ ref('int_targets') }} as t
    left join (select distinct region_code, region_fingerprint from {{ ref('int_target_actual_pairs') }}) as f
        on f.region_code = t.region_code
{%- endmacro %}

{#- Pre-hook of int_target_progress (incremental runs only): drop the rows whose inputs changed. -#}
{% macro drop_stale_progress() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where target_id || ':' || input_fingerprint not in (
        select target_id || ':' || input_fingerprint from ({{ progress_input_fingerprints() }})
    )
    {%- endif -%}
{%- endmacro %}

{#- mart_nearest_actuals's inputs per target: its progress inputs (target row, own region's pairs and
    actuals, as-of date), its mart_target_progress row, and every actual row of its own region and of
    the regions it may borrow a value from (parent, sub-areas, siblings: a superset of the mart's
    related_region rule). -#}
{% macro nearest_input_fingerprints() -%}
    with region_parent as (
        select region_code, parent_code from {{ ref('int_regions') }}
        qualify row_number() over (partition by region_code order by (level is null), level) = 1
    ),
    actual_regions as (
        select a.region_code, any_value(rp.parent_code) as parent_code, bit_xor(hash(a)) as fingerprint
        from {{ ref('int_actuals') }} as a
        left join region_parent as rp on rp.region_code = a.region_code
        where a.region_code is not null
        group by a.region_code
    ),
    family as (
        select t.region_code, bit_xor(ar.fingerprint) as fingerprint
        from (select distinct region_code from {{ ref('int_target_progress') }} where region_code is not null) as t
        left join region_parent as tr on tr.region_code = t.region_code
        inner join actual_regions as ar
            on ar.region_code = t.region_code or ar.parent_code = t.region_code or ar.region_code = tr.parent_code or ar.parent_code = tr.parent_code
        group by t.region_code
    )
    select p.target_id, hash(p.input_fingerprint, m, f.fingerprint) as input_fingerprint
    from {{ ref('int_target_progress') }} as p
    left join {{ ref('mart_target_progress') }} as m on m.target_id = p.target_id
    left join family as f on f.region_code = p.region_code
{%- endmacro %}

{#- Pre-hook of mart_nearest_actuals (incremental runs only): drop the rows whose inputs changed. -#}
{% macro drop_stale_nearest() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where target_id || ':' || input_fingerprint not in (
        select target_id || ':' || input_fingerprint from ({{ nearest_input_fingerprints() }})
    )
    {%- endif -%}
{%- endmacro %}
