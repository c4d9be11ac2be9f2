{#- Rewrite a table in the order its charts read it, so DuckDB's per-row-group min/max skip what a filter
    or a top-N cannot match. A model's own `order by` ran out of DuckDB's 4 GB at national scale (the sort
    held its wide rows beside the joins' hash tables); sorting the finished table fits. Only when more than
    `unordered_share` of the rows break the order: an incremental run appends a few rows, and re-sorting
    5.7 M rows each night for them would cost a minute. -#}
{% macro store_in_order(columns, unordered_share=0.05) -%}
    {%- if execute -%}
        {%- set first = columns[0] -%}
        {%- set counts = run_query(
            "select count(*), count(*) filter (where " ~ first ~ " < before) from (select " ~ first
            ~ ", lag(" ~ first ~ ") over (order by rowid) as before from " ~ this ~ ")").rows[0] -%}
        {%- if counts[1] > counts[0] * unordered_share -%}
            create or replace table {{ this }} as select * from {{ this }} order by {{ columns | join(', ') }}
        {%- else -%}
            select 1
        {%- endif -%}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
