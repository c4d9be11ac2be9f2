-- The progress measure, one row per target (docs/methodology.md). The CTEs follow the method:
--   0. targets          the target, its target year Y_T, base year Y_0 and direction dir
--   1. baseline_*       B: the plan's baseline, else the warehouse's stock at Y_0
--   2. evidence_*       A at year t: the latest comparable actual, summed, differenced or chained by kind
--   3. expected_path    E_t, the value the target should have reached by t
--   4. progress_ratio   R = dir (A - B) / |E_t - B|
--   5. status_rule      why a target cannot be judged (reason_code); then the status
-- Formulas:
--   E_t = B + (T - B)(t - Y_0)/(Y_T - Y_0)            shares, counts, indices (linear)
--   E_t = B (T/B)^((t - Y_0)/(Y_T - Y_0))              monetary levels 亿元/万元/元 (geometric)
-- level (count): A = the latest stock, or B + Σ new_in_period over (Y_0, t], t the last year before a gap (derived)
-- cumulative: A = a count since the plan began (“十四五”以来…), or Σ new_in_period over (Y_0, t], t the last
--   year before a gap (or stock_t - stock_Y0, derived), B = 0, E_t = T (t-Y_0)/(Y_T-Y_0)
-- change_vs_base: A = 100 (level_t / level_Y0 - 1) or 100 (∏(1 + g/100) - 1), B = 0, E_t = T (t-Y_0)/(Y_T-Y_0)
-- growth_rate / annual: judged on the latest year's own actual, B = 0, E_t = T; a part-year growth
--   rate (上半年, 1-7月) only when the year has no full-year value, and then is_provisional
-- Thresholds and labels: var progress_method (dbt_project.yml), through macros/methodology/.
{%- set as_of = as_of_date() %}
{{ config(
    materialized='incremental',
    unique_key='target_id',
    incremental_strategy='delete+insert',
    on_schema_change='sync_all_columns',
    pre_hook="{{ drop_stale_progress() }}"
) }}
-- Incremental by target: a target's row comes from its int_targets row, its pairs (fixed by its
-- region's fingerprint, int_target_actual_pairs) and the as-of date; input_fingerprint hashes the
-- three. The pre-hook drops rows whose inputs changed or whose target is gone; only targets left
-- without a row are judged again.

-- 0. the target ---------------------------------------------------------------------------------
with targets as (
    select
        t.*,
        coalesce(target_year, plan_end_year) as eff_target_year,
        -- no stated baseline year: the year before the plan starts, else before the document was
        -- issued (a fact older than the document cannot show its target met)
        coalesce(baseline_year, plan_start_year - 1, issue_year - 1) as base_year,
        case
            when direction = 'higher_better' then 1
            when direction = 'lower_better' then -1
            when target_kind in ('level', 'share') and value < baseline_value then -1
            when target_kind = 'change_vs_base' and value < 0 then -1
            else 1
        end as dir
    from {{ ref('int_targets') }} as t
    {% if is_incremental() %}
    -- after the pre-hook, a target with a row left is unchanged
    where t.target_id not in (select target_id from {{ this }})
    {% endif %}
),

candidate_pairs as (
    select p.*, t.base_year, t.eff_target_year
    from {{ ref('int_target_actual_pairs') }} as p
    inner join targets as t on t.target_id = p.target_id
),

comparable_pairs as (
    select * from candidate_pairs where comparable
),

-- stock vs new: the pairs a baseline can still turn into evidence (int_target_actual_pairs rule
-- stock_vs_new: same indicator, not a goal, but a stock against additions or the reverse)
stock_vs_new_pairs as (
    select * from candidate_pairs
    where issue_rule = 'stock_vs_new' and unit_factor is not null and is_full_year and period_year is not null
),

-- 1. baseline B ---------------------------------------------------------------------------------
-- a level / share target the plan gives no baseline: the warehouse's stock at Y_0 ...
baseline_at_base_year as (
    select target_id, actual_value as baseline_value,
           'baseline from the warehouse actual for ' || period_year as baseline_note,
           '基期值取自数据库中' || period_year || '年的实际值' as baseline_note_zh
    from comparable_pairs
    where target_kind in ('level', 'share') and period_year = base_year
    qualify row_number() over (partition by target_id order by (measure in ('level', 'share')) desc, actual_id) = 1
),

