"""Great Expectations suites that gate publication: one module per layer, a runner, one severity file.

`expectations.runner.run_quality_checks` is what the pipeline calls between steps;
`expectations/severity.yml` is the one place that says which checks block publication.
"""
