"""`python -m assistant` runs the same command line as `sapassist`.

Unlike the installed `sapassist` script, `python3 -m assistant` also starts from a fresh
clone with an interpreter that has none of the dependencies; it then says how to get them
instead of failing with a traceback inside the first command that imports one."""

import sys
from importlib.util import find_spec

# pyproject.toml's [project] dependencies: distribution name -> the module it installs.
DEPENDENCIES = {
    "textual": "textual",
    "rapidfuzz": "rapidfuzz",
    "pyyaml": "yaml",
    "cryptography": "cryptography",
    "markdown-it-py": "markdown_it",
}


def missing_dependencies() -> list[str]:
    """The distributions whose module this interpreter cannot find (nothing is imported)."""
    return [name for name, module in DEPENDENCIES.items() if find_spec(module) is None]


def main() -> int:
    missing = missing_dependencies()
    if missing:
        print(
            f"sapassist: this Python ({sys.executable}) lacks {', '.join(missing)}. "
            "Run `make run` in the project directory (it builds .venv with python3 and opens "
            "the chat), then use .venv/bin/sapassist or .venv/bin/python -m assistant; "
            "or install the project into this Python with `pip install .`.",
            file=sys.stderr,
        )
        return 2
    from assistant.cli import main as cli_main

    return cli_main()


raise SystemExit(main())
