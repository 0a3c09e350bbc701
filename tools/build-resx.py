#!/usr/bin/env python3
"""Writes src/MspasTramite.Web/Resources/SharedResource.en.resx from tools/en-translations.tsv
(Spanish key <TAB> English text). Spanish is the key and the default language, so it needs no file."""
import os
import sys
from xml.sax.saxutils import escape

here = os.path.dirname(os.path.abspath(__file__))
rows = []
seen = set()
with open(os.path.join(here, "en-translations.tsv"), encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        key, value = line.split("\t")
        # Branches merge this file by union (.gitattributes), so a key may arrive twice: first wins.
        if key not in seen:
            seen.add(key)
            rows.append((key, value))

# .NET resource names are case-insensitive: two keys that differ only in case break the build
# (MSB3568) on a fresh clone, so refuse them here, where the message says which ones.
folded = {}
for key, _ in rows:
    folded.setdefault(key.casefold(), []).append(key)
clashes = [keys for keys in folded.values() if len(keys) > 1]
if clashes:
    for keys in clashes:
        print("keys differ only in case (resource names are case-insensitive): " + " | ".join(keys), file=sys.stderr)
    sys.exit(1)

out = ['<?xml version="1.0" encoding="utf-8"?>', "<root>",
       '  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>',
       '  <resheader name="version"><value>2.0</value></resheader>',
       '  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>',
       '  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>']
for key, value in rows:
    out.append(f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(value)}</value></data>')
out.append("</root>")
path = os.path.join(here, "..", "src", "MspasTramite.Web", "Resources", "SharedResource.en.resx")
with open(path, "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print(f"{len(rows)} strings -> {os.path.normpath(path)}")
