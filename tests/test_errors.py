"""The errors are one closed set: every error class in edition/errors.py, each with its code,
exit status, meaning and fix in the registry the CLI's help and the reference are made from."""

from __future__ import annotations

import importlib
import pkgutil

from click.testing import CliRunner

import edition
from edition import errors
from edition.cli import main


def _every_module() -> None:
    for info in pkgutil.walk_packages(edition.__path__, "edition."):
        if info.name != "edition.__main__":
            importlib.import_module(info.name)


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | _subclasses(sub)
    return out


def test_every_error_class_is_defined_in_errors_py():
    _every_module()
    elsewhere = sorted(
        f"{c.__module__}.{c.__qualname__}"
        for c in _subclasses(errors.EditionError)
        if c.__module__ != "edition.errors" and c.__module__.startswith("edition.")
    )
    assert elsewhere == []


def test_the_registry_has_every_class_once_with_all_it_needs():
    _every_module()
    rows = errors.registry()
    ours = {c for c in _subclasses(errors.EditionError) | {errors.EditionError} if c.__module__ == "edition.errors"}
    assert {r.cls for r in rows.values()} == ours
    statuses = {s.status for s in errors.EXIT_STATUSES}
    for code, r in rows.items():
        assert r.exit_status in statuses, code
        assert r.summary and r.meaning.strip() and r.hint.strip() and r.stage, code
    assert rows["E900"].exit_status == errors.INTERNAL_ERROR


def test_the_help_lists_every_exit_status():
    out = CliRunner().invoke(main, ["--help"]).output
    said = " ".join(out.split())
    for status in errors.EXIT_STATUSES:
        assert f"{status.status} {' '.join(status.meaning.split())}" in said


def test_an_unexpected_exception_exits_70_and_asks_for_the_traceback(tmp_path, monkeypatch):
    from edition import api

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(api, "plain_text", broken)
    run = CliRunner().invoke(main, ["text", str(tmp_path / "any.xml")])
    assert run.exit_code == errors.INTERNAL_ERROR
    assert "internal error: RuntimeError: a bug" in run.output and "--traceback" in run.output
