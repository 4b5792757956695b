"""Stage 3, resolve: turn the validated plan into what one reader sees.

`text` picks the written standard and words timings and deadlines; `dates`
puts timings on the calendar of a school year.
"""
