# English for cities on every continent: "25 Nov 2026", never the US-only "11/25/2026" that
# Django's English defaults to. Other languages keep Django's own formats (25/11/2026,
# 25.11.2026).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
