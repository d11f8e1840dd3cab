"""What the command line shows a person: text tables, the comparison for a terminal, query
rows as csv, jsonl or markdown, and workbooks styled for Excel; text from files and the
warehouse is escaped for the terminal (terminal.py). The warehouse hands over plain data;
this package formats it."""