-- ... or the next year's stock minus that year's additions (累计22家, 新增5家 -> 17)
baseline_stock_minus_additions as (
    select
        c.target_id,
        c.actual_value - n.actual_value as baseline_value,
        'baseline derived from the warehouse: ' || c.period_year || ' stock ' || c.actual_value
            || ' minus ' || n.actual_value || ' added in ' || c.period_year as baseline_note,
        '基期值由数据库推算：' || c.period_year || '年存量' || c.actual_value
            || '减去当年新增' || n.actual_value as baseline_note_zh
    from comparable_pairs as c
    inner join stock_vs_new_pairs as n
        on n.target_id = c.target_id
        and n.period_year = c.period_year
        and n.measure = 'new_in_period'
    where c.target_kind = 'level'
      and c.measure in ('level', 'cumulative')
      and c.period_year = c.base_year + 1
    qualify row_number() over (partition by c.target_id order by (c.measure = 'cumulative') desc, c.actual_id, n.actual_id) = 1
),

baseline as (
    select
        t.target_id,
        case
            when t.target_kind not in ('level', 'share') then t.baseline_value
            else coalesce(t.baseline_value, bd.baseline_value, bv.baseline_value)
        end as baseline_value_used,
        case
            when t.baseline_value is not null then 'plan'
            when t.target_kind in ('level', 'share') and coalesce(bd.baseline_value, bv.baseline_value) is not null
                then 'warehouse_actual'
        end as baseline_source,
        case
            when t.baseline_value is null and t.target_kind in ('level', 'share')
                then coalesce(bd.baseline_note, bv.baseline_note)
        end as baseline_note,
        case
            when t.baseline_value is null and t.target_kind in ('level', 'share')
                then coalesce(bd.baseline_note_zh, bv.baseline_note_zh)
        end as baseline_note_zh
    from targets as t
    left join baseline_at_base_year as bd on bd.target_id = t.target_id
    left join baseline_stock_minus_additions as bv on bv.target_id = t.target_id
),

-- 2. evidence A at year t -----------------------------------------------------------------------
-- one actual per target and year (two texts can map to the same indicator); a full-year value
-- always wins over a part-year one of the same year, then the longest part (1-7月 over 上半年)
evidence_per_year as (
    select * from comparable_pairs
    qualify row_number() over (
        partition by target_id, measure, is_additions_since_base, period_year
        order by is_full_year desc, period_end desc nulls first, match_confidence desc, actual_value desc, actual_id
    ) = 1
),

-- Every evidence_* CTE gives the same columns: the actual (the latest one for sums and chains), A,
-- t, how A was built (evidence_note[_zh]), how sure the pair is the target's indicator
-- (match_method, match_confidence: the weakest pair behind A) and whether A is provisional.

-- level / share: the latest stock up to Y_T
evidence_latest_stock as (
    select target_id, actual_id, actual_value, period_year as actual_year, measure as actual_measure,
           actual_quote, actual_source_file, cast(null as varchar) as evidence_note,
           cast(null as varchar) as evidence_note_zh, match_method, match_confidence, false as is_provisional
    from evidence_per_year
    where target_kind in ('level', 'share')
      and (eff_target_year is null or period_year <= eff_target_year)
    qualify row_number() over (
        partition by target_id order by period_year desc, (measure in ('level', 'share')) desc, actual_id
    ) = 1
),

-- stock from additions (rule stock_vs_new, derived): a count target's stock at Y_0 plus the additions
-- of every year since, B + Σ new_in_period over (Y_0, t], summed up to the first missing year only
-- (rule additions_chain: a gap breaks the sum, the note names the missing year)
stock_additions_chain as (
    select
        *,
        period_year - base_year = row_number() over (partition by target_id order by period_year) as in_chain
    from (
        select * from stock_vs_new_pairs
        where target_kind = 'level' and measure = 'new_in_period' and not coalesce(is_additions_since_base, false)
          and period_year > base_year and (eff_target_year is null or period_year <= eff_target_year)
        qualify row_number() over (partition by target_id, period_year order by match_confidence desc, actual_value desc, actual_id) = 1
    )
),

