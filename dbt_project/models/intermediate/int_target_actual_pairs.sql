-- Each target beside every actual of its region that could speak to it, and whether it may.
-- Step 1 of the progress method (docs/methodology.md, "Comparable pairs"). Two ways to meet:
--   catalog    the actual maps to the target's catalog indicator, or to another indicator of the
--              same subject (规上工业 产值 vs 营业收入: kept so the gap is explained, never comparable);
--   same_core  either text is not in the catalog, but both have the same indicator core and measure
--              class once scope / period / verb / measure words are peeled off (int_indicator_mapping):
--              compared with a lower match_confidence and a reason that says so.
-- `comparable` says whether the pair can judge the target; otherwise `issue_code` (coarse, as the
-- marts report it), `issue_rule` (the named rule that failed) and `issue` / `issue_zh` say why.
-- Rules, first failing wins (each is one CASE arm below, named by issue_rule):
--   other_indicator  another catalog indicator of the same subject (产值 ≠ 营业收入 ≠ 增加值)
--   goal_as_actual   the actual is the target's own number read twice (same document, overlapping
--                    quote, same value): a goal never serves as evidence
--   estimate_other_year  a 预计 estimate of the reviewed period against a target of another year
--   size_class       a class of firms by a money floor (10亿级企业 / 年营业收入超10亿元企业): only when
--                    both state the same floor measure (营业收入, 产值, … or both unstated)
--   stock_vs_new     a stock (累计…达到, a level count) against a new-in-period target, or additions
--                    against a stock target: only through a baseline (int_target_progress derives it)
--   other_measure    the actual's measure cannot speak to the target's kind (growth vs level, …)
--   unit             the units do not convert
--   part_year_level  a part-year value (1-6月, 前三季度) of anything but a growth rate
--   no_period_year   the actual has no period year
-- A part-year growth rate against a growth target is comparable but provisional ("so far this year").
{%- set m = progress_method() %}
{{ config(
    materialized='incremental',
    unique_key='region_code',
    incremental_strategy='delete+insert',
    on_schema_change='sync_all_columns',
    pre_hook="{{ drop_stale_pair_regions() }}"
) }}
-- Incremental by region: a pair's columns come only from its target's and its actual's rows (the
-- sides below), both of one region. Each row keeps its region's fingerprint (a hash of every side
-- row of the region); the pre-hook drops the regions whose fingerprint changed or that are gone, and
-- only the regions left without rows are paired again. A change anywhere in a region (a document
-- added, re-read or removed, a correction, the catalog) so re-pairs exactly that region.
with {{ target_actual_pair_sides() }},

fingerprints as (
    {{ pair_region_fingerprints() }}
),

-- the targets to pair: after the pre-hook, a region with rows left is unchanged
targets_to_pair as (
    select * from targets
    {% if is_incremental() %}
    where region_code not in (select distinct region_code from {{ this }})
    {% endif %}
),

