{#- Helpers of int_indicator_mapping. A regular expression whose pattern is a column is compiled again
    for every row (DuckDB: ~300 µs each, 100x a constant one), so in a real build the patterns of the
    seeds indicator_words and indicator_aliases are read at compile time and written into the SQL as
    constants. A dbt unit test gives its own seed rows, which exist only inside the query: there the
    same rules read the patterns from columns (slower, same results). -#}

{% macro sql_str(s) -%}
    '{{ (s if s is not none else '') | string | replace("'", "''") }}'
{%- endmacro %}

{#- True when the seeds can be read at compile time (a real build, not a unit test or a parse). -#}
{% macro indicator_patterns_inline() -%}
    {{ return(execute and model.resource_type == 'model') }}
{%- endmacro %}

{#- The seed's word rows, longest pattern first (the order the alternations try them). -#}
{% macro indicator_word_rows() -%}
    {% set res = run_query(
        "select part, position, pattern, coalesce(strip, true) as strip, coalesce(nullif(trim(measure), ''), '') as measure, "
        ~ "coalesce(replacement, '') as replacement from " ~ ref('indicator_words')
        ~ " order by length(pattern) desc, pattern"
    ) %}
    {{ return(res.rows) }}
{%- endmacro %}

{% macro indicator_regexp_alias_rows() -%}
    {% set res = run_query(
        "select pattern, coalesce(nullif(trim(indicator_id), ''), '') as indicator_id, priority, "
        ~ "coalesce(nullif(trim(measure), ''), '') as measure from " ~ ref('indicator_aliases')
        ~ " where match_type not in ('exact', 'like') order by pattern"
    ) %}
    {{ return(res.rows) }}
{%- endmacro %}

{#- one alternation of the patterns of `rows` that pass `keep`, as a SQL string literal -#}
{% macro alternation(rows, prefix, suffix) -%}
    {%- set parts = [] -%}
    {%- for r in rows -%}{%- do parts.append('(?:' ~ r['pattern'] ~ ')') -%}{%- endfor -%}
    {{ sql_str(prefix ~ (parts | join('|') if parts else '\\x00') ~ suffix) }}
{%- endmacro %}

{#- The traditional -> simplified table as two aligned strings (from, to). -#}
{% macro indicator_char_strings() -%}
    {% set res = run_query(
        "select coalesce(string_agg(traditional, '' order by traditional), '') as f, "
        ~ "coalesce(string_agg(simplified, '' order by traditional), '') as t from " ~ ref('indicator_chars')
        ~ " where length(traditional) = 1 and length(simplified) = 1"
    ) %}
    {{ return([res.rows[0]['f'], res.rows[0]['t']]) }}
{%- endmacro %}