evidence_stock_from_additions as (
    select
        n.target_id,
        arg_max(n.actual_id, n.period_year) as actual_id,
        any_value(bl.baseline_value_used) + sum(n.actual_value) as actual_value,
        max(n.period_year) as actual_year,
        'new_in_period' as actual_measure,
        arg_max(n.actual_quote, n.period_year) as actual_quote,
        arg_max(n.actual_source_file, n.period_year) as actual_source_file,
        'stock derived from the baseline: ' || any_value(bl.baseline_value_used) || ' in ' || any_value(n.base_year)
            || ' plus ' || sum(n.actual_value) || ' added in ' || min(n.period_year) || '–' || max(n.period_year)
            || case when any_value(g.missing_year) is not null
                then ' (' || any_value(g.missing_year) || ' not reported: later additions are left out)' else '' end
            as evidence_note,
        '存量由基期推算：' || any_value(n.base_year) || '年基期值' || any_value(bl.baseline_value_used)
            || '加上' || min(n.period_year) || '–' || max(n.period_year) || '年新增' || sum(n.actual_value)
            || case when any_value(g.missing_year) is not null
                then '（' || any_value(g.missing_year) || '年未报告，其后年份的新增量未计入）' else '' end
            as evidence_note_zh,
        arg_min(n.match_method, n.match_confidence) as match_method,
        min(n.match_confidence) as match_confidence,
        false as is_provisional
    from stock_additions_chain as n
    inner join baseline as bl on bl.target_id = n.target_id and bl.baseline_value_used is not null
    left join (
        select target_id, max(period_year) filter (where in_chain) + 1 as missing_year
        from stock_additions_chain group by target_id having bool_or(not in_chain)
    ) as g on g.target_id = n.target_id
    where n.in_chain
    group by n.target_id
),

