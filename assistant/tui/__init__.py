"""The chat: a Textual app (the only package that imports Textual).

Nothing is imported here, so `import assistant.tui.launch` stays cheap until the app
actually starts.
"""
