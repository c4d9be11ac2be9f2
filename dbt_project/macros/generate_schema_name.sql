{#- Models land in exactly the schema they are configured for (staging, intermediate, marts, seeds),
    not "<target schema>_<custom>": analysts, GX suites and the publish step use those names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
