"""``python -m clearinghouse.forums.mailparse parse FILE|-``: print the parsed mail as JSON."""

from clearinghouse.forums.mailparse.cli import mailparse_cli

raise SystemExit(mailparse_cli())
