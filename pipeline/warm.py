"""Preloaded by the fork server of the local pool (see workers._worker_context).

The fork server imports modules by name only: importing this one loads, once, what every
worker forked from it needs to read a born-digital document (pdfplumber, pdfminer,
pypdfium2, PyThaiNLP's utilities, kmplan's extract and normalize), so a worker, and each
replacement after `tasks_per_worker` documents, starts with them loaded. What only some
documents need stays lazy: the OCR stack (a page without a usable text layer) and the
trie of PyThaiNLP's word dictionary (a much damaged text layer, normalize/thai_glyphs.py).
The dictionary's word list is loaded: most documents hold a cell its checks look at.
"""

from __future__ import annotations

import pipeline.work  # noqa: F401 - imported for its side effect: the modules loaded
from normalize.thai_glyphs import load_word_list

load_word_list()
