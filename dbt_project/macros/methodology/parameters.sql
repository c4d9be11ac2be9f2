{#- The progress method's parameters and status labels. Their one definition is the var
    `progress_method` in dbt_project.yml (the GX suites read the same block); these macros turn it
    into SQL. docs/methodology.md explains each number. -#}

{#- The date every "to date" rule uses: var as_of_date ("current_date" or an ISO date). -#}
{% macro as_of_date() -%}
    {%- set v = var('as_of_date', 'current_date') -%}
    {%- if v is none or v | string | lower == 'current_date' -%}current_date{%- else -%}cast('{{ v }}' as date){%- endif -%}
{%- endmacro %}

{% macro progress_method() -%}
    {{ return(var('progress_method')) }}
{%- endmacro %}

{#- Does value `a` satisfy comparator `cmp` against target `t` (high end `t_high`)?
    '=' means "reach": at least T for higher_better, at most T for lower_better (`dir` is +1 / -1).
    '~' (左右) is met within ± approximately_within of T. -#}
{% macro satisfies(a, cmp, t, t_high, dir) -%}
    case
        when {{ a }} is null or {{ t }} is null then null
        when {{ cmp }} = '>=' then {{ a }} >= {{ t }}
        when {{ cmp }} = '>' then {{ a }} > {{ t }}
        when {{ cmp }} = '<=' then {{ a }} <= {{ t }}
        when {{ cmp }} = '<' then {{ a }} < {{ t }}
        when {{ cmp }} = '~' then abs({{ a }} - {{ t }}) <= {{ progress_method()['approximately_within'] }} * abs({{ t }})
        when {{ cmp }} = 'range' then {{ a }} between {{ t }} and coalesce({{ t_high }}, {{ t }})
        when {{ dir }} < 0 then {{ a }} <= {{ t }}
        else {{ a }} >= {{ t }}
    end
{%- endmacro %}

{#- The status a progress ratio falls in (ratio_bands, highest first; below them below_bands). -#}
{% macro status_from_ratio(ratio) -%}
    case
        {%- for band in progress_method()['ratio_bands'] %}
        when {{ ratio }} >= {{ band['from'] }} then '{{ band['status'] }}'
        {%- endfor %}
        else '{{ progress_method()['below_bands'] }}'
    end
{%- endmacro %}

{% macro status_zh(status) -%}
    case {{ status }}
        {%- for s in progress_method()['statuses'] %}
        when '{{ s['code'] }}' then '{{ s['zh'] }}'
        {%- endfor %}
    end
{%- endmacro %}

{#- Sort order of a status: its position in `statuses` (unknown codes last). -#}
{% macro status_rank(status) -%}
    {%- set statuses = progress_method()['statuses'] -%}
    case {{ status }}
        {%- for s in statuses[:-1] %}
        when '{{ s['code'] }}' then {{ loop.index }}
        {%- endfor %}
        else {{ statuses | length }}
    end
{%- endmacro %}

{#- Data test: every value of the column is one of the method's statuses, read as `field`
    ('code' or 'zh'), or, for field 'rank', a position in the list. -#}
{% test progress_status_values(model, column_name, field='code') %}
    {%- set statuses = progress_method()['statuses'] -%}
    {%- if field == 'rank' -%}
        {%- set allowed = range(1, statuses | length + 1) | list -%}
    {%- else -%}
        {%- set allowed = statuses | map(attribute=field) | list -%}
    {%- endif %}
    select {{ column_name }} as value
    from {{ model }}
    where {{ column_name }} is not null
      and {{ column_name }} not in (
        {%- for v in allowed -%}
        {% if field == 'rank' %}{{ v }}{% else %}'{{ v }}'{% endif %}{{ ', ' if not loop.last }}
        {%- endfor -%})
{% endtest %}
