"""Packaging for scrapyd: the egg scrapyd-deploy builds, and scrapyd's requirements."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from configparser import ConfigParser
from pathlib import Path

from packaging.requirements import Requirement

from tests.conftest import REPO_ROOT, copy_project


def _requirements(lines: list[str]) -> set[str]:
    return {str(Requirement(line)) for line in lines}


def test_scrapyd_requirements_carry_every_runtime_dependency() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    lines = [
        line.strip()
        for line in (REPO_ROOT / "deploy" / "scrapyd-requirements.txt")
        .read_text()
        .splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    wanted = _requirements(project["dependencies"])
    have = _requirements(lines)
    assert wanted <= have, (
        f"missing from deploy/scrapyd-requirements.txt: {wanted - have}"
    )
    names = {Requirement(line).name for line in lines}
    # scrapyd's runner imports pkg_resources, gone from setuptools 81.
    assert "scrapyd" in names
    assert any(
        Requirement(line).name == "setuptools"
        and "<81" in str(Requirement(line).specifier)
        for line in lines
    )


def test_egg_built_by_scrapyd_deploy_points_scrapy_at_the_settings(
    tmp_path: Path,
) -> None:
    checkout = copy_project(tmp_path / "checkout")
    egg = tmp_path / "newscrawl.egg"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "scrapyd-deploy"), "--build-egg", str(egg)],
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(egg) as archive:
        entry_points = ConfigParser()
        entry_points.read_string(archive.read("EGG-INFO/entry_points.txt").decode())
        names = set(archive.namelist())
    assert entry_points["scrapy"]["settings"] == "newscrawl.settings"
    assert {"newscrawl/settings.py", "newscrawl/spiders/generic.py"} <= names
    assert "newscrawl/extraction/sites/bbc_com.py" in names


def test_deploy_targets_take_credentials_from_the_environment() -> None:
    config = ConfigParser(interpolation=None)
    config.read(REPO_ROOT / "scrapy.cfg")
    assert config["settings"]["default"] == "newscrawl.settings"
    assert config["deploy"]["project"] == "newscrawl"
    assert config["deploy"]["username"] == "${SCRAPYD_USERNAME}"
    assert config["deploy"]["password"] == "${SCRAPYD_PASSWORD}"  # noqa: S105
    assert config["deploy:remote"]["url"] == "${SCRAPYD_URL}"
