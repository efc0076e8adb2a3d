"""The knowledge base: schema (model), loader (load), validator (validate), cache, export.

Nothing is imported here on purpose, so `import assistant.kb.model` stays cheap; use
`from assistant.kb.load import load_kb`.
"""
