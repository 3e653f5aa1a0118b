"""Spider arguments as pydantic models, shared by every spider.

Each argument is a small mixin with a title and a description. A spider's
parameter model inherits the mixins it needs and is plugged in through
``scrapy_spider_metadata.Args[...]``, which validates the ``-a`` strings (or the
form fields of scrapyd's ``schedule.json``) into ``spider.args`` when the spider
is built. A bad value raises ``pydantic.ValidationError`` (a ``ValueError``)
from the spider's ``__init__``, so Scrapy never starts the crawl.
"""

from __future__ import annotations

import glob
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from newscrawl.languages import primary_language
from newscrawl.warcsources import LISTING_SUFFIXES

_url_separator_pattern = re.compile(r"[\s,]+")
_space_pattern = re.compile(r"\s+")
_shard_pattern = re.compile(r"(\d+)\s*/\s*(\d+)")
_relative_since_pattern = re.compile(r"^(\d+)\s*([mhdw])$", re.IGNORECASE)
_since_units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

# A host name and maybe a path, as people type a site: "example.com", "www.x.org/news".
_bare_host_pattern = re.compile(r"[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:/\S*)?$")


def parse_url_list(value: object) -> list[str]:
    """Split ``value`` on spaces, commas or newlines and check every piece is an http(s) URL."""
    if value is None:
        return []
    pieces: list[str] = []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ValueError(f"expected URLs as a string or a list, got {value!r}")  # noqa: TRY004 - pydantic reports only ValueError
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"expected a URL string, got {item!r}")  # noqa: TRY004 - pydantic reports only ValueError
        pieces.extend(piece for piece in _url_separator_pattern.split(item) if piece)
    return [check_url(piece) for piece in pieces]


def check_url(url: str) -> str:
    """Return ``url`` stripped, or raise ``ValueError`` unless it is an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        hint = ""
        if not parts.scheme and _bare_host_pattern.match(url.removeprefix("//")):
            # "example.com/news": the usual slip, and the fix is plain.
            hint = f" (did you mean 'https://{url.removeprefix('//')}'?)"
        raise ValueError(f"{url!r} is not an absolute http(s) URL{hint}")
    try:
        _ = parts.port  # raises on a malformed port such as ":99999" or ":abc"
    except ValueError as error:
        raise ValueError(f"{url!r} has an invalid port") from error
    return url


def parse_since(value: object, *, now: datetime | None = None) -> datetime | None:
    """Turn a ``since`` argument into an aware UTC datetime.

    Accepts an ISO date (``2024-05-01``, midnight UTC), an ISO datetime (naive
    means UTC), or a relative age: a number and a unit, ``m`` minutes, ``h``
    hours, ``d`` days or ``w`` weeks (``12h``, ``2d``), counted back from ``now``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time(), tzinfo=UTC)
    elif isinstance(value, str):
        text = value.strip()
        relative = _relative_since_pattern.match(text)
        if relative:
            amount, unit = int(relative.group(1)), relative.group(2).lower()
            delta = timedelta(**{_since_units[unit]: amount})
            return (now or datetime.now(UTC)) - delta
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError as error:
            raise ValueError(
                f"since={text!r}: expected an ISO date or datetime "
                "(2024-05-01, 2024-05-01T08:00:00+02:00) or an age such as 12h, 2d, 1w"
            ) from error
    else:
        raise ValueError(f"since: unsupported value {value!r}")  # noqa: TRY004 - pydantic reports only ValueError
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def argument_errors(error: ValidationError) -> str:
    """Say in one line what was wrong with each bad spider argument."""
    parts = []
    for detail in error.errors():
        message = str(detail["msg"]).removeprefix("Value error, ")
        name = ".".join(str(part) for part in detail["loc"])
        named = not name or message.startswith(name)
        parts.append(message if named else f"{name}: {message}")
    return "; ".join(parts)


