"""The hashes of the inline scripts our pages carry, for the Content-Security-Policy.

The browser apps' import maps and the docs page's start-up script are inline; the policy
allows exactly these scripts by their SHA-256 and no other inline script (an injected one
included).
"""

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)


def inline_script_hashes(*, pages: Iterable[bytes], web: Path | None = None) -> set[str]:
    documents = list(pages)
    if web is not None and web.is_dir():
        documents += [
            path.read_bytes()
            for path in sorted(web.rglob("*.html"))
            if "node_modules" not in path.parts
        ]
    return {
        base64.b64encode(hashlib.sha256(script).digest()).decode()
        for document in documents
        for script in _INLINE_SCRIPT.findall(document)
    }
