#!/usr/bin/python3
"""The benchmark's peer (06-quality-targets.md "Scale and speed"): the job of `ccm ingest --signatures
off` as a competent CAS IT person would script it, to measure ccm against. lxml with a hardened
parser (no network, no entities, no DTD, no huge trees) and the same XSD; the cheap rules (F01,
F02, F07, F08, F10-F13, C01, C03, C04, C21); psycopg 3 into a database migrated by `ccm db migrate`
(the same tables and indexes); one transaction per document, durable commits; each file then moved
to an archive or quarantine folder. No signatures, no rules that look back (C08-C19).

    peer-ingest.py --database-url URL --received-at 2026-11-10T10:00:00+02:00 \\
                   --casa TM --mediu TEST --archive DIR --quarantine DIR INBOX
    peer-ingest.py --copy-floor --database-url URL --received-at ... INBOX
        # the storage floor: every file parsed without validation, the rows the peer would
        # store built in memory, then one COPY of them into certificate_versions and one of
        # their current versions (all but deletions) into certificate_current, where ccm's
        # look-back indexes are, in one transaction (only that is timed)

Prints a summary line on standard output: documents by status, certificates stored, seconds.
"""
import argparse, datetime as dt, hashlib, io, json, os, sys, time
from lxml import etree
import psycopg

NS = "{urn:ro:cnas:ccm:raportare:1}"
SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Schemas", "ccm-raportare-v1.xsd")
CEDILLA = str.maketrans("şŞţŢ", "șȘțȚ")
CNP_WEIGHTS = (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)
CNP_COUNTIES = set(range(1, 47)) | {51, 52, 70}
CUI_KEY = (7, 5, 3, 2, 1, 7, 5, 3, 2)

CERT_COLUMNS = ("document_id, cui, luna, valid_from, position, serie, numar, operatie, status, data_acordarii, tip, "
                "initial_serie, initial_numar, initial_data, medic_parafa, medic_nume, loc_prescriere, cnp, nume, prenume, "
                "angajator_cui, angajator_denumire, cod_indemnizatie, cod_diagnostic, cod_urgenta, cod_boala_infecto, "
                "inceput, sfarsit, zile, aviz_numar, aviz_data, cnp_copil, motiv, errors")
# The current versions' table ccm's look-back rules read (migration 0017 moved the look-back
# indexes there from certificate_versions): the storage floor stores each row's current version too.
CURRENT_COLUMNS = ("id, document_id, cui, luna, serie, numar, data_acordarii, tip, initial_serie, initial_numar, initial_data, "
                   "medic_parafa, medic_nume, loc_prescriere, cnp, nume, prenume, angajator_cui, angajator_denumire, "
                   "cod_indemnizatie, cod_diagnostic, cod_urgenta, cod_boala_infecto, inceput, sfarsit, zile, aviz_numar, "
                   "aviz_data, cnp_copil")
DOC_COLUMNS = ("id, file_name, sha256, size_bytes, status, id_document, cui, luna, tip, mediu, data_generare, nr_certificate, "
               "total_zile, received_at, email, stored_as")


def hardened_parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def cnp_valid(cnp):
    if len(cnp) != 13 or not cnp.isascii() or not cnp.isdigit():
        return False
    d = [int(c) for c in cnp]
    if d[0] == 0:
        return False
    century = {1: 1900, 2: 1900, 3: 1800, 4: 1800, 5: 2000, 6: 2000}.get(d[0])
    if century is not None:
        try:
            dt.date(century + d[1] * 10 + d[2], d[3] * 10 + d[4], d[5] * 10 + d[6])
        except ValueError:
            return False
    if d[7] * 10 + d[8] not in CNP_COUNTIES or d[9] == d[10] == d[11] == 0:
        return False
    r = sum(a * b for a, b in zip(d, CNP_WEIGHTS)) % 11
    return (1 if r == 10 else r) == d[12]


