"""The `kmplan` commands, one module per command or group. Each parses its arguments,
calls the library, prints and sets the exit code; pipeline/cli.py puts them on the app."""
