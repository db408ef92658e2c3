"""The commands: ``asn_from_list`` (argparse, jwst's flags) and ``asnkit`` (typer)."""
