"""Build hook: compile data/terms.yaml into the wheel, so the first run reads it, not YAML.

The compiled file records the size and checksum of the terms.yaml it was made from; the
loader uses it only when the shipped terms.yaml still matches (nhsjargon/knowledge). An
editable install has none and parses the YAML on its first run.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledBase(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)
        from nhsjargon.knowledge import compile_base

        self._folder = Path(tempfile.mkdtemp(prefix="nhsjargon-build-"))
        compiled = self._folder / "terms.kb"
        compiled.write_bytes(compile_base(str(Path(self.root) / "data" / "terms.yaml")))
        build_data["force_include"][str(compiled)] = "nhsjargon/data/terms.kb"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """The wheel holds its copy now; leave nothing behind in the temporary folder."""
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