class StrictArgs(BaseModel):
    """Base of every parameter model: unknown arguments are errors, not silent no-ops.

    Arguments whose name starts with ``_`` are left alone: scrapyd passes its
    own (``_job``) to every spider.
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _drop_private(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {
                key: value for key, value in data.items() if not key.startswith("_")
            }
        return data


class UrlsParam(BaseModel):
    urls: list[str] = Field(
        default_factory=list,
        title="URLs",
        description=(
            "Start URLs: home or section pages, RSS/Atom feeds or sitemaps, "
            "separated by spaces, commas or new lines."
        ),
    )
    url: str = Field(
        default="",
        title="URL",
        description="A single start URL; the same as urls with one entry.",
    )
    urls_file: Path | None = Field(
        default=None,
        title="URLs file",
        description=(
            "A text file of start URLs, one a line; blank lines and lines starting "
            "with # are skipped. Added to urls."
        ),
    )

    @field_validator("urls", mode="before")
    @classmethod
    def _split_urls(cls, value: object) -> list[str]:
        return parse_url_list(value)

    @field_validator("url", mode="before")
    @classmethod
    def _check_url(cls, value: object) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        if not isinstance(value, str):
            raise ValueError(f"expected a URL string, got {value!r}")  # noqa: TRY004 - pydantic reports only ValueError
        return check_url(value)

    @field_validator("urls_file", mode="before")
    @classmethod
    def _check_urls_file(cls, value: object) -> Path | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        path = Path(str(value).strip())
        if not path.is_file():
            raise ValueError(f"{str(path)!r} is not a file")
        return path

    @model_validator(mode="after")
    def _require_one(self) -> UrlsParam:
        if self.urls_file is not None:
            self.urls = [*self.urls, *read_url_file(self.urls_file)]
        if not self.urls and not self.url:
            raise ValueError(
                "no start URL: pass -a urls='URL1 URL2', -a url=URL or -a urls_file=FILE"
            )
        return self

    @property
    def start_urls(self) -> list[str]:
        """Every start URL, ``url`` first, without repeats."""
        return list(dict.fromkeys([*([self.url] if self.url else []), *self.urls]))


def _argument_words(value: object, what: str, separator: re.Pattern[str]) -> list[str]:
    """Split an argument given as one string, or a list of them, into its words."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        msg = f"expected {what} as a string or a list, got {value!r}"
        raise ValueError(msg)  # noqa: TRY004 - pydantic reports only ValueError
    return [word for item in items for word in separator.split(str(item)) if word]


def parse_languages(value: object) -> list[str]:
    """Split ``value`` into ISO 639 primary codes: ``"de-AT, en"`` -> ``["de", "en"]``."""
    codes: list[str] = []
    for word in _argument_words(value, "language codes", _url_separator_pattern):
        code = primary_language(word)
        if code is None:
            raise ValueError(f"{word!r} is no language code such as de or en")
        codes.append(code)
    return list(dict.fromkeys(codes))


