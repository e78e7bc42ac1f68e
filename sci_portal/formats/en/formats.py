"""English dates as the releases write them: 25 November 2022, June 2020, 2022."""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
# Not one of Django's format names: a date known only to its year.
YEAR_FORMAT = "Y"
