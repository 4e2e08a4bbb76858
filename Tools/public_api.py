#!/usr/bin/env python3
"""The public surface of the Tally library product, from the compiler's symbol graphs.

    Tools/public_api.py            writes docs/public-api.md
    Tools/public_api.py --check    fails if docs/public-api.md differs from the code, or if
                                   anything public names a storage or encoding internal

Runs `swift package dump-symbol-graph --minimum-access-level public` (into .build)
and lists every public declaration of the modules the `Tally` product links, by module
and type. Everything else in those modules is `package` or `internal`.
"""
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = ["Tally", "TallySystem", "TallyFormat", "TallyStore", "TallyExecution", "TallyPricing",
           "TallyParquet", "TallyIngest", "TallyHost", "TallySQL"]
# Names that must never be public: the file format, encodings, the system seam, the store's
# machinery, the engine's internals.
FORBIDDEN = re.compile(r"\b(Store|StoreOptions|Snapshot|Manifest|PartReader|PartWriter|PartFooter|PartHandle|RowBuffer|"
                       r"ColumnBatch|RollupBatch|IntegerEncoding|QuantityEncoding|CostEncoding|StringDictionary|"
                       r"BitPacking|ByteWriter|ByteReader|Codec|BlockCompressor|CRC32C|FileSystem|FaultInjector|"
                       r"FolderLock|QueryEngine|AggregateQuery|QueryPlan|UsageAnalytics|SQLBinder|SQLParser|"
                       r"RateCardPricer|RateIndex|Importer|Exporter|ActivityLog|APIKeyStore|DemoDataGenerator)\b")


def symbol_graphs():
    # The package's own build folder: the debug build of `make test` is reused.
    out = os.path.join(ROOT, ".build")
    subprocess.run(["swift", "package", "dump-symbol-graph", "--minimum-access-level", "public"],
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return glob.glob(os.path.join(out, "*", "symbolgraph", "*.symbols.json"))


def surface():
    lines = {}
    for path in symbol_graphs():
        name = os.path.basename(path)[: -len(".symbols.json")]
        module = name.split("@")[0]
        if module not in MODULES:
            continue
        graph = json.load(open(path))
        for s in graph["symbols"]:
            if s.get("accessLevel") != "public" or "location" not in s:
                continue
            declaration = "".join(f["spelling"] for f in s.get("declarationFragments", []))
            declaration = re.sub(r"\s+", " ", declaration).strip()
            owner = s["pathComponents"][0]
            lines.setdefault(module, {}).setdefault(owner, set()).add(declaration)
    return lines


def render(lines):
    out = ["# The public surface of `Tally`", "",
           "Every public declaration a host sees with `import Tally`, from the compiler's symbol graphs",
           "(`Tools/public_api.py` writes this file; `make test` checks it against the code). The layers",
           "below the facade keep everything else `package` or `internal`: no storage, encoding or",
           "file-format detail is public.", ""]
    for module in MODULES:
        if module not in lines:
            continue
        out += [f"## {module}", ""]
        for owner in sorted(lines[module]):
            out.append(f"### {owner}")
            out.append("")
            out.append("```swift")
            out += sorted(lines[module][owner])
            out.append("```")
            out.append("")
    return "\n".join(out)


def main():
    lines = surface()
    text = render(lines)
    bad = [l for m in lines.values() for decls in m.values() for l in decls if FORBIDDEN.search(l)]
    target = os.path.join(ROOT, "docs", "public-api.md")
    if "--check" in sys.argv:
        problems = []
        if bad:
            problems.append("public declarations name internals:\n  " + "\n  ".join(sorted(bad)))
        if not os.path.exists(target) or open(target).read() != text:
            problems.append("docs/public-api.md differs from the code; run Tools/public_api.py and review the change")
        if problems:
            print("\n".join(problems), file=sys.stderr)
            sys.exit(1)
        print(f"public API: {sum(len(d) for m in lines.values() for d in m.values())} declarations, as documented")
        return
    if bad:
        print("warning: public declarations name internals:\n  " + "\n  ".join(sorted(bad)), file=sys.stderr)
    with open(target, "w") as f:
        f.write(text)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
