"""The years this project's files can mean: a date or period outside is a typo (2204, 1024) or an empty cell Excel
shows as 1900-01-00, and is quarantined. The one place to widen it: readers, models, reference files and the
platform load's SQL (as a parameter) all take it from here."""

PLAUSIBLE_YEARS = (2000, 2100)
