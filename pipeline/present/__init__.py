"""What the command line shows a person: text tables, the comparison for a terminal, and
workbooks styled for Excel. The warehouse hands over plain data; this package formats it."""
