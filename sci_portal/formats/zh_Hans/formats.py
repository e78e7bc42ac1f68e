"""Chinese dates: Django's own (2022年11月25日, 2020年6月), and a year-only format."""

# Not one of Django's format names: a date known only to its year.
YEAR_FORMAT = "Y年"
