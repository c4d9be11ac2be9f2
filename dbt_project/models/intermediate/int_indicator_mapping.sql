-- Every distinct indicator text the extractor produced, split into its parts and mapped to the
-- catalog on the indicator alone.
--
-- "初步核算2021年我区(不含万盛经开区)实现地区生产总值" carries a period, a scope, a note and a verb around
-- the indicator; "全年规上工业增加值平均增长" a period and a measure. The words of each part come from
-- the seed indicator_words (analysts edit it, no list lives here): notes are cut, synonyms rewritten
-- (规上 -> 规模以上), then the run of period / scope / verb / measure words at the start and the run of
-- measure / verb words at the end are peeled off. What is left is indicator_core, the only thing
-- matched. Shares (占…比重) and intensities (单位…) keep their words in the core: the base is part of
-- the indicator. The measure (level / growth / share / intensity / new_in_period / cumulative) is
-- a column of its own, and an alias may require one (规上工业产值 + growth -> the growth indicator).
--
-- Matching: the catalog's own names (split the same way) and the alias patterns are candidates; a
-- candidate that requires the text's measure beats one that does not, then the higher priority,
-- then the longer pattern. An alias with an empty indicator_id deliberately leaves a text unmapped.
--
-- Speed: the seeds' patterns are written into the SQL at compile time (macros/indicator_split.sql);
-- a pattern read from a column is compiled again for each row, 100x slower.
--
-- Incremental: matching every text against every regexp is the costliest step of the build, and a
-- refresh usually brings a handful of new texts. Each row stores the fingerprint of the catalog
-- (aliases, words and indicator names) it was mapped with; when any of them changed, every text is
-- mapped again, so an edit never leaves stale mappings behind.
{{ config(
    materialized='incremental',
    unique_key='indicator_text',
    incremental_strategy='delete+insert',
    on_schema_change='sync_all_columns'
) }}

{%- set inline = indicator_patterns_inline() -%}
{%- set notes, synonyms, peel, heads, tails, kept, ralias = [], [], [], [], [], [], [] -%}
{%- if inline -%}
    {%- for w in indicator_word_rows() -%}
        {%- set row = {'part': w['part'], 'position': w['position'], 'pattern': w['pattern'], 'strip': w['strip'],
                       'measure': w['measure'], 'replacement': w['replacement']} -%}
        {%- if row.part == 'note' -%}{%- do notes.append(row) -%}
        {%- elif row.part == 'synonym' -%}{%- do synonyms.append(row) -%}
        {%- elif row.part == 'measure' and not row.strip -%}{%- do kept.append(row) -%}
        {%- elif row.position in ('start', 'end') -%}
            {%- do peel.append(row) -%}
            {%- if row.position == 'start' -%}{%- do heads.append(row) -%}
            {%- elif row.part in ('verb', 'measure') -%}{%- do tails.append(row) -%}{%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set ralias = indicator_regexp_alias_rows() -%}
    {%- set tchars = indicator_char_strings() -%}
{%- endif -%}

with aliases as (
    select
        pattern,
        match_type,
        nullif(trim(indicator_id), '') as indicator_id,
        priority,
        nullif(trim(measure), '') as measure
    from {{ ref('indicator_aliases') }}
),

words as (
    select
        part,
        position,
        pattern,
        coalesce(strip, true) as strip,
        nullif(trim(measure), '') as measure,
        coalesce(replacement, '') as replacement
    from {{ ref('indicator_words') }}
),

names as (
    select indicator_id, name_zh from {{ ref('indicators') }}
),

-- OpenCC's traditional -> simplified characters (seed indicator_chars): 數據 reads as 数据
chars as (
    select
        coalesce(string_agg(traditional, '' order by traditional), '') as from_chars,
        coalesce(string_agg(simplified, '' order by traditional), '') as to_chars
    from {{ ref('indicator_chars') }}
    where length(traditional) = 1 and length(simplified) = 1
),

catalog as (
    select md5(concat_ws(chr(10),
        (select string_agg(concat_ws('|', pattern, match_type, indicator_id, priority, measure), chr(10)
            order by pattern, match_type, indicator_id, priority, measure) from aliases),
        (select string_agg(concat_ws('|', part, position, pattern, strip, measure, replacement), chr(10)
            order by part, position, pattern) from words),
        (select string_agg(concat_ws('|', indicator_id, name_zh), chr(10) order by indicator_id) from names),
        (select from_chars || to_chars from chars),
        ''
    )) as mapping_fingerprint
),