def cui_valid(cui):
    body = cui[2:] if cui.startswith("RO") else cui
    if not (2 <= len(body) <= 10) or not body.isascii() or not body.isdigit():
        return False
    d = [int(c) for c in body[:-1].rjust(9, "0")]
    r = sum(a * b for a, b in zip(d, CUI_KEY)) * 10 % 11
    return (0 if r == 10 else r) == int(body[-1])


def day(text):
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def integer(text):
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def ro(d):
    return d.strftime("%d.%m.%Y") if d else ""


def finding(code, message, public=None):
    return {"code": code, "message": message, "public": public or message, "severity": "EROARE"}


class Document:
    """One file read and judged: its header, its certificate rows (without document_id) and its reasons."""

    def __init__(self, path, schema, casa, mediu):
        self.path, self.name = path, os.path.basename(path)
        with open(path, "rb") as f:
            data = f.read()
        self.size, self.sha256 = len(data), hashlib.sha256(data).hexdigest()
        self.reasons, self.rows, self.header = [], [], None
        self.certificates = self.days = 0
        try:
            root = etree.fromstring(data, hardened_parser()).getroottree()
        except etree.XMLSyntaxError as e:
            self.reasons.append(("F01", f"Fișierul nu este un XML valid (linia {e.lineno})"))
            return
        if root.docinfo.doctype:
            self.reasons.append(("F01", "Fișierul nu este un XML valid: declarație DOCTYPE"))
            return
        if schema is not None and not schema.validate(root):
            e = schema.error_log[0]
            self.reasons.append(("F02", f"Fișierul nu respectă schema (linia {e.line}, coloana {e.column})"))
            return
        self.read(root.getroot(), casa, mediu)

    def read(self, r, casa, mediu):
        furnizor, certificate, totaluri = r.find(NS + "Furnizor"), r.find(NS + "Certificate"), r.find(NS + "Totaluri")
        if furnizor is None or certificate is None or totaluri is None:  # only without the XSD (the floor)
            self.reasons.append(("F02", "Fișierul nu respectă schema"))
            return
        h = self.header = {"tip": r.get("tip"), "luna": r.get("luna"), "id": r.get("idDocument", "").lower(),
                           "generare": r.get("dataGenerare"), "mediu": r.get("mediu", "PRODUCTIE"),
                           "cui": furnizor.get("cui"), "casa": furnizor.get("casa"), "email": furnizor.get("email")}
        h["luna_day"] = day(h["luna"] + "-01")
        luna = h["luna_day"]
        if mediu and h["mediu"] != mediu:
            self.reasons.append(("F13", f"Raportare de {h['mediu']} transmisă în alt mediu"))
        if casa and h["casa"] != casa:
            self.reasons.append(("F07", f"Furnizorul {h['cui']} nu are convenție activă cu CAS {casa} pentru luna {h['luna']}"))
        rectificativa = h["tip"] == "RECTIFICATIVA"
        for position, c in enumerate(certificate, start=1):
            self.certificates += 1
            f = {e.tag[len(NS):]: e for e in c}
            serie, numar, operatie = f["Serie"].text, f["Numar"].text, c.get("operatie")
            if rectificativa != (operatie is not None):
                self.reasons.append(("F12", f"Atributul operatie lipsește sau nu este permis (certificatul {serie} {numar})"))
            motiv = f["Motiv"].text if "Motiv" in f else None
            if "DataAcordarii" not in f:  # a deletion's shape: number and reason only
                self.rows.append([position, serie, numar, operatie, "VALID"] + [None] * 23 + [motiv, "[]"])
                continue
            acordare = day(f["DataAcordarii"].text)
            ini, medic, asig, ang, per, aviz = (f.get(k) for k in ("CertificatInitial", "Medic", "Asigurat", "Angajator",
                                                                   "Perioada", "AvizMedicExpert"))
            inceput, sfarsit, zile = day(per.get("inceput")), day(per.get("sfarsit")), integer(per.get("zile"))
            self.days += zile or 0
            cnp = asig.get("cnp")
            errors = []
            if not cnp_valid(cnp):
                errors.append(finding("C01", f"CNP asigurat invalid: {cnp[:1]}{'*' * (len(cnp) - 2)}{cnp[-1:]}",
                                      "CNP asigurat invalid"))
            if luna is None or acordare is None or (acordare.year, acordare.month) != (luna.year, luna.month):
                errors.append(finding("C03", f"Data acordării {ro(acordare)} nu aparține lunii raportate {h['luna']}"))
            if inceput is None or sfarsit is None or sfarsit < inceput or zile != (sfarsit - inceput).days + 1:
                errors.append(finding("C04", f"Perioada concediului este incoerentă ({ro(inceput)} – {ro(sfarsit)}, {zile} zile)"))
            if ang is not None and not cui_valid(ang.get("cui")):
                errors.append(finding("C21", f"CUI angajator invalid: {ang.get('cui')}"))
            text = lambda k: f[k].text if k in f else None
            self.rows.append([
                position, serie, numar, operatie, "CU_ERORI" if errors else "VALID", acordare, text("Tip"),
                ini.get("serie") if ini is not None else None, ini.get("numar") if ini is not None else None,
                day(ini.get("dataAcordarii")) if ini is not None else None,
                medic.get("parafa"), medic.get("nume").translate(CEDILLA), integer(text("LocPrescriere")), cnp,
                asig.get("nume").translate(CEDILLA), asig.get("prenume").translate(CEDILLA),
                ang.get("cui") if ang is not None else None,
                ang.get("denumire").translate(CEDILLA) if ang is not None and ang.get("denumire") is not None else None,
                text("CodIndemnizatie"), text("CodDiagnostic"), integer(text("CodUrgenta")), integer(text("CodBoalaInfecto")),
                inceput, sfarsit, zile, aviz.get("numar") if aviz is not None else None,
                day(aviz.get("data")) if aviz is not None else None, text("CnpCopil"), motiv,
                json.dumps(errors, ensure_ascii=False) if errors else "[]"])
        declared = (integer(totaluri.get("nrCertificate")), integer(totaluri.get("totalZile")))
        if declared != (self.certificates, self.days):
            self.reasons.append(("F08", f"Totalurile de control nu corespund: declarat {declared[0]} certificate / {declared[1]} zile, "
                                        f"calculat {self.certificates} certificate / {self.days} zile"))

    def status(self):
        return "RESPINS" if self.reasons else "INREGISTRAT"

    def document_row(self, doc_id, received_at, stored_as, status=None):
        h = self.header or {}
        return [doc_id, self.name, self.sha256, self.size, status or self.status(), h.get("id"), h.get("cui"),
                h.get("luna_day"), h.get("tip"), h.get("mediu"), h.get("generare"),
                self.certificates if h else None, self.days if h else None, received_at, h.get("email"), stored_as]


