"""The MkDocs plugin: an adapter that hands the core's pages to MkDocs. It holds no logic of its own.

MkDocs calls, on every build: `on_config`, then `on_pre_build` (before it empties the site folder:
the content is checked and the pages generated here, so a content error leaves the previous site
in place), then `on_files` with the files found in `docs_dir` (where the generated pages join them), then `on_page_content` for each page (generated pages
are sanitized there, after Markdown).
Under `mkdocs serve` only, `on_serve` runs once after the first build (the content and template
folders are added to the watched paths).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from .pipeline import Site, generate
from .problems import ContentError
from .sanitize import sanitize


class ExplainerConfig(Config):
    content = config_options.Type(str, default="content")
    """Folder of the YAML records, relative to `mkdocs.yml`."""
    templates = config_options.Type(str, default="theme/templates")
    """Folder of the Jinja2 page templates, relative to `mkdocs.yml`."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    site: Site
    generated: set[str]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.content_dir = root / self.config.content
        self.templates_dir = root / self.config.templates
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        try:
            self.site = generate(self.content_dir, self.templates_dir, config.site_name, config.site_url)
        except ContentError as error:
            raise PluginError(str(error)) from None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.generated = {page.path for page in self.site.pages}
        for page in self.site.pages:
            # Generated pages are reached through index pages and links, never all listed in the
            # navigation, which Material renders into every page (DESIGN.md, "Navigation stays small").
            files.append(File.generated(config, page.path, content=page.markdown,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        for output in self.site.files:
            files.append(File.generated(config, output.path, content=output.content))
        return files

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # Generated pages only: hand-written pages are the editors' own Markdown, trusted as such.
        return sanitize(html) if page.file.src_uri in self.generated else html

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.content_dir))
        server.watch(str(self.templates_dir))
        return server