-- growth_rate / annual: the latest year's own value after Y_0; within a year the full year wins,
-- and a part-year growth rate is shown as "so far this year", provisional
evidence_latest_year as (
    select target_id, actual_id, actual_value, period_year as actual_year, measure as actual_measure,
           actual_quote, actual_source_file,
           case when is_full_year then 'judged on ' || period_year || '''s own value'
                else 'so far this year (' || coalesce(period_label, 'part of ' || period_year) || '): provisional' end
               as evidence_note,
           case when is_full_year then '按' || period_year || '年当年数值评估'
                else '今年以来（' || coalesce(period_label, period_year || '年部分时期') || '）：初步' end
               as evidence_note_zh,
           match_method, match_confidence, not is_full_year as is_provisional
    from evidence_per_year
    where target_kind in ('growth_rate', 'annual')
      and (eff_target_year is null or period_year <= eff_target_year)
      and (base_year is null or period_year > base_year)
    qualify row_number() over (
        partition by target_id order by period_year desc, is_full_year desc, (measure = 'yoy_growth') desc, actual_id
    ) = 1
),

-- cumulative: the additions of each year since Y_0, summed while no year is missing (rule
-- additions_chain). A year's rank among the reported years equals its distance from Y_0 only up to
-- the first gap: the sum stops at the chain's complete end, and the note names the missing year.
additions_chain as (
    select
        *,
        period_year - base_year = row_number() over (partition by target_id order by period_year) as in_chain
    from evidence_per_year
    where target_kind = 'cumulative' and measure = 'new_in_period' and not coalesce(is_additions_since_base, false)
      and period_year > base_year and (eff_target_year is null or period_year <= eff_target_year)
),

evidence_sum_of_additions as (
    select
        target_id,
        arg_max(actual_id, period_year) filter (where in_chain) as actual_id,
        sum(actual_value) filter (where in_chain) as actual_value,
        max(period_year) filter (where in_chain) as actual_year,
        'new_in_period' as actual_measure,
        arg_max(actual_quote, period_year) filter (where in_chain) as actual_quote,
        arg_max(actual_source_file, period_year) filter (where in_chain) as actual_source_file,
        'sum of ' || count(*) filter (where in_chain) || ' year(s) of additions since ' || any_value(base_year)
            || case when bool_or(not in_chain)
                then ' (' || (max(period_year) filter (where in_chain) + 1)
                    || ' not reported: later additions are left out)'
                else '' end
            as evidence_note,
        any_value(base_year) || '年以来' || count(*) filter (where in_chain) || '个年度新增量之和'
            || case when bool_or(not in_chain)
                then '（' || (max(period_year) filter (where in_chain) + 1) || '年未报告，其后年份的新增量未计入）'
                else '' end
            as evidence_note_zh,
        arg_min(match_method, match_confidence) filter (where in_chain) as match_method,
        min(match_confidence) filter (where in_chain) as match_confidence,
        false as is_provisional
    from additions_chain
    group by target_id
    -- the year after Y_0 itself is missing: no complete chain at all
    having bool_or(in_chain)
),

-- ... or (rule additions_since_base) a count stated since the plan began (“十四五”以来累计新认定 N):
-- already the additions since Y_0, read as it is
evidence_additions_since_base as (
    select
        target_id, actual_id, actual_value, period_year as actual_year, measure as actual_measure,
        actual_quote, actual_source_file,
        'counted since ' || since_year || ': already the additions since ' || base_year
            || ', no stock at the base year needed' as evidence_note,
        since_year || '年以来的累计数即' || base_year || '年以来的新增量，无需基期存量' as evidence_note_zh,
        match_method, match_confidence, false as is_provisional
    from evidence_per_year
    where target_kind = 'cumulative' and is_additions_since_base
      and period_year > base_year and (eff_target_year is null or period_year <= eff_target_year)
    qualify row_number() over (partition by target_id order by period_year desc, match_confidence desc, actual_id) = 1
),

-- ... or (rule stock_vs_new, derived) the stock at t minus the stock at Y_0 (累计 or a level count)
--     (not when the additions since Y_0 are stated, above)
evidence_cumulative_difference as (
    select
        c.target_id, c.actual_id, c.actual_value - b.actual_value as actual_value, c.period_year as actual_year,
        c.measure as actual_measure, c.actual_quote, c.actual_source_file,
        'additions derived from the stock: ' || c.actual_value || ' in ' || c.period_year
            || ' minus ' || b.actual_value || ' in ' || b.period_year as evidence_note,
        '新增量由存量推算：' || c.period_year || '年存量' || c.actual_value || '减去'
            || b.period_year || '年存量' || b.actual_value as evidence_note_zh,
        case when 'same_core' in (c.match_method, b.match_method) then 'same_core' else 'catalog' end as match_method,
        least(c.match_confidence, b.match_confidence) as match_confidence,
        false as is_provisional
    from stock_vs_new_pairs as c
    inner join stock_vs_new_pairs as b
        on b.target_id = c.target_id and b.measure = c.measure and b.period_year = c.base_year
    where c.target_kind = 'cumulative' and c.measure in ('cumulative', 'level')
      -- a stated count of the additions (rule additions_since_base) beats an inference from two stocks:
      -- a stock also loses members (有效期内: certificates expire), so its difference is only a proxy
      and c.target_id not in (select target_id from evidence_additions_since_base)
      and c.period_year > c.base_year and (c.eff_target_year is null or c.period_year <= c.eff_target_year)
    qualify row_number() over (
        partition by c.target_id
        order by c.period_year desc, (c.measure = 'cumulative') desc, c.match_confidence desc, c.actual_id, b.actual_id
    ) = 1
),

-- change_vs_base: the level at t against the level at Y_0 ...
evidence_change_from_levels as (
    select
        l.target_id, l.actual_id, 100 * (l.actual_value_native / b.actual_value_native - 1) as actual_value,
        l.period_year as actual_year, 'level' as actual_measure, l.actual_quote, l.actual_source_file,
        'change of the level from ' || b.period_year || ' (' || b.actual_value_native || ') to '
            || l.period_year || ' (' || l.actual_value_native || ')' as evidence_note,
        b.period_year || '年（' || b.actual_value_native || '）至' || l.period_year || '年（'
            || l.actual_value_native || '）的变化' as evidence_note_zh,
        case when 'same_core' in (l.match_method, b.match_method) then 'same_core' else 'catalog' end as match_method,
        least(l.match_confidence, b.match_confidence) as match_confidence,
        false as is_provisional
    from evidence_per_year as l
    inner join evidence_per_year as b
        on b.target_id = l.target_id and b.measure = 'level' and b.period_year = l.base_year
        and b.actual_unit is not distinct from l.actual_unit and b.actual_value_native <> 0
    where l.target_kind = 'change_vs_base' and l.measure = 'level'
      and l.period_year > l.base_year and (l.eff_target_year is null or l.period_year <= l.eff_target_year)
    qualify row_number() over (partition by l.target_id order by l.period_year desc) = 1
),

-- ... or the yearly changes since Y_0 chained
evidence_chained_changes as (
    select
        target_id,
        arg_max(actual_id, period_year) as actual_id,
        100 * (exp(sum(ln(1 + actual_value / 100))) - 1) as actual_value,
        max(period_year) as actual_year,
        'yoy_growth' as actual_measure,
        arg_max(actual_quote, period_year) as actual_quote,
        arg_max(actual_source_file, period_year) as actual_source_file,
        'chained yearly changes ' || min(period_year) || '–' || max(period_year) as evidence_note,
        min(period_year) || '–' || max(period_year) || '年逐年变化连乘' as evidence_note_zh,
        arg_min(match_method, match_confidence) as match_method,
        min(match_confidence) as match_confidence,
        false as is_provisional
    from evidence_per_year
    where target_kind = 'change_vs_base' and measure = 'yoy_growth' and actual_value > -100
      and period_year > base_year and (eff_target_year is null or period_year <= eff_target_year)
    group by target_id
    -- a chain needs every year from Y_0 + 1 to t
    having count(*) = max(period_year) - any_value(base_year)
),

evidence as (
    select * from (
        select *, 1 as pref from evidence_cumulative_difference
        union all select *, 2 from evidence_sum_of_additions
        union all select *, 1 from evidence_additions_since_base
        union all select *, 1 from evidence_change_from_levels
        union all select *, 2 from evidence_chained_changes
        union all select *, 1 from evidence_latest_stock
        union all select *, 2 from evidence_stock_from_additions
        union all select *, 1 from evidence_latest_year
    )
    -- the most recent evidence; on a tie, the preferred method (a reading over a derivation)
    qualify row_number() over (partition by target_id order by actual_year desc, pref, actual_id) = 1
),

-- no evidence: the most telling reason among the target's pairs
evidence_missing_reason as (
    select target_id, issue_code, issue, issue_zh
    from candidate_pairs
    where not comparable
    qualify row_number() over (
        partition by target_id
        order by case issue_code when 'incompatible_measure' then 1 when 'incompatible_unit' then 2
                 when 'partial_year_only' then 3 else 4 end,
                 same_indicator desc, actual_id
    ) = 1
),

-- 3. expected path E_t --------------------------------------------------------------------------
with_evidence as (
    select
        t.*,
        bl.baseline_value_used,
        bl.baseline_source,
        bl.baseline_note,
        bl.baseline_note_zh,
        e.actual_id,
        e.actual_value,
        e.actual_year,
        e.actual_measure,
        e.actual_quote,
        e.actual_source_file,
        e.evidence_note,
        e.evidence_note_zh,
        e.match_method,
        e.match_confidence,
        coalesce(e.is_provisional, false) as is_provisional,
        -- an indicator not in the catalog met by its core: the reason says so (texts: reasons.sql)
        case when e.match_method = 'same_core' then (
            select any_value(p.target_indicator_core) from candidate_pairs as p
            where p.target_id = t.target_id and p.match_method = 'same_core'
        ) end as matched_core,
        m.issue_code,
        m.issue,
        m.issue_zh,
        exists (select 1 from comparable_pairs as u where u.target_id = t.target_id) as has_usable,
        exists (select 1 from candidate_pairs as u where u.target_id = t.target_id) as has_candidates,
        -- B in the formulas: flows (cumulative, changes, yearly rates) start from zero
        case when t.target_kind in ('level', 'share') then bl.baseline_value_used else 0 end as b,
        (e.actual_year - t.base_year) / nullif(t.eff_target_year - t.base_year, 0) as elapsed,
        {{ satisfies('e.actual_value', 't.comparator', 't.value', 't.value_high', 't.dir') }} as is_met
    from targets as t
    left join baseline as bl on bl.target_id = t.target_id
    left join evidence as e on e.target_id = t.target_id
    left join evidence_missing_reason as m on m.target_id = t.target_id
),

expected_path as (
    select
        *,
        case
            when actual_value is null or value is null then null
            when target_kind in ('growth_rate', 'annual') then value
            when elapsed is null or b is null then null
            when target_kind in ('cumulative', 'change_vs_base') then value * elapsed
            when {{ is_monetary('unit') }} and b > 0 and value > 0 then b * power(value / b, elapsed)
            else b + (value - b) * elapsed
        end as expected_value
    from with_evidence
),

-- 4. progress ratio R ---------------------------------------------------------------------------
ratio as (
    select
        *,
        case
            when expected_value is null or expected_value = b then null
            else dir * (actual_value - b) / abs(expected_value - b)
        end as progress_ratio
    from expected_path
),

-- 5. status -------------------------------------------------------------------------------------
-- the first rule that holds says why the target cannot be judged (texts: macros/methodology/reasons.sql)
status_rule as (
    select
        *,
        case
            when is_rejected then 'rejected_by_override'
            when value is null then 'no_target_value'
            when implausible_reason is not null then 'implausible_value'
            -- not in the catalog and no actual of the same place with the same indicator core
            when indicator_id is null and not has_candidates then 'unmapped_indicator'
            when actual_value is null and has_usable then 'no_actual_in_period'
            when actual_value is null then coalesce(issue_code, 'no_comparable_actual')
            -- a value from the base year itself (a plan's own baseline column) says nothing about progress
            when base_year is not null and actual_year <= base_year then 'actual_not_after_baseline'
            when is_met then null
            when eff_target_year is not null and year({{ as_of }}) > eff_target_year
                 and actual_year >= eff_target_year and not is_provisional then null
            when target_kind in ('level', 'share') and b is null then 'no_baseline'
            when target_kind not in ('growth_rate', 'annual') and base_year is null then 'no_base_year'
            when target_kind not in ('growth_rate', 'annual') and eff_target_year is null then 'no_target_year'
            -- e.g. a target year that is not after the base year: there is no path to be on
            when expected_value is null then 'no_expected_path'
        end as reason_code
    from ratio
)

select
    *,
    case
        when reason_code is not null then 'not_assessable'
        when is_met then 'achieved'
        -- missed needs evidence from the target year on; an older actual only shows the path so far
        -- (a part-year value is provisional: only the full year can miss)
        when eff_target_year is not null and year({{ as_of }}) > eff_target_year
             and actual_year >= eff_target_year and not is_provisional then 'missed'
        -- a flat path (target equal to the baseline): any move the wrong way is a step back
        when progress_ratio is null then
            case when dir * (actual_value - b) < 0 then '{{ progress_method()['flat_path']['moved_back'] }}'
                 else '{{ progress_method()['flat_path']['otherwise'] }}' end
        else {{ status_from_ratio('progress_ratio') }}
    end as status,
    case
        when actual_value is null or value is null then null
        else value - actual_value
    end as gap,
    case
        when actual_value is null or value is null or is_met or target_kind in ('growth_rate', 'annual') then null
        when eff_target_year > actual_year then (value - actual_value) / (eff_target_year - actual_year)
    end as required_annual_change,
    {{ as_of }} as as_of_date,
    f.input_fingerprint
from status_rule
inner join ({{ progress_input_fingerprints() }}) as f on f.target_id = status_rule.target_id
