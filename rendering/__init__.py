"""Drawing and writing documents: SVG charts, PDF rendering and spreadsheet cells.

Shared by the pages (assessments, dashboards) and the downloads (reports), so it sits below
all of them and imports only the maturity model's scoring types.
"""
