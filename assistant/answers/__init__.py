"""Answers: Markdown builders (no markdown-it) and renderers (markdown-it, imported lazily)."""
