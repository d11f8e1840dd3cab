"""The scripts that build the sample PDFs in samples/ and their truth files.

Run them as modules from the repository root, e.g.
``.venv/bin/python -m samples.build.build_samples``; samples/README.md says what each
sample exercises and how to rebuild it.
"""