joined as (
    select
        t.target_id,
        t.region_code,
        t.target_kind,
        t.unit as target_unit,
        t.indicator_id as target_indicator_id,
        t.measure_family as target_measure_family,
        t.indicator_text as target_indicator_text,
        t.quote as target_quote,
        t.indicator_core as target_indicator_core,
        t.target_year,
        a.actual_id,
        a.indicator_id as actual_indicator_id,
        a.indicator_text as actual_indicator_text,
        a.measure_family as actual_measure_family,
        case
            when a.indicator_id = t.indicator_id or (a.subject = t.subject and a.indicator_id <> t.indicator_id)
                then 'catalog'
            else 'same_core'
        end as match_method,
        coalesce(a.indicator_id = t.indicator_id
            or (not (a.indicator_id is not null and t.indicator_id is not null)
                and a.indicator_core = t.indicator_core), false) as same_indicator,
        a.measure,
        a.since_year,
        t.base_year as target_base_year,
        a.period_year,
        a.period_label,
        a.period_end,
        a.is_estimate,
        a.is_full_year,
        a.value as actual_value_native,
        a.unit as actual_unit,
        a.quote as actual_quote,
        a.source_file as actual_source_file,
        -- which measures can speak to which kind of target directly
        case t.target_kind
            -- a cumulative count is a level; a cumulative percentage is a change over years, not a level
            when 'level' then a.measure = 'level'
                or (a.measure = 'cumulative' and coalesce(a.unit, '') not in ('%', '％'))
            when 'share' then a.measure in ('share', 'level')
            when 'growth_rate' then a.measure in ('yoy_growth', 'avg_growth')
            when 'annual' then (t.unit in ('%', '％') and a.measure = 'yoy_growth')
                or (coalesce(t.unit, '') not in ('%', '％') and a.measure = 'new_in_period')
            -- a stock (累计) speaks to additions only through the stock at the base year (stock_vs_new);
            -- a count since the plan began (“十四五”以来累计… N) already is the additions since Y_0
            when 'cumulative' then a.measure = 'new_in_period' or coalesce(a.since_year = t.base_year + 1, false)
            when 'change_vs_base' then a.measure in ('level', 'yoy_growth')
            else false
        end as measure_fits,
        -- stock vs new: a count target of additions (新建/新增 over the plan, or each year) against a
        -- stock, or a stock target against additions
        -- (rule additions_since_base: a count since Y_0 + 1 is additions, never a stock)
        coalesce(t.unit, '') not in ('%', '％') and (
            ((t.target_kind in ('cumulative', 'annual') or (t.target_kind = 'level' and t.text_measure = 'new_in_period'))
                and a.measure in ('level', 'cumulative')
                and not (t.target_kind <> 'annual' and coalesce(a.since_year = t.base_year + 1, false)))
            or (t.target_kind = 'level' and coalesce(t.text_measure, '') <> 'new_in_period'
                and (a.measure = 'new_in_period' or coalesce(a.since_year = t.base_year + 1, false)))
        ) as is_stock_vs_new,
        -- rule additions_since_base: “十四五”以来 / 2021年以来 … N, counted from the year after Y_0, is the
        -- number added since Y_0: it judges an additions target directly (no stock at Y_0 needed)
        coalesce(a.since_year = t.base_year + 1 and coalesce(a.unit, '') not in ('%', '％')
            and a.measure in ('cumulative', 'new_in_period', 'level'), false) as is_additions_since_base,
        -- a part-year growth rate can say how a growth target is doing so far this year: a part of
        -- one calendar year, whose end is known (a span over years, 十三五期间, is no year at all)
        a.measure = 'yoy_growth' and t.target_kind in ('growth_rate', 'annual')
            and (a.is_full_year or (year(a.period_end) = a.period_year
                                    and (a.period_start is null or year(a.period_start) = a.period_year)))
            as growth_so_far,
        (t.size_floor is null and a.size_floor is null)
            or coalesce(t.size_measure, '-') = coalesce(a.size_measure, '-') as size_class_agrees,
        a.is_goal as is_goal,
        -- a change against the base year is a ratio of two levels: their own unit does not matter
        case
            when t.target_kind = 'change_vs_base' and a.measure = 'level' then 1.0
            else {{ unit_factor('a.unit', 't.unit') }}
        end as unit_factor
    from targets_to_pair as t
    inner join actuals as a
        on a.region_code = t.region_code
        and (
            a.indicator_id = t.indicator_id
            or (a.subject = t.subject and a.indicator_id <> t.indicator_id)
            -- same_core: not both in the catalog (else the catalog decides), same core, same measure class
            or (not (a.indicator_id is not null and t.indicator_id is not null)
                and a.indicator_core = t.indicator_core
                and {{ measure_class('a.text_measure') }} = {{ measure_class('t.text_measure') }})
        )
),

ruled as (
    select
        *,
        case
            when not same_indicator then 'other_indicator'
            when is_goal then 'goal_as_actual'
            -- a 预计 value estimates the period it reviews: it never judges a goal of another year
            when is_estimate and period_year is distinct from target_year then 'estimate_other_year'
            when not size_class_agrees then 'size_class'
            when is_stock_vs_new then 'stock_vs_new'
            when not measure_fits then 'other_measure'
            when unit_factor is null then 'unit'
            -- a count since the plan began spans whole years: not a part of one
            when not is_full_year and not growth_so_far and not is_additions_since_base then 'part_year_level'
            when period_year is null then 'no_period_year'
        end as issue_rule
    from joined
)

