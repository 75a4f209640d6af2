"""storywire.toml: found by --config or in the working directory; the environment and
flags win over it; `storywire config` says what is in effect and where it came from."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storywire.cli import main
from storywire.store import is_postgres_url, open_store

from conftest import make_html, write

TOML = """# the newsroom desk's settings
db = "{db}"
user_agent = "harbor-desk/2.0 (+https://desk.example/bot)"
smtp_host = "mail.desk.example"
smtp_password = "hunter2"

[serve]
port = 9001
"""


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or {})


def settings(output: str) -> dict[str, str]:
    lines = output.splitlines()[1:]
    found = {}
    for line in lines:
        name, _, rest = line.partition("  ")
        found[name.strip()] = rest.strip()
    return found


def articles_in(location: str) -> int:
    """How many articles the store at ``location`` holds (0 where there is no store)."""
    if not is_postgres_url(location) and not Path(location).exists():
        return 0
    with open_store(location) as store:
        return store.count_articles()


def test_the_working_directory_file_sets_the_database(tmp_path, monkeypatch, db_location):
    write(tmp_path / "in" / "strike.html", make_html())
    (tmp_path / "storywire.toml").write_text(TOML.format(db=db_location))
    monkeypatch.chdir(tmp_path)
    assert run("ingest", "--no-progress", tmp_path / "in").exit_code == 0
    assert articles_in(db_location) == 1 and not (tmp_path / "storywire.db").exists()
    listed = [json.loads(x) for x in run("articles", "--json").output.splitlines()]
    assert [a["title"] for a in listed] == ["Saltmere dock workers walk out over shift pay"]


def test_config_prints_each_setting_with_its_origin(tmp_path, monkeypatch, db_location):
    path = tmp_path / "desk.toml"
    path.write_text(TOML.format(db=db_location))
    monkeypatch.chdir(tmp_path)  # no ./storywire.toml here: --config names the file
    result = run("--config", path, "config",
                 env={"STORYWIRE_SMTP_HOST": "relay.example", "STORYWIRE_HOST_INTERVAL": "4"})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"configuration file: {path}"
    found = settings(result.output)
    assert found["db"] == f"{db_location}  ({path}: db)"
    assert found["user_agent"].startswith("harbor-desk/2.0") and f"({path}: user_agent)" in \
        found["user_agent"]
    # The environment beats the file; a secret is never printed.
    assert found["smtp_host"] == "relay.example  (environment STORYWIRE_SMTP_HOST)"
    assert found["host_interval"] == "4.0  (environment STORYWIRE_HOST_INTERVAL)"
    assert found["smtp_password"] == f"********  ({path}: smtp_password)"
    assert "hunter2" not in result.output
    assert found["smtp_port"] == "25  (default)"
    assert found["serve: port"] == f"9001  ({path}: [serve] port)"
    # A flag beats both.
    flagged = settings(run("--config", path, "--db", tmp_path / "other.db", "config").output)
    assert flagged["db"] == f"{tmp_path / 'other.db'}  (flag --db)"
    # A password in a PostgreSQL URL is a secret too.
    for url in ("postgresql://desk:hunter3@db.example/news",
                "postgresql://desk@db.example/news?sslmode=require&password=hunter3"):
        printed = run("--config", path, "--db", url, "config").output
        assert "hunter3" not in printed and "desk" in settings(printed)["db"]


def test_environment_and_flags_override_the_file_in_the_commands(tmp_path, db_location,
                                                                 other_location):
    path = tmp_path / "desk.toml"
    path.write_text(TOML.format(db=db_location))
    flag, env = other_location("flag.db"), other_location("env.db")
    write(tmp_path / "in" / "strike.html", make_html())
    assert run("--config", path, "--db", flag, "ingest", "--no-progress",
               tmp_path / "in").exit_code == 0
    assert run("--config", path, "ingest", "--no-progress", tmp_path / "in",
               env={"STORYWIRE_DB": env}).exit_code == 0
    assert articles_in(flag) == 1 and articles_in(env) == 1
    assert articles_in(db_location) == 0


def test_a_bad_file_is_an_error_that_names_the_problem(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('db = "x.db"\nsmtp_hots = "typo"\n')
    result = run("--config", bad, "config")
    assert result.exit_code != 0 and "unknown setting 'smtp_hots'" in result.output
    bad.write_text("[serve]\nprot = 1\n")
    assert "[serve] has no setting 'prot'" in run("--config", bad, "config").output
    bad.write_text("db = \n")
    assert "not valid TOML" in run("--config", bad, "config").output
    assert "no such configuration file" in run("--config", tmp_path / "nope.toml",
                                               "config").output


def test_the_settle_window_and_the_gather_pass_reach_the_monitor(tmp_path, monkeypatch,
                                                                 db_location):
    """`settle_window` and `gather` in the file (or the environment) are the options the
    monitor of `poll` runs with: its alert decision and its pipeline's story stage."""
    from storywire import monitor as monitor_module

    seen = []

    async def cycle(self, fetcher=None, every_source=False):
        seen.append((self.options.alerts.settle, self.options.gather,
                     self.pipeline.options.stories.gather))
        return monitor_module.CycleReport()

    monkeypatch.setattr(monitor_module.Monitor, "cycle", cycle)
    path = tmp_path / "desk.toml"
    path.write_text(TOML.format(db=db_location) + "\n[poll]\nsettle_window = 1800\n"
                    "gather = false\n")
    assert run("--config", path, "poll").exit_code == 0
    assert run("--config", path, "poll", env={"STORYWIRE_GATHER": "1"}).exit_code == 0
    assert run("--db", db_location, "poll").exit_code == 0
    assert seen == [(1800.0, False, False), (1800.0, True, True), (0.0, True, True)]
