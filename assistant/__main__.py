"""`python -m assistant` runs the same command line as `sapassist`."""

from assistant.cli import main

raise SystemExit(main())
