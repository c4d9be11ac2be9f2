"""The vocabulary of Chinese text, in one place, for the document reader, the extractor and the evaluator.

A ground-floor package: it imports nothing else of plantrack. Modules:

- `page`: the field names a government web page prints about itself (the 政府信息公开目录 keys of a
  metadata bar, the <meta name=…> of the national guideline for government websites / GB/T 42147-2022).
"""
