"""The `ppid` console command: Django's management commands under one name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ppid.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "ppid"
    # `ppid user add` / `ppid token create` read better than `ppid user_add`.
    if len(argv) >= 3 and f"{argv[1]}_{argv[2]}" in {"user_add", "token_create"}:
        argv[1:3] = [f"{argv[1]}_{argv[2]}"]
    if len(argv) >= 3 and argv[1] == "audit" and argv[2] in {"verify", "export"}:
        argv[1:3] = [f"audit_{argv[2]}"]
    if len(argv) >= 3 and argv[1] == "archive" and argv[2] == "verify":
        argv[1:3] = ["archive_verify"]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
