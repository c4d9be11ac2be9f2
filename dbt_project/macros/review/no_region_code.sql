{#- A place without a GB/T 2260 code: none at all, or its own identity (uncoded:<name>, unlocated:<document>). -#}
{% macro no_region_code(col) -%}
    ({{ col }} is null or {{ col }} like 'uncoded:%' or {{ col }} like 'unlocated:%')
{%- endmacro %}
