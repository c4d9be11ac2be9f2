{#- The date every "to date" rule uses: var as_of_date ("current_date" or an ISO date). -#}
{% macro as_of_date() -%}
    {%- set v = var('as_of_date', 'current_date') -%}
    {%- if v is none or v | string | lower == 'current_date' -%}current_date{%- else -%}cast('{{ v }}' as date){%- endif -%}
{%- endmacro %}

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

{#- Does value `a` satisfy comparator `cmp` against target `t` (high end `t_high`)?
    '=' means "reach": at least T for higher_better, at most T for lower_better (`dir` is +1 / -1).
    '~' (左右) is met within ±2.5 % of T. -#}
{% macro satisfies(a, cmp, t, t_high, dir) -%}
    case
        when {{ a }} is null or {{ t }} is null then null
        when {{ cmp }} = '>=' then {{ a }} >= {{ t }}
        when {{ cmp }} = '>' then {{ a }} > {{ t }}
        when {{ cmp }} = '<=' then {{ a }} <= {{ t }}
        when {{ cmp }} = '<' then {{ a }} < {{ t }}
        when {{ cmp }} = '~' then abs({{ a }} - {{ t }}) <= 0.025 * abs({{ t }})
        when {{ cmp }} = 'range' then {{ a }} between {{ t }} and coalesce({{ t_high }}, {{ t }})
        when {{ dir }} < 0 then {{ a }} <= {{ t }}
        else {{ a }} >= {{ t }}
    end
{%- endmacro %}

{% macro status_zh(status) -%}
    case {{ status }}
        when 'achieved' then '已达成'
        when 'on_track' then '进度正常'
        when 'needs_acceleration' then '需加快'
        when 'limited_progress' then '进展有限'
        when 'deteriorating' then '出现倒退'
        when 'missed' then '未达成'
        when 'not_assessable' then '无法评估'
    end
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
