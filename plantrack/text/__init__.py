"""The vocabulary of Chinese text, in one place, for the document reader, the extractor and the evaluator.

A ground-floor package: it imports nothing else of plantrack. Modules:

- `width`: full-width / half-width digits and number punctuation;
- `numerals`: Chinese numerals and magnitudes (万, 亿, 万亿), written-out years (二〇二三);
- `script`: traditional -> simplified (OpenCC t2s, length kept) and pinyin glosses stripped;
- `periods`: period words (一季度, 上半年, 1-7月), the labels of a whole year, five-year plan names;
- `bullets`: the marks before items (● ◆ ■ …);
- `synonyms`: the indicator synonyms the warehouse reads (dbt's seed `indicator_words.csv`);
- `page`: the field names a government web page prints about itself (the 政府信息公开目录 keys of a
  metadata bar, the <meta name=…> of the national guideline for government websites / GB/T 42147-2022).
"""
