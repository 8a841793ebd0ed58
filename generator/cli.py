"""`python -m generator`: check the content, export the pages, refresh the JSON Schemas.

Editors see messages, never tracebacks: every content problem is printed as
`path:line:column: field: message`, and the exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import messages
from .coverage import coverage, format_report
from .export import export_site
from .load import display_path, load_content, stray_files
from .pipeline import check, generate
from .problems import ContentError, format_problems
from .publish import publish
from .published import PUBLISHED, unlisted, update_published
from .quotes import verify_quotes
from .records import FOLDERS
from .scaffold import QUESTIONS, Question, create
from .schema import write_schemas
from .translations import progress
from .translations import summary as translation_summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")
    parser.add_argument("--templates", type=Path, default=Path("theme/templates"),
                        help="the page templates (default: theme/templates)")
    parser.add_argument("--overrides", type=Path, default=Path("theme/overrides"),
                        help="the theme's overrides, MkDocs' custom_dir (default: theme/overrides); like the content "
                             "and the templates, checked for symbolic links that leave the project")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate every record; list every problem")
    check_parser.add_argument("--quotes", type=Path, metavar="DIR",
                              help="also check every quote against the articles' plain-text copies in DIR")
    check_parser.add_argument("--untranslated", action="store_true",
                              help="list, by file and line, every text that has no Ukrainian translation yet")
    check_parser.add_argument("--strict", action="store_true",
                              help="treat warnings (files in a record folder that are not records) as problems")
    coverage_parser = commands.add_parser(
        "coverage", help="list every sentence of the articles in DIR that no claim quotes and no source leaves out")
    coverage_parser.add_argument("dir", type=Path, metavar="DIR", help="the articles' plain-text copies")
    export = commands.add_parser("export", help="write the generated pages as Markdown into DIR")
    export.add_argument("dir", type=Path)
    export.add_argument("--site-name", default="Ukraine negotiations explainer", help="the site's name, for feeds")
    export.add_argument("--site-url", default=None, help="the site's address, for absolute links in feeds")
    commands.add_parser("schema", help="regenerate the JSON Schemas in content/schema/")
    messages_parser = commands.add_parser(
        "messages", help="bring the catalogs of the site's words in other languages (generator/locale/) up to date")
    messages_parser.add_argument("--check", action="store_true",
                                 help="change nothing; list each message with no translation, and each no longer used")
    published = commands.add_parser(
        "published", help=f"list the record pages not yet in {PUBLISHED}, the addresses that must keep working")
    published.add_argument("--update", action="store_true", help=f"add them to content/{PUBLISHED}")
    new = commands.add_parser("new", help="write a new, valid record file, asking for what the options do not give")
    new.add_argument("kind", choices=sorted(FOLDERS))
    new.add_argument("--id", help="the record's id (its file name); made from the summary or name if not given")
    for option in sorted({q.name for questions in QUESTIONS.values() for q in questions}):
        new.add_argument(f"--{option.replace('_', '-')}", dest=f"value_{option}", metavar="TEXT")
    publish_parser = commands.add_parser(
        "publish", help="build the site with MkDocs into a new folder and replace SITE_DIR only if it succeeds")
    publish_parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    publish_parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader of the output stopped early (`| head`): nothing is wrong with the content
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # an editor never sees a traceback; developers can ask for one
        if os.environ.get("GENERATOR_DEBUG"):
            raise
        print(f"error: {type(error).__name__}: {error} (set GENERATOR_DEBUG=1 for details)", file=sys.stderr)
        return 2


def _ask(question: Question) -> str:
    choices = f" [{'/'.join(question.choices)}]" if question.choices else ""
    default = f" (default: {question.default})" if question.default else ""
    return input(f"{question.prompt}{choices}{default}: ")


def _new(args: argparse.Namespace) -> int:
    values = {key.removeprefix("value_"): value for key, value in vars(args).items() if key.startswith("value_")}
    ask = _ask if sys.stdin.isatty() else None
    path, problems = create(args.kind, args.content, values, args.id, ask)
    if path is None:
        print("\n".join(problems), file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    print(display_path(path))
    return 0


def _published(content: Path, update: bool) -> int:
    catalog, problems = check(content)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    documents = load_content(content).documents
    shown = display_path(content / PUBLISHED)
    if update:
        added = update_published(content, documents)
        print(f"{len(added)} address{'es' if len(added) != 1 else ''} added to {shown}")
        return 0
    missing = unlisted(content, documents)
    for entry in missing:
        print(entry)
    if missing:
        print(f"{len(missing)} address{'es' if len(missing) != 1 else ''} not yet in {shown}: run "
              "`python -m generator published --update` once they are published", file=sys.stderr)
        return 1
    print(f"ok: every record page is in {shown}")
    return 0


def _coverage(content: Path, texts: Path) -> int:
    """The report on stdout, problems of the `left_out` lists on stderr; 1 when anything is not covered."""
    if not texts.is_dir():
        print(f"error: no folder of article copies at '{texts}'", file=sys.stderr)
        return 2
    catalog, problems = check(content)
    if catalog is None or problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    articles, problems = coverage(content, catalog, texts)
    print(format_report(articles))
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the sources' `left_out` lists "
              "or text copies", file=sys.stderr)
    return 1 if problems or any(article.uncovered for article in articles) else 0


def _messages(check_only: bool) -> int:
    """The translations of the generator's own words: updated, or checked complete (exit status 1 if not)."""
    template = messages.extracted()
    incomplete = 0
    for edition in messages.translated_editions():
        shown = display_path(messages.po_file(edition))
        if not check_only:
            messages.update(edition, template)
        found = messages.gaps(edition, template)
        for line in found.lines(shown):
            print(line, file=sys.stderr if check_only else sys.stdout)
        incomplete += len(found.untranslated) + (len(found.unused) if check_only else 0)
        total = len([message for message in template if message.id])
        print(f"{shown}: {total - len(found.untranslated)} of {total} messages translated")
    return 1 if check_only and incomplete else 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "publish":
        return publish(args.config_file, args.site_dir)
    if args.command == "messages":
        return _messages(args.check)
    if args.command == "new":
        return _new(args)
    if not args.content.is_dir():
        print(f"error: no content folder at '{args.content}'", file=sys.stderr)
        return 2
    theme = [args.templates, args.overrides]
    if args.command == "check":
        catalog, problems = check(args.content, theme=theme)
        if catalog is not None and args.quotes is not None:
            if not args.quotes.is_dir():
                print(f"error: no folder of article copies at '{args.quotes}'", file=sys.stderr)
                return 2
            problems = verify_quotes(args.content, catalog, args.quotes)
        warnings = stray_files(args.content) if catalog is not None else []
        if args.strict:
            problems = sorted([*problems, *warnings], key=lambda problem: problem.sort_key)
        else:
            for warning in warnings:
                print(f"warning: {warning}", file=sys.stderr)
        if problems:
            print(format_problems(problems), file=sys.stderr)
            return 1
        assert catalog is not None
        quotes = sum(len(claim.sources) for claim in catalog.claims.values())
        print(f"ok: {len(catalog.claims)} claims, {len(catalog.actors)} actors, "
              f"{len(catalog.regions)} regions, {len(catalog.sources)} sources"
              + (f"; all {quotes} quotes found verbatim" if args.quotes else ""))
        translated = progress(load_content(args.content).documents)
        print(translation_summary(translated))
        if args.untranslated:
            for counted in translated.values():
                for missing in counted.missing:
                    print(missing)
        unclassified = sorted({claim_id for (_, claim_id), move in catalog.moves.items() if move.change is None})
        if unclassified:
            print(f"note: the records do not say how {len(unclassified)} of {len(catalog.moves)} positions moved; "
                  f"set `change` on a claim where you can say it: {', '.join(unclassified)}")
        return 0
    if args.command == "published":
        return _published(args.content, args.update)
    if args.command == "coverage":
        return _coverage(args.content, args.dir)
    if args.command == "export":
        site = generate(args.content, args.templates, args.site_name, args.site_url, theme=[args.overrides])
        for warning in site.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        written, removed = export_site(site, args.dir)
        total = len(site.pages) + len(site.files)
        print(f"{len(site.pages)} pages and {len(site.files)} files in {args.dir}: {len(written)} written, "
              f"{len(removed)} removed, {total - len(written)} unchanged")
        return 0
    for path in write_schemas(args.content):
        print(f"wrote {path}")
    return 0
