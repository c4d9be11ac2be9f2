{#
  One test per model for its per-column rules: not null, unique, accepted values, a reference to
  another model. One query instead of one dbt node per column and rule (a node costs ~0.1 s whatever
  the table: 324 tests were most of a `dbt build` with nothing to do), and it returns the WHOLE
  failing rows with `failed_rules` saying which rules they break: the ids in them let
  orchestration/retry.py hold back the documents they come from (dbt's not_null returns only the
  null column, which names no document).

  not_null: [column, ...]
  unique: [column or expression, ...]   nulls are not duplicates (as dbt's unique test)
  accepted_values: {column: [value, ...]}   strings are quoted, numbers are not; null is accepted
  relationships: {column: {to: ref('m'), field: f}}   null is accepted (as dbt's relationships test)
#}
{% test columns_valid(model, not_null=[], unique=[], accepted_values={}, relationships={}) %}

{%- set rules = [] -%}
{%- for column in not_null -%}
  {%- do rules.append((column ~ " is null", column ~ " is null")) -%}
{%- endfor -%}
{%- for expression in unique -%}
  {%- do rules.append(("_duplicates_" ~ loop.index ~ " > 1", expression ~ " not unique")) -%}
{%- endfor -%}
{%- for column, values in accepted_values.items() -%}
  {%- set literals = [] -%}
  {%- for v in values -%}
    {%- do literals.append(v if v is number else "'" ~ (v | replace("'", "''")) ~ "'") -%}
  {%- endfor -%}
  {%- do rules.append((column ~ " is not null and " ~ column ~ " not in (" ~ literals | join(", ") ~ ")",
                       column ~ " not accepted")) -%}
{%- endfor -%}
{%- for column, ref_ in relationships.items() -%}
  {%- do rules.append((column ~ " is not null and " ~ column ~ " not in (select " ~ ref_.field ~ " from "
                       ~ ref_.to ~ " where " ~ ref_.field ~ " is not null)",
                       column ~ " not in " ~ ref_.to.identifier ~ "." ~ ref_.field)) -%}
{%- endfor -%}

with checked as (
    select *
    {%- for expression in unique %},
        case when ({{ expression }}) is not null
             then count(*) over (partition by ({{ expression }})) end as _duplicates_{{ loop.index }}
    {%- endfor %}
    from {{ model }}
)
select *
    {%- if unique %} exclude ({% for _ in unique %}_duplicates_{{ loop.index }}{{ ", " if not loop.last }}{% endfor %}){% endif %},
    concat_ws(', '
    {%- for condition, label in rules %}, case when {{ condition }} then '{{ label | replace("'", "''") }}' end{% endfor -%}
    ) as failed_rules
from checked
where false
{%- for condition, label in rules %}
   or ({{ condition }})
{%- endfor %}

{% endtest %}