select
    ruled.*,
    actual_value_native * unit_factor as actual_value,
    issue_rule is null as comparable,
    -- "so far this year": a part-year growth rate judges a growth target only provisionally
    issue_rule is null and not is_full_year and not is_additions_since_base as is_provisional,
    cast(case match_method
        when 'catalog' then {{ m['match_confidence']['catalog'] }}
        else {{ m['match_confidence']['same_core'] }}
    end as double) as match_confidence,
    case
        when issue_rule is null then null
        when issue_rule = 'unit' then 'incompatible_unit'
        when issue_rule = 'part_year_level' then 'partial_year_only'
        when issue_rule in ('no_period_year', 'estimate_other_year') then 'no_comparable_actual'
        else 'incompatible_measure'
    end as issue_code,
    case issue_rule
        when 'other_indicator' then
            '“' || actual_indicator_text || '” (' || coalesce(actual_measure_family, actual_indicator_id)
            || ') is a different measure from the target''s (' || coalesce(target_measure_family, target_indicator_id) || ')'
        when 'goal_as_actual' then
            'the value ' || actual_value_native || ' is the target itself (its quote states a goal), not an actual'
        when 'size_class' then
            'the size class of “' || actual_indicator_text || '” is not defined by the same measure as the target''s ('
            || coalesce({{ size_class_measure('actual_indicator_text', 'actual_quote') }}, 'measure unstated') || ' vs '
            || coalesce({{ size_class_measure('target_indicator_text', 'target_quote') }}, 'measure unstated') || ')'
        when 'stock_vs_new' then
            case when measure = 'new_in_period'
                then 'the warehouse has only additions (' || measure || '), which cannot judge a stock target without the stock at the base year'
                else 'the warehouse has only a stock (' || measure || '), which cannot judge a target of additions ('
                    || target_kind || ') without the stock at the base year'
            end
        when 'other_measure' then
            'the warehouse only has this indicator as ' || measure || ', which cannot judge a ' || target_kind || ' target'
        when 'unit' then
            'the actual is in ' || coalesce(actual_unit, 'no unit') || ', the target in ' || coalesce(target_unit, 'no unit')
        when 'part_year_level' then
            'only part-year values (' || coalesce(period_label, 'partial period') || ') are available'
        when 'no_period_year' then 'the actual has no period year'
        when 'estimate_other_year' then
            'the actual is an estimate (预计) of ' || coalesce(cast(period_year as varchar), 'an unknown year')
            || ', not of the target''s year ' || coalesce(cast(target_year as varchar), '(unknown)')
    end as issue,
    -- the same reasons in Chinese, branch for branch
    case issue_rule
        when 'other_indicator' then
            '“' || actual_indicator_text || '”（' || coalesce(actual_measure_family, actual_indicator_id)
            || '）与目标（' || coalesce(target_measure_family, target_indicator_id) || '）统计口径不同'
        when 'goal_as_actual' then
            '数值' || actual_value_native || '是目标本身（原文为目标表述），不是实际值'
        when 'size_class' then
            '“' || actual_indicator_text || '”的规模分档口径与目标不同（'
            || coalesce({{ size_class_measure('actual_indicator_text', 'actual_quote') }}, '未注明口径') || '与'
            || coalesce({{ size_class_measure('target_indicator_text', 'target_quote') }}, '未注明口径') || '）'
        when 'stock_vs_new' then
            case when measure = 'new_in_period'
                then '数据库中只有当期新增数，缺少基期存量，无法评估存量目标'
                else '数据库中只有存量（' || {{ measure_zh('measure') }} || '），缺少基期存量，无法评估' || {{ target_kind_zh('target_kind') }} || '新增目标'
            end
        when 'other_measure' then
            '数据库中该指标只有' || {{ measure_zh('measure') }} || '数值，无法评估' || {{ target_kind_zh('target_kind') }} || '目标'
        when 'unit' then
            '实际值单位为' || coalesce(actual_unit, '无单位') || '，目标单位为' || coalesce(target_unit, '无单位')
        when 'part_year_level' then
            '只有非全年数据（' || coalesce(period_label, '部分时期') || '）'
        when 'no_period_year' then '实际值没有所属年份'
        when 'estimate_other_year' then
            '实际值是' || coalesce(cast(period_year as varchar), '未知年份') || '年的预计数，不是目标年份'
            || coalesce(cast(target_year as varchar), '') || '年的数值'
    end as issue_zh,
    f.fingerprint as region_fingerprint
from ruled
inner join fingerprints as f on f.region_code = ruled.region_code
