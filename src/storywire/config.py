"""``storywire.toml``: settings kept in a file, beneath the environment and the flags.

The file is the one named by ``--config`` (or ``STORYWIRE_CONFIG``), else ``storywire.toml``
in the working directory when there is one. Its top-level keys are option names with
underscores (``db``, ``user_agent``, ``smtp_host``, ``workers`` …) and apply to every
command that has that option; a table named after a command (``[serve]``, ``[run]``,
``[sources.add]``) applies to that command only and wins over the top level. The file
becomes click's ``default_map``, so a flag beats an environment variable, which beats the
file, which beats the built-in default.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import click

FILE_NAME = "storywire.toml"
SECRET_WORDS = ("password", "secret", "token")


class ConfigError(click.ClickException):
    """The configuration file cannot be read or names a setting that does not exist."""


def find_config(explicit: str | None, cwd: Path | None = None) -> Path | None:
    """The file named, else ``./storywire.toml`` when it exists, else None."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
        return path
    candidate = (cwd or Path.cwd()) / FILE_NAME
    return candidate if candidate.is_file() else None


def read_config(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None


def _commands(group: click.Group, prefix: tuple[str, ...] = ()
              ) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = [(prefix, group)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append(((*prefix, name), command))
    return found


def _options(command: click.Command) -> dict[str, click.Option]:
    return {p.name: p for p in command.params
            if isinstance(p, click.Option) and p.name and p.name != "config"}


def default_map(root: click.Group, settings: dict[str, Any], path: Path) -> dict[str, Any]:
    """click's ``default_map`` for the whole command tree from the file's settings;
    ConfigError names a key that no command has."""
    commands = _commands(root)
    top = {k: v for k, v in settings.items() if not isinstance(v, dict)}
    known = {name for _, command in commands for name in _options(command)}
    for key in top:
        if key not in known:
            raise ConfigError(f"{path}: unknown setting {key!r}")
    for key, value in settings.items():
        if isinstance(value, dict) and key not in root.commands:
            raise ConfigError(f"{path}: [{key}] is not a storywire command")
    result: dict[str, Any] = {}
    for names, command in commands:
        options = _options(command)
        section: Any = settings
        for name in names:
            section = section.get(name, {}) if isinstance(section, dict) else {}
        own = {k: v for k, v in section.items() if not isinstance(v, dict)} \
            if names and isinstance(section, dict) else {}
        for key in own:
            if key not in options:
                raise ConfigError(f"{path}: [{'.'.join(names)}] has no setting {key!r}")
        values = {k: v for k, v in top.items() if k in options} | own
        target = result
        for name in names:
            target = target.setdefault(name, {})
        target.update(values)
    return result


@dataclass(frozen=True)
class Setting:
    name: str
    value: Any
    origin: str      # "flag --db", "environment STORYWIRE_DB", "storywire.toml: db", "default"
    env: str | None


def settings_in_effect(root: click.Group, settings: dict[str, Any], path: Path | None,
                       flags: dict[str, Any] | None = None,
                       environ: dict[str, str] | None = None) -> list[Setting]:
    """Every setting that can come from the environment or the file (the options with an
    environment variable, and any the file sets), its value in effect, and where it came
    from; ``flags`` are the ones given on this command line."""
    environ = dict(os.environ if environ is None else environ)
    flags = flags or {}
    chosen: dict[str, click.Option] = {}
    for _, command in _commands(root):
        for name, option in _options(command).items():
            if option.envvar or name in settings:
                chosen.setdefault(name, option)
    context = click.Context(root)
    found = []
    for name, option in sorted(chosen.items()):
        found.append(_one(name, option, flags.get(name), environ, settings, path, context))
    for names, command in _commands(root):
        section: Any = settings
        for part in names:
            section = section.get(part, {}) if isinstance(section, dict) else {}
        if not names or not isinstance(section, dict):
            continue
        options = _options(command)
        for key, value in sorted(section.items()):
            if key in options and not isinstance(value, dict):
                setting = _one(key, options[key], None, environ, {key: value}, path, context)
                origin = setting.origin.replace(f"{path}: {key}",
                                                f"{path}: [{'.'.join(names)}] {key}")
                found.append(Setting(f"{' '.join(names)}: {key}", setting.value, origin,
                                     setting.env))
    return found


def _one(name: str, option: click.Option, flag: Any, environ: dict[str, str],
         settings: dict[str, Any], path: Path | None, context: click.Context) -> Setting:
    env = option.envvar if isinstance(option.envvar, str) else None
    if flag is not None:
        return Setting(name, flag, f"flag --{name.replace('_', '-')}", env)
    if env and env in environ:
        raw = environ[env]
        value = raw.lower() in ("1", "true", "yes", "on") if option.is_flag \
            else option.type_cast_value(context, raw)
        return Setting(name, value, f"environment {env}", env)
    if name in settings and not isinstance(settings[name], dict):
        return Setting(name, settings[name], f"{path}: {name}", env)
    default = option.get_default(context, call=True)
    if option.is_flag and not isinstance(default, bool):
        default = False
    elif not isinstance(default, str | int | float | bool | type(None)):
        default = None
    return Setting(name, default, "default", env)


def masked_url(url: str) -> str:
    """A PostgreSQL URL with its password (``USER:PASSWORD@`` or ``password=``) masked."""
    parts = urlsplit(re.sub(r"(?i)([?&]password=)[^&]*", r"\1********", url))
    userinfo, at, host = parts.netloc.rpartition("@")
    if at and ":" in userinfo:
        parts = parts._replace(netloc=userinfo.partition(":")[0] + ":********@" + host)
    return urlunsplit(parts)


def shown(setting: Setting) -> str:
    """The value as printed: secrets masked, unset as "(none)"."""
    if setting.value is None or setting.value == "":
        return "(none)"
    if any(word in setting.name for word in SECRET_WORDS):
        return "********"
    if isinstance(setting.value, str) and setting.value.startswith(("postgres://",
                                                                     "postgresql://")):
        return masked_url(setting.value)
    return str(setting.value).lower() if isinstance(setting.value, bool) else str(setting.value)
