#!/usr/bin/env python3
"""Lists the Spanish keys written as L["…"] (or ErrorMessage = "…") in the Web project that
tools/en-translations.tsv does not translate yet, as TSV lines ready to complete with English.
The test Localization/EnglishResourceTests is the authority; this only saves the round trip."""
import os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "src", "MspasTramite.Web")
known = set()
with open(os.path.join(here, "en-translations.tsv"), encoding="utf-8") as f:
    for line in f:
        if "\t" in line:
            known.add(line.split("\t")[0])
call = re.compile(r'\b[lL](?:\(\))?\["((?:[^"\\]|\\.)*)"\s*[,\]]')
error = re.compile(r'ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"')
missing = []
for dirpath, _, files in os.walk(root):
    if os.sep + "bin" in dirpath or os.sep + "obj" in dirpath:
        continue
    for name in files:
        if name.endswith((".cs", ".cshtml")):
            text = open(os.path.join(dirpath, name), encoding="utf-8").read()
            for m in list(call.finditer(text)) + list(error.finditer(text)):
                key = m.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
                if key not in known and key not in missing:
                    missing.append(key)
for key in missing:
    print(key)
sys.exit(1 if missing else 0)