-- the seed's words as the few regular expressions the split needs (one row; read from columns only
-- when the patterns could not be written into the SQL, i.e. in a unit test)
rules as (
    select
        coalesce(string_agg('(?:' || pattern || ')', '|' order by length(pattern) desc, pattern)
            filter (where part = 'note'), '\x00') as notes_re,
        coalesce(list({'p': pattern, 'r': replacement} order by length(pattern) desc, pattern)
            filter (where part = 'synonym'), []) as synonyms,
        '^(?:' || coalesce(string_agg('(?:' || pattern || ')', '|' order by length(pattern) desc, pattern)
            filter (where position = 'start' and strip and part in ('period', 'scope', 'verb', 'measure')), '\x00')
            || ')+' as head_re,
        '(?:' || coalesce(string_agg('(?:' || pattern || ')', '|' order by length(pattern) desc, pattern)
            filter (where position = 'end' and strip and part in ('verb', 'measure')), '\x00')
            || ')+$' as tail_re,
        coalesce(list({'part': part, 'p': pattern, 'm': measure} order by length(pattern) desc, pattern)
            filter (where position in ('start', 'end') and strip and part in ('period', 'scope', 'verb', 'measure')), [])
            as peel_rules,
        coalesce(list({'p': pattern, 'm': measure} order by length(pattern) desc, pattern)
            filter (where part = 'measure' and not strip), []) as kept_measures
    from words
),

all_texts as (
    select distinct indicator_text from {{ ref('stg_raw__targets') }}
    union
    select distinct indicator_text from {{ ref('stg_raw__actuals') }}
),

texts as (
    select t.indicator_text
    from all_texts as t
    where t.indicator_text is not null
    {% if is_incremental() %}
        and (
            (select max(mapping_fingerprint) from {{ this }})
                is distinct from (select mapping_fingerprint from catalog)
            or t.indicator_text not in (select indicator_text from {{ this }})
        )
    {% endif %}
),

-- the texts to map and the catalog's own names go through the same split
to_split as (
    select 'text' as kind, indicator_text as raw_text, null::varchar as indicator_id from texts
    union all
    select 'name', name_zh, indicator_id from names
),

-- traditional characters read as simplified, full-width brackets as half-width (one note pattern
-- fits both); spaces and clause punctuation (，：；) carry no identity. 、 stays: it joins two
-- indicators (智能工厂、数字化车间).
normalised as (
    select
        s.*,
        translate(
            regexp_replace(
                {% if inline -%}
                -- translate() with a 3,700-character table costs ~0.7 ms a row: only texts that hold a
                -- traditional character go through it
                case when regexp_matches(s.raw_text, {{ sql_str('[' ~ tchars[0] ~ ']') if tchars[0] else "'\\x00'" }})
                    then translate(s.raw_text, {{ sql_str(tchars[0]) }}, {{ sql_str(tchars[1]) }})
                    else s.raw_text end,
                {%- else -%}
                translate(s.raw_text, c.from_chars, c.to_chars),
                {%- endif %}
                '[\s，,：:；;。]+', '', 'g'
            ),
            '（）［］', '()()'
        ) as t0
    from to_split as s
    cross join chars as c
),

noted as (
    select
        n.*,
        regexp_extract_all(n.t0, {{ alternation(notes, '', '') if inline else 'r.notes_re' }}) as note_words,
        regexp_replace(n.t0, {{ alternation(notes, '', '') if inline else 'r.notes_re' }}, '', 'g') as t_noted
    from normalised as n
    cross join rules as r
),

synonymised as (
    select
        n.*,
        {% if inline -%}
            {%- set ns = namespace(expr='n.t_noted') -%}
            {%- for w in synonyms -%}
                {%- set ns.expr = 'regexp_replace(' ~ ns.expr ~ ', ' ~ sql_str(w.pattern) ~ ', ' ~ sql_str(w.replacement) ~ ", 'g')" -%}
            {%- endfor -%}
            {{ ns.expr }}
        {%- else -%}
            list_reduce(r.synonyms, lambda acc, s: regexp_replace(acc, s.p, s.r, 'g'), n.t_noted)
        {%- endif %} as t1
    from noted as n
    cross join rules as r
),

