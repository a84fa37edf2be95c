#!/usr/bin/env python3
"""Writes the English plural forms of translations/stratus_en.ts (a plural-only file).

Each numerus message's source says "%n file(s)"; English wants "%n file" for one and "%n files"
for the rest. A message whose forms are already written is left alone, so hand-made forms (say,
"%n copy" / "%n copies") stay. Run after `cmake --build build --target update_translations`.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("stratus_en.ts"))
tree = ET.parse(path)
filled = 0
for message in tree.getroot().iter("message"):
    if message.get("numerus") != "yes":
        continue
    source = message.findtext("source") or ""
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    if translation.get("type") != "unfinished" and forms and all((f.text or "").strip() for f in forms):
        continue
    for form in forms:
        translation.remove(form)
    singular = re.sub(r"\(s\)", "", source)
    plural = re.sub(r"\(s\)", "s", source)
    for text in (singular, plural):
        ET.SubElement(translation, "numerusform").text = text
    translation.attrib.pop("type", None)
    filled += 1
tree.write(path, encoding="utf-8", xml_declaration=True)
print(f"{path}: {filled} plural message(s) filled")
