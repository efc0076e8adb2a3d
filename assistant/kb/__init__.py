"""The knowledge base: entries (model), the base (knowledge_base), loader (load), validator
(validate), cache, export.

Nothing is imported here on purpose, so `import assistant.kb.model` stays cheap; use
`from assistant.kb.load import load_kb`.
"""
