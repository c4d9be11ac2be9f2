{#- Labels of the coverage marts (mart_target_coverage, mart_release_wishlist, mart_nearest_actuals).
    The reasons themselves are the methodology's (macros/methodology/reasons.sql); here each reason
    code gets a short Chinese label for a chart legend and the kind of fix that would let the target
    be judged. A code the methodology adds later and this list lacks shows as its code, in group
    'other', so a new rule never makes a target vanish from the coverage panel. -#}

{% macro coverage_reasons() -%}
{{ return({
    'no_comparable_actual':      {'zh': '没有可比的实际值',               'fix': 'release'},
    'incompatible_measure':      {'zh': '口径不可比（产值/营收/增加值等）', 'fix': 'release'},
    'incompatible_unit':         {'zh': '单位不可比',                     'fix': 'release'},
    'partial_year_only':         {'zh': '只有部分年度数据',               'fix': 'release'},
    'no_actual_in_period':       {'zh': '期内没有实际值',                 'fix': 'release'},
    'actual_not_after_baseline': {'zh': '实际值不晚于基期',               'fix': 'release'},
    'no_baseline':               {'zh': '没有基期值',                     'fix': 'release'},
    'unmapped_indicator':        {'zh': '指标未纳入指标目录',             'fix': 'catalog'},
    'no_target_value':           {'zh': '目标没有数值',                   'fix': 'document'},
    'implausible_value':         {'zh': '数值不合理',                     'fix': 'document'},
    'no_base_year':              {'zh': '没有基期年份',                   'fix': 'document'},
    'no_target_year':            {'zh': '没有目标年份',                   'fix': 'document'},
    'no_expected_path':          {'zh': '目标年份不晚于基期，没有预期路径', 'fix': 'document'},
    'rejected_by_override':      {'zh': '已被分析人员否决',               'fix': 'none'},
}) }}
{%- endmacro %}

{#- What would let a target of this kind of gap be judged, with its Chinese label. -#}
{% macro coverage_fixes() -%}
{{ return({
    'release':  '缺少统计发布数据',
    'catalog':  '需补充指标目录',
    'document': '目标信息不全',
    'not_yet':  '尚未到评估期',
    'none':     '无需处理',
    'other':    '其他',
}) }}
{%- endmacro %}

{% macro reason_label_zh(code) -%}
    case {{ code }}
        {%- for c, r in coverage_reasons().items() %}
        when '{{ c }}' then '{{ r.zh }}'
        {%- endfor %}
        else {{ code }}
    end
{%- endmacro %}

{% macro reason_fix(code) -%}
    case {{ code }}
        {%- for c, r in coverage_reasons().items() %}
        when '{{ c }}' then '{{ r.fix }}'
        {%- endfor %}
        else 'other'
    end
{%- endmacro %}

{% macro fix_label_zh(fix) -%}
    case {{ fix }}
        {%- for f, zh in coverage_fixes().items() %}
        when '{{ f }}' then '{{ zh }}'
        {%- endfor %}
    end
{%- endmacro %}

{#- Chinese name of a release kind (dim_document.doc_type values of statistical releases). -#}
{% macro release_kind_zh(kind) -%}
    case {{ kind }}
        when 'bulletin' then '统计公报'
        when 'economic_report' then '经济运行情况'
        when 'execution_report' then '计划执行情况'
        when 'government_report' then '政府工作报告'
        when 'work_review' then '工作回眸'
        else {{ kind }}
    end
{%- endmacro %}
