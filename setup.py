"""Build shim for scrapyd-deploy, which packs eggs with ``setup.py bdist_egg``.

Everything (name, packages, the ``scrapy`` settings entry point) comes from
pyproject.toml; this file only gives scrapyd-client the script it runs.
"""

from setuptools import setup

setup()
