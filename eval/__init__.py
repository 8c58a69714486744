"""Quality measurements against the real gold data in ``../shared/data`` (see docs/quality.md).

Run everything with ``.venv/bin/python -m eval``; each stage is a module with ``measure()``.
"""
