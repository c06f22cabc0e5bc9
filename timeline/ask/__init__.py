"""`timeline ask`: a question read into the same query the commands run.

`when` reads the time phrase with the project's temporal normaliser, `names` finds the names
with the gazetteer's alias index, `reader` turns what is left into an intent (a `Reading`),
and `answer` runs that reading with the service functions behind `contacts`, `events`,
`leaders` and `sanctions`. Nothing here prints; the CLI does.
"""
