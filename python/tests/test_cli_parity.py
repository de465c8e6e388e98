"""The package and the command line give the same objects (CI sets
DOCKET_BIN to the `docket` binary it built)."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any, Callable, Dict, List, Tuple

import docket

Cli = Callable[..., Any]


def test_due_json_is_the_cli_json(cli: Cli) -> None:
    cases: List[Tuple[Tuple[str, ...], Dict[str, Any]]] = [
        (("--court", "nysd", "--from", "2018-11-21", "--days", "14"), dict(trigger="2018-11-21", days=14)),
        (("--court", "nysb", "--from", "2009-04-16", "--days", "14"), dict(trigger="2009-04-16", days=14)),
        (
            ("--court", "nysd", "--from", "2025-03-03", "--days", "14", "--service", "mail"),
            dict(trigger="2025-03-03", days=14, service="mail"),
        ),
        (
            ("--court", "deb", "--from", "2024-06-26", "--days", "7", "--before"),
            dict(trigger="2024-06-26", days=7, before=True),
        ),
        (("--court", "nysd", "--from", "2025-01-10T09:00", "--hours", "24"), dict(trigger="2025-01-10T09:00", hours=24)),
        (
            ("--court", "nysd", "--from", "2025-11-02T01:30", "--hours", "2", "--fold", "later"),
            dict(trigger="2025-11-02T01:30", hours=2, fold="later"),
        ),
        (
            ("--court", "nysd", "--from", "2025-03-03", "--days", "10", "--rules-as-of", "2009-01-01"),
            dict(trigger="2025-03-03", days=10, rules_as_of="2009-01-01"),
        ),
        (("--court", "nysd", "--from", "2025-01-22", "--rule", "frcp-12-a-1-A-i"), dict(trigger="2025-01-22", rule="frcp-12-a-1-A-i")),
        (
            ("--court", "nysd", "--from", "2018-11-21", "--days", "14", "--settle", "eo-closure=closed", "--authority", "Order"),
            dict(trigger="2018-11-21", days=14, settle={"eo-closure": "closed"}, authority="Order"),
        ),
    ]
    court = {"nysd", "nysb", "deb"}
    for args, kwargs in cases:
        name = args[1]
        assert name in court
        assert docket.due(name, **kwargs).to_dict() == cli("due", *args, "--json"), args


def test_courts_json_is_the_cli_json(cli: Cli) -> None:
    assert [vars(c) for c in docket.courts()] == [
        {"note": None, **c} for c in cli("courts", "--json")
    ]
    assert [c.id for c in docket.courts("massachusetts")] == [c["id"] for c in cli("courts", "massachusetts", "--json")]


def test_schedule_json_is_the_cli_json(cli: Cli, examples: pathlib.Path) -> None:
    for path in sorted(examples.glob("*.toml")):
        d = docket.Docket.load(path)
        rel = str(path)
        assert d.schedule().to_dict() == cli("schedule", rel, "--json")
        assert d.schedule(to="2024-12-31", as_of="2024-06-01").to_dict() == cli(
            "schedule", rel, "--json", "--to", "2024-12-31", "--as-of", "2024-06-01"
        )
    civil = str(examples / "civil.toml")
    assert docket.Docket.load(civil).schedule(rules_as_of="2009-01-01").to_dict() == cli(
        "schedule", civil, "--json", "--rules-as-of", "2009-01-01"
    )
    lex = str(examples / "lexington.toml")
    got = docket.Docket.load(lex).schedule(party="lenders", from_=dt.date(2009, 4, 10), horizon="2009-06-30")
    assert got.to_dict() == cli(
        "schedule", lex, "--json", "--party", "lenders", "--from", "2009-04-10", "--horizon", "2009-06-30"
    )


def test_reschedule_and_diff_json_are_the_cli_json(cli: Cli, examples: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = str(examples / "chapter11.toml")
    d = docket.Docket.load(path)
    r = d.reschedule(move="confirmation-hearing", to="2024-07-02T10:00", on="2024-06-01", by="Order")
    assert r.to_dict() == cli(
        "reschedule", path, "--move", "confirmation-hearing", "--to", "2024-07-02T10:00",
        "--on", "2024-06-01", "--by", "Order", "--json",
    )
    new = tmp_path / "moved.toml"
    new.write_text(r.docket.to_toml())
    assert d.diff(r.docket).to_dict() == cli("diff", path, str(new), "--json")
    # The same report, under the names each was given.
    report = d.diff(docket.Docket.load(new)).report
    assert report == cli("diff", path, str(new))
    assert d.diff(r.docket).report == report.replace(str(new), "new")


def test_ics_is_the_cli_feed(cli: Cli, examples: pathlib.Path) -> None:
    for path in sorted(examples.glob("*.toml")):
        d = docket.Docket.load(path)
        assert d.ics(domain="docket.example") == cli("ics", str(path), "--domain", "docket.example")
    lex = str(examples / "lexington.toml")
    assert docket.Docket.load(lex).ics(party="lenders", alarms=[7], keep_vacated=True) == cli(
        "ics", lex, "--party", "lenders", "--alarm", "7", "--keep-vacated"
    )


def test_check_json_is_the_cli_json(cli: Cli, examples: pathlib.Path) -> None:
    paths = [str(p) for p in sorted(examples.glob("*.toml"))]
    assert docket.check(*paths).to_dict() == cli("check", *paths, "--json")
