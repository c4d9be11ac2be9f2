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
        -- the labels of a whole year: plantrack.text.periods.FULL_YEAR_LABELS, given as the var full_year_labels
        or {{ period_label }} in ({% for label in var('full_year_labels') %}'{{ label }}'{{ ', ' if not loop.last }}{% endfor %})
    )
{%- endmacro %}

{#- The measure class two same-core texts must share (int_indicator_mapping.measure): a share or an
    intensity is another indicator than the amount it divides; level / growth / new / cumulative are
    one class, which the target kind and the actual's measure then sort out (stock vs new, …). -#}
{% macro measure_class(text_measure) -%}
    (case when {{ text_measure }} in ('share', 'intensity') then {{ text_measure }} else 'amount' end)
{%- endmacro %}

{#- A class of firms or projects by a money floor (10亿级企业, 年营业收入超10亿元企业, 投资超1亿元项目):
    the money amount in the indicator text. Null when the text names no such floor. -#}
{% macro size_class_floor(text) -%}
    nullif(regexp_extract(coalesce({{ text }}, ''), '[0-9]+(\.[0-9]+)?(亿|千万|万)', 0), '')
{%- endmacro %}

{#- What the floor measures (营业收入, 产值, 投资 …): the first measure word of the indicator text, else of
    the quote's clauses that hold the floor (a distributed prefix: 年营业收入超100亿级、50亿级、10亿元…企业).
    Null when the text names no floor or states no measure (培育10亿级企业20家). -#}
{% macro size_class_measure(text, quote) -%}
    (case when {{ size_class_floor(text) }} is not null then nullif(regexp_extract(
        coalesce({{ text }}, '') || '|' || array_to_string(list_filter(
            string_split_regex(coalesce({{ quote }}, ''), '[，。；;]'),
            lambda c: regexp_matches(c, '(^|[^0-9.])' || {{ size_class_floor(text) }})), '|'),
        '营业收入|主营业务收入|销售收入|营收|产值|增加值|税收|纳税|投资|资产', 0), '') end)
{%- endmacro %}

{#- Two size classes agree when neither text is one, or both state the same floor measure (or both
    leave it unstated). The floor amount itself is the catalog's or the core's business. -#}
{% macro size_class_agrees(t_text, t_quote, a_text, a_quote) -%}
    (({{ size_class_floor(t_text) }} is null and {{ size_class_floor(a_text) }} is null)
     or coalesce({{ size_class_measure(t_text, t_quote) }}, '-') = coalesce({{ size_class_measure(a_text, a_quote) }}, '-'))
{%- endmacro %}

{#- Rule stock_reading: a count target whose own clause says 累计…达到 N is a stock to reach, whatever
    the extractor's kind; 累计新建 / 累计培育 N without 达到 counts additions. The clause (between ，。；)
    must hold the target's own number, so a neighbouring "累计达到100户" does not turn "示范项目20个"
    into a stock. Works on any indicator: only the target's words decide. -#}
{% macro target_reads_as_stock(quote, value_raw) -%}
    (coalesce(len(list_filter(
        string_split_regex(coalesce({{ quote }}, ''), '[，,。；;\n]'),
        lambda c: regexp_matches(c, '累计.*达到(.*[^0-9.])?' || regexp_escape(coalesce({{ value_raw }}, chr(0))) || '([^0-9.]|$)')
    )), 0) > 0)
{%- endmacro %}

{#- Rule additions_since_base: the first year of a count stated "since" a start — a plan period
    ("十四五"以来 -> 2021; 十N五 starts in 1951 + 5N) or a year (2021年以来) — in the clause of the quote
    that names the indicator after 以来 (and does not say 达到: a stock reached), else the first year of a span of whole years (period_start in an
    earlier year than period_end). Null when the actual states no such start. -#}
{% macro since_clause(quote, indicator_text) -%}
    list_filter(string_split_regex(coalesce({{ quote }}, ''), '[，,。；;\n]'),
        lambda c: strpos(c, '以来') > 0 and strpos(c, coalesce({{ indicator_text }}, chr(0))) > strpos(c, '以来')
            -- …以来…达到 N states the stock reached, as 累计…达到 does for a target
            and strpos(c, '达到') = 0)[1]
{%- endmacro %}

{% macro since_start_year(quote, indicator_text, period_start, period_end) -%}
    coalesce(
        try_cast(nullif(regexp_extract({{ since_clause(quote, indicator_text) }}, '([0-9]{4})年以来', 1), '') as integer),
        1951 + 5 * (10 + nullif(position(nullif(regexp_extract({{ since_clause(quote, indicator_text) }},
            '十([一二三四五六七八九])五”?以来', 1), '') in '一二三四五六七八九'), 0)),
        case when year({{ period_start }}) < year({{ period_end }})
             and strftime({{ period_start }}, '%m-%d') = '01-01' then year({{ period_start }}) end
    )
{%- endmacro %}