peeled as (
    select
        n.*,
        regexp_extract(n.t1, {{ alternation(heads, '^(?:', ')+') if inline else 'r.head_re' }}) as head
    from synonymised as n
    cross join rules as r
),

tailed as (
    select
        p.*,
        regexp_extract(substr(p.t1, length(p.head) + 1), {{ alternation(tails, '(?:', ')+$') if inline else 'r.tail_re' }}) as tail
    from peeled as p
    cross join rules as r
),

split as (
    select
        t.kind,
        t.raw_text,
        t.indicator_id as name_indicator_id,
        nullif(left(substr(t.t1, length(t.head) + 1), length(t.t1) - length(t.head) - length(t.tail)), '')
            as indicator_core,
        t.note_words,
        -- each peeled word with its part, found in the head (start rules) or the tail (end rules)
        {% if inline -%}
        flatten([
            {%- for w in peel %}
            list_transform(regexp_extract_all(t.head || '|' || t.tail, {{ sql_str(w.pattern) }}),
                lambda x: {'part': {{ sql_str(w.part) }}, 'word': x, 'm': {{ sql_str(w.measure) }}}){{ ',' if not loop.last }}
            {%- endfor %}
        ]) as peeled_words,
        {%- else -%}
        flatten(list_transform(r.peel_rules, lambda w: list_transform(
            regexp_extract_all(t.head || '|' || t.tail, w.p), lambda x: {'part': w.part, 'word': x, 'm': coalesce(w.m, '')}
        ))) as peeled_words,
        {%- endif %}
        -- the share / intensity words the indicator itself carries (kept in the core)
        {% if inline -%}
        [
            {%- for w in kept %}
            {'m': {{ sql_str(w.measure) }}, 'words': regexp_extract_all(coalesce(left(substr(t.t1, length(t.head) + 1), length(t.t1) - length(t.head) - length(t.tail)), ''), {{ sql_str(w.pattern) }})}{{ ',' if not loop.last }}
            {%- endfor %}
        ]::struct(m varchar, words varchar[])[] as kept_found
        {%- else -%}
        list_transform(r.kept_measures, lambda k: {'m': k.m, 'words': regexp_extract_all(coalesce(left(substr(t.t1, length(t.head) + 1), length(t.t1) - length(t.head) - length(t.tail)), ''), k.p)})
            as kept_found
        {%- endif %}
    from tailed as t
    cross join rules as r
),

parts as (
    select
        s.kind,
        s.raw_text,
        s.name_indicator_id,
        s.indicator_core,
        list_distinct(list_transform(list_filter(s.peeled_words, lambda w: w.part = 'scope'), lambda w: w.word))
            as scope_words,
        list_distinct(list_transform(list_filter(s.peeled_words, lambda w: w.part = 'period'), lambda w: w.word))
            as period_words,
        list_distinct(list_transform(list_filter(s.peeled_words, lambda w: w.part = 'verb'), lambda w: w.word))
            as verb_words,
        list_distinct(list_transform(list_filter(s.peeled_words, lambda w: w.part = 'measure'), lambda w: w.word)
            || flatten(list_transform(s.kept_found, lambda k: k.words))) as measure_words,
        s.note_words,
        -- one measure per text: a growth word wins, then a stock or new-in-period word at the start,
        -- then a share or intensity the indicator itself states; otherwise a level
        coalesce(
            case when list_contains(list_transform(list_filter(s.peeled_words, lambda w: w.part = 'measure'), lambda w: w.m), 'growth') then 'growth' end,
            case when list_contains(list_transform(list_filter(s.peeled_words, lambda w: w.part = 'measure'), lambda w: w.m), 'cumulative') then 'cumulative' end,
            case when list_contains(list_transform(list_filter(s.peeled_words, lambda w: w.part = 'measure'), lambda w: w.m), 'new_in_period') then 'new_in_period' end,
            list_transform(list_filter(s.kept_found, lambda k: len(k.words) > 0), lambda k: k.m)[1],
            'level'
        ) as measure,
        nullif(regexp_extract(coalesce(s.indicator_core, ''), '占(.+?)的?(?:比重|比例|份额)$', 1), '') as share_of
    from split as s
),

