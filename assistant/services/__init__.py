"""Front-end services: what the command line and the chat both need, written once.

- `knowledge`: the layered knowledge base with the router's indexes primed (and, for the
  text front ends, its problems reported);
- `answering`: a question to a routed turn and its Markdown answer (and that as JSON), a
  lookup by any id form, a live check's report to an answer and the next dialogue state;
- `rendering`: answer Markdown for a terminal or a pipe.
- `chatcheck`: how long a check started from either chat may take (default and bound).

The front ends (`assistant.commands`, `assistant.tui`) call these; the services call the
domain packages (`kb`, `intent`, `answers`, `diagnostics`), importing them inside the
functions, so importing a service costs nothing on a fast path or before the first paint.
No Textual, no argparse, no printing except where a function takes the stream to write to.
"""
