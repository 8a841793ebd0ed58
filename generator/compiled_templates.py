"""Jinja2 templates compiled once per process, for environments that are made again on every build.

Jinja2 checks each template's source checksum before reusing its code, so an edited template is compiled
again. The generator's page templates use it on every build; in the preview, so does the theme's
environment, which MkDocs makes anew on every rebuild: compiling Material's templates costs more than
rendering the few pages an edit reaches.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled template code kept in memory, by template name and file."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
