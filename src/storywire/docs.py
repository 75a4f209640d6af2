"""Documentation generated from the code, so that it cannot drift (docs/cli.md)."""

from __future__ import annotations

import click


def cli_reference() -> str:
    """Markdown reference of every command with its --help text."""
    from storywire.cli import main

    lines = ["# CLI reference", "",
             "Generated from the code by `make docs`; a test fails when it is stale.", ""]
    layout = {"terminal_width": 100, "max_content_width": 100,
              "help_option_names": ["-h", "--help"]}  # as main's context_settings say
    root = click.Context(main, info_name="storywire", **layout)
    lines += ["## storywire", "", "```", main.get_help(root), "```", ""]
    for name in sorted(main.list_commands(root)):
        command = main.get_command(root, name)
        ctx = click.Context(command, info_name=name, parent=root, **layout)
        lines += [f"## storywire {name}", "", "```", command.get_help(ctx), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(cli_reference(), end="")
