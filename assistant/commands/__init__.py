"""One module per subcommand, each exposing `run(args, parser) -> int`."""
