"""The departments' own door (issue 19): clerks, the bureau and customs send their files here and get the nightly
job's verdict at once; operators see every department's state. A Django site of its own process, on top of every
other layer: nothing imports it. It reads the published warehouse read-only and writes only its own SQLite database
and accepted files into the landing zone."""
