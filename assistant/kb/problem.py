"""`Problem`: one thing wrong in a knowledge file, always with the file and line.

Kept in its own tiny module so the cached load path can rebuild problems without
importing the validator.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"