def provider_refusal(cur, d, casa):
    """F07 from the registry ccm imported; F10/F11 from the registered documents."""
    h = d.header
    cur.execute("SELECT casa, conventie_de_la, conventie_pana_la FROM providers WHERE cui = %s", (h["cui"],))
    p = cur.fetchone()
    luna = h["luna_day"]
    end = (luna.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if p is None or (casa and p[0] != casa) or p[1] > end or (p[2] is not None and p[2] < luna):
        d.reasons.append(("F07", f"Furnizorul {h['cui']} nu are convenție activă cu CAS {casa} pentru luna {h['luna']}"))
    if h["tip"] == "RECTIFICATIVA":
        cur.execute("SELECT 1 FROM documents WHERE cui = %s AND luna = %s AND status = 'INREGISTRAT' AND tip = 'INITIALA'",
                    (h["cui"], luna))
        if cur.fetchone() is None:
            d.reasons.append(("F11", f"Nu există o raportare inițială pentru luna {h['luna']}"))


def move(path, folder):
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, os.path.basename(path))
    os.rename(path, target)
    if os.path.exists(path + ".p7s"):
        os.rename(path + ".p7s", target + ".p7s")
    return target


def ingest(a, files, schema):
    counts = {"INREGISTRAT": 0, "RESPINS": 0, "DUPLICAT": 0}
    stored = 0
    with psycopg.connect(a.database_url, autocommit=True) as conn:
        conn.execute("SET synchronous_commit = on")
        cur = conn.cursor()
        for path in files:
            d = Document(path, schema, a.casa, a.mediu)
            if d.header and not d.reasons:
                provider_refusal(cur, d, a.casa)
            status = d.status()
            folder = os.path.join(a.archive, d.header["luna"]) if status == "INREGISTRAT" else a.quarantine
            target = os.path.join(folder, d.name)
            try:
                with conn.transaction():
                    cur.execute(f"INSERT INTO documents ({DOC_COLUMNS}) VALUES (nextval('documents_id_seq'), "
                                + ", ".join(["%s"] * 15) + ") RETURNING id",
                                d.document_row(None, a.received_at, target)[1:])
                    doc_id = cur.fetchone()[0]
                    if status == "INREGISTRAT" and d.rows:
                        h = d.header
                        # the month's partition, made by its first document (ccm's migration 17)
                        cur.execute("SELECT certificate_versions_partition(%s)", (h["luna_day"],))
                        with cur.copy(f"COPY certificate_versions ({CERT_COLUMNS}) FROM STDIN") as cp:
                            head = (doc_id, h["cui"], h["luna_day"], a.received_at)
                            for row in d.rows:
                                cp.write_row(head + tuple(row))
                        if h["tip"] == "RECTIFICATIVA":
                            supersede(cur, doc_id, a.received_at)
                    reasons(cur, doc_id, d.reasons)
            except psycopg.errors.UniqueViolation as e:
                constraint = e.diag.constraint_name
                if constraint != "documents_one_initial":
                    counts["DUPLICAT"] += 1  # the same bytes or idDocument already registered
                    print(f"{d.name}: DUPLICAT", file=sys.stderr)
                    continue
                d.reasons.append(("F10", f"Există deja o raportare inițială pentru luna {d.header['luna']}; "
                                         "transmiteți o rectificativă"))
                status, folder = "RESPINS", a.quarantine
                target = os.path.join(folder, d.name)
                with conn.transaction():
                    cur.execute(f"INSERT INTO documents ({DOC_COLUMNS}) VALUES (nextval('documents_id_seq'), "
                                + ", ".join(["%s"] * 15) + ") RETURNING id",
                                d.document_row(None, a.received_at, target, status)[1:])
                    reasons(cur, cur.fetchone()[0], d.reasons)
            counts[status] += 1
            stored += len(d.rows) if status == "INREGISTRAT" else 0
            move(path, folder)
            print(f"{d.name}: {status}", file=sys.stderr)
    return counts, stored


