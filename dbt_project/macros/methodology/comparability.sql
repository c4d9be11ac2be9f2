{#- Comparability: which units convert into which, and which actuals cover a full year.
    Part of the progress method (docs/methodology.md). -#}

{#- Factor that converts a value in unit `from_unit` into `to_unit`; null when they are not
    comparable. Counting words (个/家/户…) are one unit: 绿色工厂 4家 and 4个 are the same count. -#}
{% macro unit_factor(from_unit, to_unit) -%}
    case
        when {{ from_unit }} is not distinct from {{ to_unit }} then 1.0
        when {{ from_unit }} in ('元', '万元', '亿元') and {{ to_unit }} in ('元', '万元', '亿元') then
            (case {{ from_unit }} when '元' then 1.0 when '万元' then 1e4 else 1e8 end)
            / (case {{ to_unit }} when '元' then 1.0 when '万元' then 1e4 else 1e8 end)
        when {{ from_unit }} in {{ count_units() }} and {{ to_unit }} in {{ count_units() }} then 1.0
        when {{ from_unit }} in ('%', '％', '个百分点') and {{ to_unit }} in ('%', '％', '个百分点') then 1.0
    end
{%- endmacro %}

{% macro count_units() -%}
    ('个', '家', '户', '件', '项', '座', '条', '台', '名', '人', '场', '所', '处', '批')
{%- endmacro %}

{% macro is_monetary(unit) -%}
    ({{ unit }} in ('元', '万元', '亿元'))
{%- endmacro %}

{#- Full-year actuals only: a quarter or 1-7月 is not comparable with a yearly target. A year-end stock
    (年末, period_start = period_end = 12-31) is the year's own reading; a five-year span (十三五期间) is not. -#}
{% macro is_full_year(period_label, period_start, period_end) -%}
    (
        ({{ period_label }} is null and ({{ period_start }} is null
            or (strftime({{ period_start }}, '%m-%d') = '01-01' and strftime({{ period_end }}, '%m-%d') = '12-31')))
        or {{ period_label }} in ('全年', '年度', '全年度', '年末', 'year', 'FY')
    )
{%- endmacro %}
