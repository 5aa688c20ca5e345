"""The network's report: a period's figures compiled from the contact log and rendered.

periods.py     parse `2026`, `2026-T1`, `2026-01-01..2026-06-30`; the same period a year earlier
figures.py     SQL aggregation into typed figures (`Report`), and the activity list
extras.py      figures of the sections a municipality's front matter turns on (options.py)
blocks.py      the pieces a layout is made of (tables, sections, cells)
columns.py     column expressions and folds the queries share
layout.py      the report's sections once, for every document format (layout_extras.py:
               per committee, across departments, tertials, trend, register)
exportsafe.py  exports are data, never code: CSV/XLSX formula text, Markdown quoting
export_rows.py the activity list for CSV and XLSX, streamed from a cursor in one thread
render_*.py    chat summary, DOCX, XLSX, HTML (with templates/), CSV, Markdown
charts.py      matplotlib bar charts (PNG for DOCX, inline SVG for HTML)
service.py     policy, labels, compile and render: shared by `/rapport` and `intbot report`
command.py     `/rapport` for the coordinator
demo.py        `intbot demo`: a generated network
"""