def supersede(cur, doc_id, at):
    cur.execute("""UPDATE certificate_versions old SET valid_to = %(at)s FROM certificate_versions new
                   WHERE new.document_id = %(id)s AND new.operatie IN ('MODIFICARE', 'STERGERE')
                     AND old.cui = new.cui AND old.luna = new.luna AND old.serie = new.serie AND old.numar = new.numar
                     AND old.valid_to IS NULL AND old.document_id <> %(id)s""", {"id": doc_id, "at": at})
    cur.execute("UPDATE certificate_versions SET valid_to = valid_from WHERE document_id = %s AND operatie = 'STERGERE'",
                (doc_id,))


def reasons(cur, doc_id, found):
    if found:
        cur.executemany("INSERT INTO document_reasons (document_id, seq, code, severity, message) VALUES (%s, %s, %s, 'EROARE', %s)",
                        [(doc_id, i, code, message) for i, (code, message) in enumerate(sorted(found), start=1)])


def copy_text(value):
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    s = value if isinstance(value, str) else value.isoformat() if isinstance(value, dt.date) else str(value)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_floor(a, files):
    """The rows the peer would store, built first; then only their COPY and COMMIT are timed."""
    docs, certs, current = io.StringIO(), io.StringIO(), io.StringIO()
    ndocs = nrows = ncurrent = 0
    months = set()
    initials = set()  # (cui, luna) registered so far: F10 and F11 as the database would answer them
    with psycopg.connect(a.database_url) as conn:  # ids after those the database holds already (bench.sh BASE=)
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
        version_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM certificate_versions").fetchone()[0]
    for doc_id, path in enumerate(files, start=first):
        d = Document(path, None, a.casa, a.mediu)
        if d.status() != "INREGISTRAT" or ((d.header["cui"], d.header["luna"]) in initials) == (d.header["tip"] == "INITIALA"):
            continue
        initials.add((d.header["cui"], d.header["luna"]))
        months.add(d.header["luna_day"])
        ndocs += 1
        docs.write("\t".join(map(copy_text, d.document_row(doc_id, a.received_at, None))) + "\n")
        head = "\t".join(map(copy_text, (doc_id, d.header["cui"], d.header["luna_day"], a.received_at))) + "\t"
        for row in d.rows:
            certs.write(copy_text(version_id) + "\t" + head + "\t".join(map(copy_text, row)) + "\n")
            if row[3] != "STERGERE":   # a deletion's row is never current
                current.write("\t".join(map(copy_text, (version_id, doc_id, d.header["cui"], d.header["luna_day"], row[1], row[2])
                                                   + tuple(row[5:28]))) + "\n")
                ncurrent += 1
            version_id += 1
            nrows += 1
    docs_data, certs_data, current_data = docs.getvalue().encode(), certs.getvalue().encode(), current.getvalue().encode()
    with psycopg.connect(a.database_url) as conn:
        conn.execute("SET synchronous_commit = on")
        start = time.monotonic()
        with conn.cursor() as cur:
            for m in sorted(months):  # the months' partitions (ccm's migration 17)
                cur.execute("SELECT certificate_versions_partition(%s)", (m,))
            with cur.copy(f"COPY documents ({DOC_COLUMNS}) FROM STDIN") as cp:
                cp.write(docs_data)
            with cur.copy(f"COPY certificate_versions (id, {CERT_COLUMNS}) FROM STDIN") as cp:
                for i in range(0, len(certs_data), 1 << 20):
                    cp.write(certs_data[i:i + (1 << 20)])
            versions = time.monotonic() - start
            with cur.copy(f"COPY certificate_current ({CURRENT_COLUMNS}) FROM STDIN") as cp:
                for i in range(0, len(current_data), 1 << 20):
                    cp.write(current_data[i:i + (1 << 20)])
        conn.commit()
        seconds = time.monotonic() - start
    print(f"storage floor: {ndocs} documents, {nrows} certificate rows ({ncurrent} current; their COPY {seconds - versions:.3f} s), "
          f"COPY and COMMIT {seconds:.3f} s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--received-at", required=True, type=dt.datetime.fromisoformat)
    ap.add_argument("--casa", default="TM")
    ap.add_argument("--mediu", default="TEST")
    ap.add_argument("--archive")
    ap.add_argument("--quarantine")
    ap.add_argument("--copy-floor", action="store_true")
    ap.add_argument("inbox")
    a = ap.parse_args()
    files = sorted(os.path.join(a.inbox, n) for n in os.listdir(a.inbox) if n.endswith(".xml"))
    if a.copy_floor:
        copy_floor(a, files)
        return
    if not a.archive or not a.quarantine:
        ap.error("--archive and --quarantine are required to ingest")
    start = time.monotonic()
    schema = etree.XMLSchema(etree.parse(SCHEMA, hardened_parser()))
    counts, stored = ingest(a, files, schema)
    print(f"peer: {counts['INREGISTRAT']} INREGISTRAT, {counts['RESPINS']} RESPINS, {counts['DUPLICAT']} DUPLICAT, "
          f"{stored} certificate versions, {time.monotonic() - start:.2f} s")


main()
