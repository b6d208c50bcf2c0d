"""python -m demo --home DIR [--force]: write the demo reference data and landing zone into DIR."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from demo import LANDING_SOURCES, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--home", type=Path, required=True, help="the ZHAOSHANG_HOME to fill")
    parser.add_argument(
        "--force", action="store_true", help="write even if the landing zone already holds files"
    )
    args = parser.parse_args(argv)

    landing = args.home / "landing"
    occupied = [landing / source for source in LANDING_SOURCES if any((landing / source).glob("*"))]
    if occupied and not args.force:
        # Refusing is not an error: a nightly setup script may call this on every start.
        print(f"{landing} already holds files; nothing written (use --force to replace them).")
        return 0
    # With --force the demo files are rewritten in place; other files in the landing zone are left alone.
    written = generate(args.home)
    print(f"wrote {len(written)} files under {args.home}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
