# English for cities on every continent: "25 Nov 2026", never the US-only "11/25/2026" that
# Django's English defaults to. Other languages keep Django's own formats (25/11/2026,
# 25.11.2026).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
# Typed dates (the target date, the reference date) in one order, day first: "07/11/2026" is
# 7 November for every English reader. ISO is accepted too; the US month-first order never.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d %b %Y", "%d %B %Y"]