text_parts as (
    select * from parts where kind = 'text'
),

-- a catalog name requires the measure its own words state (规上工业产值增速 -> growth)
name_candidates as (
    select
        name_indicator_id as indicator_id,
        indicator_core,
        case when measure in ('growth', 'new_in_period', 'cumulative') then measure end as measure
    from parts
    where kind = 'name' and indicator_core is not null
),

candidates as (
    select
        t.raw_text as indicator_text,
        n.indicator_id,
        'name' as match_method,
        n.indicator_core as pattern,
        100 as priority,
        n.measure as required_measure
    from text_parts as t
    inner join name_candidates as n
        on n.indicator_core = t.indicator_core
        and (n.measure is null or n.measure = t.measure)
    union all
    select
        t.raw_text,
        a.indicator_id,
        'alias_' || a.match_type,
        a.pattern,
        a.priority,
        a.measure
    from text_parts as t
    inner join aliases as a
        on (a.measure is null or a.measure = t.measure)
        and case
            when a.match_type = 'like' then t.indicator_core like a.pattern
            when a.match_type = 'exact' then t.indicator_core = a.pattern
            {% if inline -%}
            else false  -- regexp aliases: below, with their patterns as constants
            {%- else -%}
            else regexp_matches(t.indicator_core, a.pattern)
            {%- endif %}
        end
    {% if inline and ralias | length > 0 %}
    union all
    select
        h.indicator_text,
        h.a.i,
        'alias_regexp',
        h.a.p,
        h.a.prio,
        h.a.m
    from (
        select
            t.raw_text as indicator_text,
            unnest(list_filter([
                {%- for a in ralias %}
                {'i': {{ sql_str(a['indicator_id']) }}, 'p': {{ sql_str(a['pattern']) }}, 'prio': {{ a['priority'] | int }},
                 'm': {{ sql_str(a['measure']) }}, 'hit': regexp_matches(t.indicator_core, {{ sql_str(a['pattern']) }})}{{ ',' if not loop.last }}
                {%- endfor %}
            ], lambda x: x.hit)) as a,
            t.measure
        from text_parts as t
        where t.indicator_core is not null
    ) as h
    where h.a.m = '' or h.a.m = h.measure
    {% endif %}
),

best as (
    select
        indicator_text,
        nullif(indicator_id, '') as indicator_id,
        match_method,
        pattern,
        priority,
        nullif(required_measure, '') as required_measure
    from candidates
    qualify row_number() over (
        partition by indicator_text
        order by (nullif(required_measure, '') is not null) desc, priority desc, length(pattern) desc, pattern,
            indicator_id
    ) = 1
)

select
    t.raw_text as indicator_text,
    b.indicator_id,
    b.pattern as matched_pattern,
    b.priority as matched_priority,
    coalesce(b.match_method, 'unmapped') as match_method,
    case
        when b.match_method is null and t.indicator_core is null
            then 'nothing is left of the text once its context words are peeled off'
        when b.match_method is null then 'no catalog name or alias matches the indicator "' || t.indicator_core || '"'
        when b.indicator_id is null then 'an alias deliberately leaves "' || t.indicator_core || '" unmapped'
        when b.match_method = 'name' then 'the indicator "' || t.indicator_core || '" is the catalog name'
        else 'the indicator "' || t.indicator_core || '" matches alias ' || b.pattern
            || coalesce(' for measure ' || b.required_measure, '')
    end as match_reason,
    t.indicator_core,
    t.measure,
    t.share_of,
    nullif(array_to_string(t.scope_words, ' '), '') as scope_words,
    nullif(array_to_string(t.period_words, ' '), '') as period_words,
    nullif(array_to_string(t.verb_words, ' '), '') as verb_words,
    nullif(array_to_string(t.measure_words, ' '), '') as measure_words,
    nullif(array_to_string(t.note_words, ' '), '') as note_words,
    c.mapping_fingerprint
from text_parts as t
cross join catalog as c
left join best as b on b.indicator_text = t.raw_text
