"""Makes the generated module importable: scripts/gen-bindings.sh writes it (and the library it
loads) to bindings-mobile/out/python."""
import pathlib
import sys

GENERATED = pathlib.Path(__file__).resolve().parents[2] / "out" / "python"
if not (GENERATED / "taolight_mobile.py").exists():
    raise RuntimeError(f"{GENERATED} has no bindings: run scripts/gen-bindings.sh first")
sys.path.insert(0, str(GENERATED))