def read_url_file(path: Path) -> list[str]:
    """Return the URLs of a file of one URL a line; ``#`` starts a comment line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read {str(path)!r}: {error}") from error
    urls = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        try:
            urls.append(check_url(entry))
        except ValueError as error:
            raise ValueError(f"{path}, line {number}: {error}") from error
    return urls


def parse_path_list(value: object) -> list[Path]:
    """Split ``value`` on spaces or new lines and expand globs; each must name a file."""
    paths: list[Path] = []
    for pattern in _argument_words(value, "file names", _space_pattern):
        matches = (
            sorted(glob.glob(pattern))  # noqa: PTH207 - absolute or relative, as typed
            if glob.has_magic(pattern)
            else [pattern]
        )
        if not matches:
            raise ValueError(f"no file matches {pattern!r}")
        for match in matches:
            if not Path(match).is_file():
                raise ValueError(f"{match!r} is not a file")
            paths.append(Path(match))
    return list(dict.fromkeys(paths))


def parse_file_sources(value: object) -> list[Path | str]:
    """Split ``value`` like :func:`parse_path_list`, keeping http(s) URLs as they are."""
    sources: list[Path | str] = []
    for word in _argument_words(value, "file names", _space_pattern):
        if urlsplit(word).scheme in {"http", "https"}:
            sources.append(check_url(word))
        elif word.endswith(LISTING_SUFFIXES):
            raise ValueError(
                f"{word!r}: give a listing by its URL, whose server its paths"
                " are relative to"
            )
        else:
            sources.extend(parse_path_list(word))
    return list(dict.fromkeys(sources))


class FilesParam(BaseModel):
    files: list[Path | str] = Field(
        title="Files",
        description=(
            "WARC files (.warc or .warc.gz, ARC too) to read articles from, separated "
            "by spaces or new lines: local files, where shell patterns such as "
            "data/*.warc.gz are expanded, or http(s) URLs, read as they download; a URL "
            "ending in .paths or .paths.gz is a listing of such files (Common Crawl's "
            "warc.paths.gz)."
        ),
    )

    @field_validator("files", mode="before")
    @classmethod
    def _expand_files(cls, value: object) -> list[Path | str]:
        sources = parse_file_sources(value)
        if not sources:
            raise ValueError("no WARC file: pass -a files='CC-NEWS-….warc.gz …'")
        return sources


class ShardParam(BaseModel):
    shard: tuple[int, int] | None = Field(
        default=None,
        title="Shard",
        description=(
            "Read only every n-th file, as i/n (1 <= i <= n): 2/4 reads the 2nd, 6th, "
            "10th ... file, so n jobs given the same files and shards 1/n to n/n "
            "read each file once between them."
        ),
    )

    @field_validator("shard", mode="before")
    @classmethod
    def _parse_shard(cls, value: object) -> tuple[int, int] | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, tuple | list) and len(value) == 2:  # noqa: PLR2004 - i and n
            value = f"{value[0]}/{value[1]}"
        match = _shard_pattern.fullmatch(str(value).strip())
        if match is None:
            raise ValueError(f"shard {value!r} is not i/n, such as 2/4")
        index, count = int(match.group(1)), int(match.group(2))
        if not 1 <= index <= count:
            raise ValueError(f"shard {value!r}: i must be from 1 to n")
        return index, count


class SinceParam(BaseModel):
    since: datetime | None = Field(
        default=None,
        title="Since",
        description=(
            "Oldest publication date to keep: an ISO date or datetime (UTC when no "
            "offset is given) or an age such as 12h, 2d or 1w. Older articles are "
            "skipped, and feed or sitemap entries dated before it are not fetched."
        ),
    )

    @field_validator("since", mode="before")
    @classmethod
    def _parse_since(cls, value: object) -> datetime | None:
        return parse_since(value)


class MaxArticlesParam(BaseModel):
    max_articles: int = Field(
        default=0,
        ge=0,
        title="Max articles",
        description="Stop after this many articles have been stored or exported; 0 means no limit.",
    )


class BaseUrlParam(BaseModel):
    base_url: str = Field(
        default="",
        title="Base URL",
        description=(
            "Replace the scheme and host of the spider's declared sources with this "
            "one, e.g. to crawl a local copy of the site."
        ),
    )

    @field_validator("base_url", mode="before")
    @classmethod
    def _check_base_url(cls, value: object) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        if not isinstance(value, str):
            raise ValueError(f"expected a URL string, got {value!r}")  # noqa: TRY004 - pydantic reports only ValueError
        return check_url(value)


class LanguagesParam(BaseModel):
    languages: list[str] = Field(
        default_factory=list,
        title="Languages",
        description=(
            "Keep only articles in these languages (ISO 639 codes such as de en, "
            "separated by spaces or commas; a region is ignored). A page that declares "
            "another language is not read; one that declares none is kept."
        ),
    )

    @field_validator("languages", mode="before")
    @classmethod
    def _parse_languages(cls, value: object) -> list[str]:
        return parse_languages(value)


class CommonParams(LanguagesParam, SinceParam, MaxArticlesParam, StrictArgs):
    """Arguments every news spider takes."""


class NewsSpiderParams(BaseUrlParam, CommonParams):
    """Arguments of a per-site spider."""


class SubdomainsParam(BaseModel):
    subdomains: bool = Field(
        default=False,
        title="Subdomains",
        description=(
            "Also follow article links on the other hosts of each start URL's domain "
            "(politics.example.com from www.example.com); by default only the start "
            "URLs' own hosts."
        ),
    )


class GenericSpiderParams(UrlsParam, SubdomainsParam, CommonParams):
    """Arguments of the generic spider: start URLs, subdomains and the common ones."""


class WarcSpiderParams(FilesParam, ShardParam, CommonParams):
    """Arguments of the WARC spider: the files plus the common ones."""
