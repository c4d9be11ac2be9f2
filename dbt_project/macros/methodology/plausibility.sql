{#- Implausible values: flagged (implausible_reason), named with their document, never judging a
    target. Thresholds: var `plausibility` in dbt_project.yml (docs/methodology.md, "Implausible values").
    `is_change`: a SQL boolean, true for growth rates and changes (which may be negative or above 100 %).
    The relative rule (orders of magnitude beyond the indicator's other values) needs the whole table:
    `implausible_by_magnitude` is a window expression over the model's rows. -#}
{% macro implausible_reason(value, unit, is_change) -%}
    {%- set p = var('plausibility') -%}
    case
        when {{ value }} is null then null
        when {{ unit }} in ('%', '％') and not ({{ is_change }}) and ({{ value }} > 100 or {{ value }} < 0)
            then 'a share of ' || {{ value }} || ' %: a share lies within 0–100 %'
        when {{ unit }} in ('%', '％') and ({{ is_change }}) and {{ value }} > {{ p.max_change_percent }}
            then 'a change of +' || {{ value }} || ' %: more than ' || {{ p.max_change_percent }} || ' % is taken for a misreading'
        when {{ unit }} in ('%', '％') and ({{ is_change }}) and {{ value }} < -100
            then 'a change of ' || {{ value }} || ' %: nothing falls by more than 100 %'
        when {{ unit }} not in ('%', '％') and not ({{ is_change }}) and {{ value }} < 0
             and {{ unit }} not in ({% for u in p.signed_units %}'{{ u }}'{% if not loop.last %}, {% endif %}{% endfor %})
            then 'a negative level (' || {{ value }} || coalesce(' ' || {{ unit }}, '') || '): a count or quantity cannot be below 0'
        {%- for u, cap in p.max_level.items() %}
        when {{ unit }} = '{{ u }}' and abs({{ value }}) > {{ cap }}
            then 'a level of ' || {{ value }} || ' {{ u }}: beyond {{ cap }} {{ u }}, more than any economy produces'
        {%- endfor %}
    end
{%- endmacro %}

{#- Orders of magnitude beyond the other values of the same indicator and unit (at least
    `min_peers` values): a window expression; `the window `w` partitions by indicator and unit. -#}
{% macro implausible_by_magnitude(value, unit) -%}
    {%- set p = var('plausibility') -%}
    case
        when {{ value }} is null or {{ value }} = 0 then null
        when count({{ value }}) over w >= {{ p.min_peers }}
             and median(abs({{ value }})) over w > 0
             and abs({{ value }}) > {{ p.max_ratio_to_median }} * median(abs({{ value }})) over w
            then 'a level of ' || {{ value }} || coalesce(' ' || {{ unit }}, '') || ': more than '
                 || {{ p.max_ratio_to_median }} || ' times the median of the indicator''s other values ('
                 || median(abs({{ value }})) over w || ')'
    end
{%- endmacro %}
