"""The ``clearinghouse`` console script: Django's manage.py for this project.

Every management command runs as ``clearinghouse COMMAND`` (``serve``, ``demo``,
``match``, ``mail``, ``reindex``, ``reembed`` ...).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["clearinghouse", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
