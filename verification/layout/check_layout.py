"""layout_dependencies: the module graph points down, and the run knows no mechanism by name.

Usage: check_layout.py <source root>

1. Dependency direction: no file under common/ includes a header of physics/, meshes/, postproc/ or solver/;
   no file under physics/, meshes/ or postproc/ includes a header that lives under solver/ (the decks, the run,
   the outputs): physics never depends upward.
2. Open mechanism architecture: solver/coupler.c, solver/coupler.h, solver/run*.c and the output writers
   (timeseries.c, vtk_series.c) name no switching mechanism: no VCM/ECM identifier, no filament-specific type,
   header or species (comments are not code and are stripped first).
Exit 1 with one line per violation."""
import os, re, sys

root = sys.argv[1]


def headers_under(d):
    out = set()
    for dp, _, fs in os.walk(os.path.join(root, d)):
        out |= {f for f in fs if f.endswith(".h")}
    return out


def sources_under(d):
    for dp, _, fs in os.walk(os.path.join(root, d)):
        for f in fs:
            if f.endswith((".c", ".h")):
                yield os.path.join(dp, f)


def includes(path):
    with open(path, errors="replace") as f:
        return re.findall(r'^\s*#\s*include\s+"([^"]+)"', f.read(), re.M)


def code_only(path):
    with open(path, errors="replace") as f:
        s = f.read()
    s = re.sub(r"/\*.*?\*/", " ", s, flags=re.S)
    return re.sub(r"//[^\n]*", " ", s)


fails = []
solver_h = headers_under("solver")
upper = {"common": headers_under("physics") | headers_under("meshes") | headers_under("postproc") | solver_h}
for d in ("physics", "meshes", "postproc"):
    upper[d] = solver_h - headers_under(d)
checked = 0
for d, forbidden in upper.items():
    for src in sources_under(d):
        checked += 1
        for h in includes(src):
            if os.path.basename(h) in forbidden:
                fails.append("%s includes %s, a header of a module above it" % (os.path.relpath(src, root), h))

names = re.compile(r"\b(vcm|ecm|VCM|ECM|Vcm\w*|Ecm\w*|MfFilament\w*|MF_FIL_\w+|mf_filament\.h|filament_\w+)\b")
solver_dir = os.path.join(root, "solver")
generic = [f for f in os.listdir(solver_dir) if re.match(r"(coupler\.[ch]|run\w*\.[ch]|timeseries\.c|vtk_series\.c|mf_run\w*\.h)$", f)]
for f in sorted(generic):
    for n, line in enumerate(code_only(os.path.join(solver_dir, f)).split("\n"), 1):
        for m in names.finditer(line):
            fails.append("solver/%s:%d names the mechanism-specific '%s'" % (f, n, m.group(0)))
print("checked %d files under common, physics, meshes, postproc and %d generic solver files" % (checked, len(generic)))
print("\n".join(fails) if fails else "PASSED")
sys.exit(1 if fails else 0)
