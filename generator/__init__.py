"""An explainer-site generator: curated claim records in YAML → pages for Material for MkDocs.

The data flows one way, one module per stage:
`load` (YAML with positions) → `validate` (records, every problem at once) → `catalog` (indexes and
derived facts) → `pages` (Markdown from Jinja2 templates). `pipeline` runs them in order; `plugin`
hands the pages to MkDocs; `cli` and `export` serve the command line.
"""
