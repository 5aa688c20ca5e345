"""The network's report: a period's figures compiled from the contact log and rendered.

periods.py     parse `2026`, `2026-T1`, `2026-01-01..2026-06-30`; the same period a year earlier
figures.py     SQL aggregation into typed figures (`Report`), and the activity list
layout.py      the report's sections once, for every document format
render_*.py    chat summary, DOCX, XLSX, HTML (with templates/), CSV, Markdown
charts.py      matplotlib bar charts (PNG for DOCX, inline SVG for HTML)
service.py     policy, labels, compile and render: shared by `/rapport` and `intbot report`
command.py     `/rapport` for the coordinator
demo.py        `intbot demo`: a generated network
"""
