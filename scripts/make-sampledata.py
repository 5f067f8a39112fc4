#!/usr/bin/env python3
"""(Re)create SampleData/: a small, realistic county (CAS Timiș, code TM) for luna 2026-10.

    python3 scripts/make-sampledata.py [--seed N] [--mediu TEST|PRODUCTIE] [--out DIR]

Python 3 standard library only. Deterministic: every random choice comes from
random.Random seeded with the --seed value and a fixed label, nothing depends on the
clock, the machine, the locale or PYTHONHASHSEED. Running it twice gives the same bytes.

What it writes (see SampleData/README.md, which it also writes):
  registry/furnizori.csv        30 providers of CAS TM
  registry/medici.csv           doctors (parafe) of 5 providers, for C18
  registry/carnete.csv          certificate pads of 5 providers, for C17
  registry-bad/furnizori.csv    5 rows, lines 3 and 5 bad (the import must refuse it whole)
  inbox/                        submissions received on time (--received-at 2026-11-10T10:00:00+02:00)
  inbox-late/                   submissions received late   (--received-at 2026-11-13T09:00:00+02:00)
  inbox-rectificative/          RECTIFICATIVA documents     (--received-at 2026-11-20T10:00:00+02:00)
  expected.json                 the outcome each file was built to produce (file codes, certificates stored,
                                certificate codes), and the centralizer as of the 14th, after the
                                rectificatives and after `ccm revalidate`
  README.md
"""

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import shutil
import sys
import uuid
from pathlib import Path

LUNA = "2026-10"
OCT_FIRST = dt.date(2026, 10, 1)
OCT_LAST = dt.date(2026, 10, 31)
CASA = "TM"
NS = "urn:ro:cnas:ccm:raportare:1"
RECEIVED = {
    "inbox": "2026-11-10T10:00:00+02:00",
    "inbox-late": "2026-11-13T09:00:00+02:00",
    "inbox-rectificative": "2026-11-20T10:00:00+02:00",
}
FOLDERS = tuple(RECEIVED)          # processing order of the folders (by receipt time)
RECT = "inbox-rectificative"
# The 14th's edition of the centralizer (before any rectificative), and when the sample's
# `ccm revalidate --luna 2026-10` is assumed to run (after the rectificatives).
AS_OF_14TH = "2026-11-14T08:00:00+02:00"
DEFAULT_SEED = 20261031

CUI_KEY = (7, 5, 3, 2, 1, 7, 5, 3, 2)
CNP_KEY = (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)

# Romanian legal holidays near the month (none falls in October 2026).
HOLIDAYS = {dt.date(2026, 11, 30), dt.date(2026, 12, 1), dt.date(2026, 12, 25), dt.date(2026, 12, 26)}

# Counties of residence at birth: mostly Timiș (35), then its neighbours and the big cities.
COUNTY_WEIGHTS = [(35, 70), (2, 6), (11, 5), (20, 4), (16, 2), (25, 2), (22, 2), (12, 1),
                  (5, 1), (40, 1), (41, 1), (42, 1), (43, 1), (38, 1), (37, 1), (33, 1)]


# --------------------------------------------------------------------------- check digits

def cui_control(base: str) -> int:
    """Control digit of a CUI (key 753217532): base padded to 9 on the left, sum*10 mod 11, 10 -> 0."""
    padded = base.rjust(9, "0")
    s = sum(int(d) * k for d, k in zip(padded, CUI_KEY))
    c = s * 10 % 11
    return 0 if c == 10 else c


def cnp_control(first12: str) -> int:
    """Control digit of a CNP: weights 279146358279, sum mod 11, 10 -> 1."""
    c = sum(int(d) * k for d, k in zip(first12, CNP_KEY)) % 11
    return 1 if c == 10 else c


class Ids:
    """Unique CUIs, CNPs, parafe and UUIDs, each drawn from its own seeded stream."""

    def __init__(self, seed: int):
        self.rng_cui = random.Random(f"{seed}:cui")
        self.rng_cnp = random.Random(f"{seed}:cnp")
        self.rng_uuid = random.Random(f"{seed}:uuid")
        self.rng_parafa = random.Random(f"{seed}:parafa")
        self.cuis = set()
        self.cnps = set()
        self.parafe = set()

    def cui(self, ndigits: int) -> str:
        while True:
            base = str(self.rng_cui.randint(10 ** (ndigits - 2), 10 ** (ndigits - 1) - 1))
            cui = base + str(cui_control(base))
            if cui not in self.cuis:
                self.cuis.add(cui)
                return cui

    def bad_cui(self, ndigits: int) -> str:
        """A CUI whose control digit is wrong."""
        base = str(self.rng_cui.randint(10 ** (ndigits - 2), 10 ** (ndigits - 1) - 1))
        good = cui_control(base)
        return base + str((good + 3) % 10)

    def cnp(self, birth: dt.date, female: bool, county: int, rng=None) -> str:
        rng = rng or self.rng_cnp
        if 1900 <= birth.year <= 1999:
            s = 2 if female else 1
        elif 2000 <= birth.year <= 2099:
            s = 6 if female else 5
        else:
            raise ValueError(birth)
        while True:
            serial = rng.randint(1, 999)
            first12 = f"{s}{birth:%y%m%d}{county:02d}{serial:03d}"
            cnp = first12 + str(cnp_control(first12))
            if cnp not in self.cnps:
                self.cnps.add(cnp)
                return cnp

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng_uuid.getrandbits(128), version=4))

    def parafa(self, rng=None) -> str:
        rng = rng or self.rng_parafa
        while True:
            r = rng.random()
            if r < 0.6:
                p = rng.choice("ABCDEFGHJKLMNPRSTVZ") + f"{rng.randint(10000, 99999)}"
            elif r < 0.9:
                p = f"{rng.randint(100000, 999999)}"
            else:
                p = "TM" + f"{rng.randint(1000, 99999)}"
            if p not in self.parafe:
                self.parafe.add(p)
                return p


# --------------------------------------------------------------------------- names

SURNAMES = [
    "Popescu", "Ionescu", "Popa", "Pop", "Stan", "Dumitru", "Stoica", "Gheorghe", "Matei", "Rusu",
    "Munteanu", "Ciobanu", "Marin", "Constantin", "Lungu", "Moldovan", "Mureșan", "Toma", "Ardelean",
    "Nistor", "Dragomir", "Vlad", "Cristea", "Oprea", "Barbu", "Tudor", "Sârbu", "Nițu", "Lăzărescu",
    "Șerban", "Ștefănescu", "Bălan", "Pătrașcu", "Tănase", "Costache", "Florea", "Iancu", "Radu",
    "Dobre", "Neagu", "Zamfir", "Crăciun", "Petrișor", "Husar", "Bogdan", "Cârstea", "Țăranu",
    "Mihăilă", "Jurcă", "Bozdog", "Groza", "Lupu", "Chirilă", "Precup", "Vlaicu", "Drăgan", "Mocanu",
    "Oancea", "Boroș", "Ursu", "Damian", "Gavrilă", "Roșu", "Șandru", "Ungureanu", "Turcu", "Bărbuț",
    "Pașca", "Cotoară", "Brânzei", "Sălăjan", "Țurcanu", "Vasilescu", "Gligor", "Onea", "Cimpoeșu",
    "Szabó", "Kovács", "Müller", "Schmidt", "Jovanović", "Petrović", "Weber", "Nagy",
    "Cîmpeanu", "Pîrvu", "Tîrziu",  # old spelling with î, kept in identity documents
]

# Names forced into the first certificates of the ISO-8859-2 and windows-1250 documents, so that
# each of them carries ş ţ ă î â (written with cedilla there: those encodings have no comma-below).
ENCODED_NAMES = {True: [("Ţîrlea", "Luminița"), ("Mîndruț", "Ștefania")],
                 False: [("Pîrvu", "Ștefan"), ("Cîmpeanu", "Ionuț")]}
FEMALE = [
    "Maria", "Elena", "Ioana", "Ana", "Andreea", "Alexandra", "Mihaela", "Cristina", "Daniela",
    "Gabriela", "Simona", "Roxana", "Raluca", "Larisa", "Ștefania", "Oana", "Bianca", "Diana",
    "Loredana", "Corina", "Irina", "Adriana", "Nicoleta", "Florentina", "Cătălina", "Denisa", "Teodora",
    "Luminița", "Violeta", "Anca", "Camelia", "Lavinia", "Ana-Maria", "Maria-Cristina", "Iulia",
    "Georgiana", "Rodica", "Aurelia", "Mirela", "Petronela", "Brândușa", "Lăcrămioara", "Ecaterina",
]
MALE = [
    "Ion", "Gheorghe", "Vasile", "Mihai", "Andrei", "Alexandru", "Adrian", "Florin", "Cristian",
    "Daniel", "Bogdan", "Ștefan", "Marius", "Ionuț", "Răzvan", "Sorin", "Dorin", "Cosmin", "Lucian",
    "Radu", "Tudor", "Constantin", "Petru", "Nicolae", "Cătălin", "Viorel", "Costel", "Traian",
    "Ovidiu", "Horațiu", "Sebastian", "Dănuț", "Iosif", "Aurel", "Emil", "Mircea", "Laurențiu",
    "Valentin", "Gabriel", "Dragoș", "Bogdan-Ștefan", "Mihai-Cătălin",
]

COMMA_TO_CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"})


def cedilla(s: str) -> str:
    return s.translate(COMMA_TO_CEDILLA)


def has_comma_below(s: str) -> bool:
    return any(ch in s for ch in "șțȘȚ")


# --------------------------------------------------------------------------- the county

# key, tip, denumire, e-mail slug, CUI digits, scenario
# scenario: what the provider does in the sample month (see README).
PROVIDERS = [
    ("MF01", "MF", "CMI Dr. Popescu Ana-Maria", "cmi-popescu", 8, "good+f02serie"),
    ("MF02", "MF", "CMI Dr. Mureșan Ioan", "cmi-muresan", 8, "good+iso"),
    ("MF03", "MF", "CMI Dr. Șerban Cristina", "cmi-serban", 8, "good+xxe"),
    ("MF04", "MF", "CMI Dr. Țăranu Mihai", "cmi-taranu", 8, "good+f10"),
    ("MF05", "MF", "CMI Dr. Ardelean Simona", "cmi-ardelean", 8, "good+copie"),
    ("MF06", "MF", "CMI Dr. Lazăr Dorin", "cmi-lazar", 8, "good+f12"),
    ("MF07", "MF", "CMI Dr. Stoica Elena", "cmi-stoica", 8, "good"),
    ("MF08", "MF", "CMI Dr. Kovács Ildikó", "cmi-kovacs", 7, "good"),
    ("MF09", "MF", "CMI Dr. Bălan Gheorghe", "cmi-balan", 8, "good"),
    ("MF10", "MF", "CMI Dr. Oprea Lucian, Sânnicolau Mare", "cmi-oprea", 8, "good"),
    ("MF11", "MF", "CMI Dr. Nistor Loredana", "cmi-nistor", 8, "late"),
    ("MF12", "MF", "CMI Dr. Dumitrescu Ștefania", "cmi-dumitrescu", 8, "nothing"),
    ("MF13", "MF", "CMI Dr. Moldovan Vasile", "cmi-moldovan", 7, "expired"),
    ("MF14", "MF", "CMI Dr. Crăciun Ioana", "cmi-craciun", 8, "future"),
    ("MF15", "MF", "CMI Dr. Husar Petru", "cmi-husar", 8, "f07cj"),
    ("AMB1", "AMB", "Policlinica Sanitas Timișoara SRL", "policlinica-sanitas", 8, "good+f09"),
    ("AMB2", "AMB", "Centrul Medical Bega SRL", "cmbega", 8, "good+w1250"),
    ("AMB3", "AMB", "Clinica Medicală Banat, Punct de Lucru Lugoj SRL", "clinicabanat", 8, "good+f02perioada"),
    ("AMB4", "AMB", "Policlinica Dr. Dragomir SRL", "policlinica-dragomir", 8, "good"),
    ("AMB5", "AMB", "Ambulatoriul de Specialitate Recaș SRL", "ambulatoriu-recas", 8, "f08f12"),
    ("AMB6", "AMB", "Medical Center Fabric SRL", "mcfabric", 8, "f11"),
    ("AMB7", "AMB", "Cabinet Ortopedie Dr. Vlad SRL", "ortopedie-vlad", 8, "nothing"),
    ("SP1", "SPITAL", "Spitalul Clinic Județean de Urgență Pius Brînzeu Timișoara", "hosptm", 7, "good+trunc"),
    ("SP2", "SPITAL", "Spitalul Clinic Municipal de Urgență Timișoara", "spitalul-municipal-tm", 7, "good+f08"),
    ("SP3", "SPITAL", "Spitalul Clinic de Boli Infecțioase și Pneumoftiziologie Dr. Victor Babeș Timișoara",
     "spitalul-babes-tm", 6, "good"),
    ("SP4", "SPITAL", "Spitalul Municipal de Urgență Lugoj", "spitalul-lugoj", 7, "late"),
    ("ALT1", "ALTUL", 'Centrul Medical "Sfântul Nicolae" SRL', "cm-sfantulnicolae", 8, "good+idreuse"),
    ("ALT2", "ALTUL", "Centrul de Dializă Timișoara SRL", "dializa-timisoara", 8, "good+empty"),
    ("ALT3", "ALTUL", "Centrul de Recuperare Medicală Buziaș SRL", "recuperare-buzias", 8, "good"),
    ("ALT4", "ALTUL", "Centrul de Sănătate Multifuncțional Deta", "csm-deta", 8, "f13"),
]

# Employers (fictitious), CUIs drawn at start-up; two carry the optional RO prefix.
EMPLOYERS = [
    "Banat Construct SRL", "Bega Logistic SRL", "Alfa Software Timișoara SRL", "Agricola Recaș SA",
    "Electro Banat SRL", "Primăria Municipiului Lugoj", "Școala Gimnazială nr. 16 Timișoara",
    "Colegiul Național Bănățean", "Auto Parts Industries Timișoara SRL", "Timiș Trans Cargo SRL",
    "Mobila Făget SRL", "Brutăria Sânpetru SRL", "Direcția de Asistență Socială Timișoara",
    "Spedition Jimbolia SRL", "Hotel Central Buziaș SRL", "Confecții Deta SA", "Farmacia Dumbrăvița SRL",
    "Lactate Banatul SRL", "IT Solutions Banat SRL", "Construcții Moșnița SRL", "Service Auto Ghiroda SRL",
    'Asociația "Casa Bunicilor" Timișoara', "Universitatea de Vest din Timișoara", "Kaufland Sânmihai SRL",
    "Poșta Timiș Distribuție SRL", "Transport Public Timișoara SA", "Grădinița cu Program Prelungit nr. 5 Lugoj",
]

# Diagnoses (WHO ICD-10 categories, optionally a subcategory), by indemnity code and setting.
DIAG = {
    "01": ["J06", "J06.9", "J06.9", "J20", "J20.9", "J11", "J11.1", "J02", "J03", "J01", "M54.5", "M54",
           "M51", "M75", "K29", "K29.7", "I10", "R50", "A09", "K52", "N39.0", "N30", "H66", "J45", "G43",
           "M25.5", "J18"],
    "01H": ["J18", "J18.9", "K80", "K80.2", "I10", "I20", "M51", "N20", "K29", "E11", "J44", "K85", "I48"],
    "02": ["S62", "S62.6", "S82", "S82.6", "S93", "S93.4", "S52", "S42", "S60", "T14"],
    "03": ["S62", "S62.6", "S82", "S93.4", "S52", "S61", "S66", "T14", "S01"],
    "05": ["A38", "B01", "B01.9", "B15", "A02", "A03", "B05", "A37", "B26"],
    "06": ["K35", "K35.8", "I21", "I63", "S72", "S82", "K80", "K56", "S06", "K92"],
    "08": ["O26", "O26.8", "O20", "O21", "O47", "O99"],
    "09": ["J06", "J20", "A09", "B01", "H66", "J18", "J03", "R50"],
}

# Indemnity-code weights by setting.
CODE_WEIGHTS = {
    "MF": [("01", 78), ("02", 2), ("03", 2), ("05", 3), ("08", 6), ("09", 9)],
    "AMB": [("01", 72), ("02", 5), ("03", 5), ("05", 2), ("06", 4), ("08", 6), ("09", 6)],
    "ALTUL": [("01", 80), ("02", 4), ("03", 4), ("08", 6), ("09", 6)],
    "SPITAL": [("01", 50), ("02", 6), ("03", 6), ("05", 8), ("06", 18), ("08", 6), ("09", 6)],
    "SPITAL-INFECTO": [("01", 40), ("05", 45), ("06", 5), ("09", 10)],
}

LOC = {"MF": 1, "SPITAL": 2, "AMB": 3, "ALTUL": 3}


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def rand_date(rng, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def working(d: dt.date) -> bool:
    return d.weekday() < 5 and d not in HOLIDAYS


class Provider:
    def __init__(self, row, ids: Ids, rng: random.Random, idx_nonhosp: int, idx_hosp: int):
        key, tip, den, slug, ndig, scen = row
        self.key, self.tip, self.denumire, self.scenario = key, tip, den, scen
        self.cui = ids.cui(ndig)
        self.casa = CASA
        self.email = f"contact@{slug}.ro"
        num = {"MF": 100 + rng.randint(1, 899), "AMB": rng.randint(10, 399),
               "SPITAL": rng.randint(1, 40), "ALTUL": rng.randint(1, 150)}[tip]
        prefix = {"MF": "MF", "AMB": "AMB", "SPITAL": "SP", "ALTUL": "ALT"}[tip]
        self.de_la, self.pana_la = "2025-01-01", ""
        year = 2025
        if scen == "expired":
            self.pana_la = "2026-09-30"
        if scen == "future":
            self.de_la, year = "2026-11-01", 2026
        self.nr_conventie = f"{prefix}-{num}/{year}"
        self.loc = LOC[tip]
        self.serie = "CCMAS" if tip == "SPITAL" else "CCMAM"
        if tip == "SPITAL":
            self.next_num = 2100000 + 10000 * idx_hosp + rng.randint(1, 4000)
        else:
            self.next_num = 4400000 + 1000 * idx_nonhosp + rng.randint(1, 400)
        # doctors
        ndoc = {"MF": 1, "AMB": rng.randint(3, 5), "SPITAL": rng.randint(8, 12), "ALTUL": rng.randint(1, 3)}[tip]
        self.doctors = []
        if tip == "MF":
            name = den.split("Dr. ", 1)[1].split(",")[0]
            self.doctors.append((ids.parafa(), name))
        else:
            for _ in range(ndoc):
                female = rng.random() < 0.55
                self.doctors.append((ids.parafa(), f"{rng.choice(SURNAMES)} {rng.choice(FEMALE if female else MALE)}"))
        self.weights = CODE_WEIGHTS["SPITAL-INFECTO" if key == "SP3" else tip]

    @property
    def in_october(self) -> bool:
        lo = dt.date.fromisoformat(self.de_la)
        hi = dt.date.fromisoformat(self.pana_la) if self.pana_la else dt.date.max
        return lo <= OCT_LAST and hi >= OCT_FIRST


# --------------------------------------------------------------------------- certificates

class World:
    def __init__(self, seed: int):
        self.seed = seed
        self.ids = Ids(seed)
        rng = random.Random(f"{seed}:registry")
        self.providers = []
        nh = h = 0
        for row in PROVIDERS:
            p = Provider(row, self.ids, rng, nh, h)
            if p.tip == "SPITAL":
                h += 1
            else:
                nh += 1
            self.providers.append(p)
        self.by_key = {p.key: p for p in self.providers}
        self.employers = []
        for i, name in enumerate(EMPLOYERS):
            cui = self.ids.cui(rng.choice((6, 7, 8, 8, 8)))
            if i in (3, 17):
                cui = "RO" + cui
            self.employers.append((cui, name))

    # one insured person
    def person(self, rng, female=None, born_lo=dt.date(1961, 1, 1), born_hi=dt.date(2005, 12, 31),
               own_ids=False, county=None):
        """own_ids: draw the CNP serial from rng too (the certificate-rule additions use their own
        stream, so that the base county stays byte-identical)."""
        if female is None:
            female = rng.random() < 0.55
        birth = rand_date(rng, born_lo, born_hi)
        if county is None:
            county = wchoice(rng, COUNTY_WEIGHTS)
        cnp = self.ids.cnp(birth, female, county, rng if own_ids else None)
        nume = rng.choice(SURNAMES)
        prenume = rng.choice(FEMALE if female else MALE)
        # some provider software still writes the cedilla letters
        if (has_comma_below(nume) or has_comma_below(prenume)) and rng.random() < 0.3:
            nume, prenume = cedilla(nume), cedilla(prenume)
        return cnp, nume, prenume

    def child_cnp(self, rng, on: dt.date):
        # strictly under 7 on `on` (and on every day of the period, as periods start in the month)
        lo = dt.date(on.year - 7, on.month, 1) + dt.timedelta(days=40)
        hi = on - dt.timedelta(days=200)
        birth = rand_date(rng, lo, hi)
        return self.ids.cnp(birth, rng.random() < 0.5, wchoice(rng, COUNTY_WEIGHTS))

    def gen_certs(self, p: Provider, n: int, rng: random.Random, lo=OCT_FIRST, hi=OCT_LAST,
                  allow_cont=True):
        """n certificates issued by p with DataAcordarii in [lo, hi], numbered in issue order."""
        episodes = []
        count = 0
        seq = 0
        while count < n:
            code = wchoice(rng, p.weights)
            female = None
            if code == "08":
                female = True
            elif code == "09":
                female = rng.random() < 0.8
            if code == "08":
                ins = self.person(rng, True, dt.date(1984, 1, 1), dt.date(2004, 6, 30))
            elif code == "09":
                ins = self.person(rng, female, dt.date(1981, 1, 1), dt.date(2002, 12, 31))
            else:
                ins = self.person(rng, female)
            # issue date: cabinets work Monday to Friday, hospitals every day (mostly weekdays)
            while True:
                da = rand_date(rng, lo, hi)
                if working(da) or (p.tip == "SPITAL" and rng.random() < 0.3):
                    break
            # duration
            hosp = p.tip == "SPITAL"
            if code == "01":
                dur = rng.choice((2, 3, 3, 4, 4, 4)) if p.loc == 1 else (
                    rng.randint(5, 14) if hosp else rng.randint(3, 10))
            elif code in ("02", "03"):
                dur = rng.randint(5, 10) if p.loc == 1 else rng.randint(7, 21)
            elif code == "05":
                dur = rng.randint(5, 10) if not hosp else rng.randint(7, 14)
            elif code == "06":
                dur = rng.randint(10, 30)
            elif code == "08":
                dur = rng.choice((10, 14, 21, 30))
            else:  # 09
                dur = rng.randint(3, 7)
            # start of the leave
            if hosp and code != "08" and rng.random() < 0.35:
                inceput = da - dt.timedelta(days=rng.randint(2, 6))   # discharge certificate covering the stay
                dur = max(dur, (da - inceput).days + 3)
            elif code != "08" and rng.random() < 0.2:
                inceput = da - dt.timedelta(days=1)
            else:
                inceput = da
            sfarsit = inceput + dt.timedelta(days=dur - 1)
            if code == "01" and hosp:
                diag = rng.choice(DIAG["01H"] + DIAG["01"][:8])
            else:
                diag = rng.choice(DIAG[code])
            doctor = rng.choice(p.doctors)
            emp = rng.choice(self.employers) if rng.random() < 0.86 else None
            if emp is not None and rng.random() < 0.15:
                emp = (emp[0], None)  # denumire is optional
            cert = {
                "tip": "INITIAL", "da": da, "doctor": doctor, "loc": p.loc, "ins": ins, "emp": emp,
                "code": code, "diag": diag, "inceput": inceput, "sfarsit": sfarsit,
                "urgenta": rng.randint(1, 100) if code == "06" else None,
                "infecto": rng.randint(1, 37) if code == "05" else None,
                "copil": self.child_cnp(rng, inceput) if code == "09" else None,
                "initial": None, "seq": seq,
            }
            seq += 1
            episode = [cert]
            count += 1
            # a continuation, for ordinary illness, now and then
            e = sfarsit
            if (allow_cont and count < n and code in ("01", "02", "03") and rng.random() < 0.14
                    and e >= da + dt.timedelta(days=1) and e + dt.timedelta(days=1) <= hi):
                if hosp:
                    da_c = e
                elif working(e):
                    da_c = e
                elif e.weekday() == 6 and working(e + dt.timedelta(days=1)):
                    da_c = e + dt.timedelta(days=1)  # E non-working: first working day after it
                elif e.weekday() == 5 and e - dt.timedelta(days=1) > da:
                    da_c = e - dt.timedelta(days=1)
                else:
                    da_c = None
                if da_c is not None and da_c <= hi:
                    if p.loc == 1 and code == "01":
                        dur_c = rng.randint(1, 7 - dur)          # chain at the family doctor <= 7 days
                    elif hosp:
                        dur_c = rng.randint(5, 10)
                    else:
                        dur_c = rng.randint(3, 7)
                    diag_c = diag[:3] if ("." in diag and rng.random() < 0.3) else diag
                    doctor_c = doctor if rng.random() < 0.8 else rng.choice(p.doctors)
                    cont = dict(cert)
                    cont.update({
                        "tip": "CONTINUARE", "da": da_c, "doctor": doctor_c, "diag": diag_c,
                        "inceput": e + dt.timedelta(days=1),
                        "sfarsit": e + dt.timedelta(days=dur_c), "initial": cert, "seq": seq,
                        "urgenta": None, "infecto": None, "copil": None,
                    })
                    seq += 1
                    episode.append(cont)
                    count += 1
            episodes.append(episode)
        certs = sorted((c for ep in episodes for c in ep), key=lambda c: (c["da"], c["seq"]))
        for c in certs:
            c["serie"] = p.serie
            c["numar"] = str(p.next_num)
            p.next_num += 1
        return certs


def zile(c) -> int:
    return (c["sfarsit"] - c["inceput"]).days + 1


def zile_decl(c) -> int:
    """Perioada/@zile as written: the true count, unless the certificate is built to trip C04."""
    return c.get("zile_decl") or zile(c)


# --------------------------------------------------------------------------- XML

def xattr(s: str) -> str:
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def xtext(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_cert(c, opt) -> str:
    """One Certificat. opt: per-certificate overrides (operatie, serie_raw, no_perioada, nume_raw;
    for rectificatives: stergere = Serie, Numar and Motiv only; motiv = the Motiv text)."""
    op = f' operatie="{opt["operatie"]}"' if opt.get("operatie") else ""
    if opt.get("stergere"):
        out = [f"    <Certificat{op}>", f"      <Serie>{xtext(c['serie'])}</Serie><Numar>{c['numar']}</Numar>"]
        if opt.get("motiv"):
            out.append(f"      <Motiv>{xtext(opt['motiv'])}</Motiv>")
        out.append("    </Certificat>")
        return "\n".join(out)
    serie = opt.get("serie_raw", xtext(c["serie"]))
    cnp, nume, prenume = c["ins"]
    nume_x = opt.get("nume_raw", xattr(nume))
    parafa, mnume = c["doctor"]
    out = [f"    <Certificat{op}>",
           f"      <Serie>{serie}</Serie><Numar>{c['numar']}</Numar>",
           f"      <DataAcordarii>{c['da']}</DataAcordarii>",
           f"      <Tip>{c['tip']}</Tip>"]
    if c["initial"] is not None:
        i = c["initial"]
        out.append(f'      <CertificatInitial serie="{i["serie"]}" numar="{i["numar"]}" dataAcordarii="{i["da"]}"/>')
    out.append(f'      <Medic parafa="{parafa}" nume="{xattr(mnume)}"/>')
    out.append(f"      <LocPrescriere>{c['loc']}</LocPrescriere>")
    out.append(f'      <Asigurat cnp="{cnp}" nume="{nume_x}" prenume="{xattr(prenume)}"/>')
    if c["emp"] is not None:
        ecui, eden = c["emp"]
        den = f' denumire="{xattr(eden)}"' if eden else ""
        out.append(f'      <Angajator cui="{ecui}"{den}/>')
    out.append(f"      <CodIndemnizatie>{c['code']}</CodIndemnizatie>")
    out.append(f"      <CodDiagnostic>{c['diag']}</CodDiagnostic>")
    if c["urgenta"] is not None:
        out.append(f"      <CodUrgenta>{c['urgenta']}</CodUrgenta>")
    if c["infecto"] is not None:
        out.append(f"      <CodBoalaInfecto>{c['infecto']}</CodBoalaInfecto>")
    if not opt.get("no_perioada"):
        out.append(f'      <Perioada inceput="{c["inceput"]}" sfarsit="{c["sfarsit"]}" zile="{zile_decl(c)}"/>')
    if c.get("aviz"):
        out.append(f'      <AvizMedicExpert numar="{xattr(c["aviz"][0])}" data="{c["aviz"][1]}"/>')
    if c["copil"] is not None:
        out.append(f"      <CnpCopil>{c['copil']}</CnpCopil>")
    if opt.get("motiv"):
        out.append(f"      <Motiv>{xtext(opt['motiv'])}</Motiv>")
    out.append("    </Certificat>")
    return "\n".join(out)


def render(doc) -> bytes:
    """doc: dict with tip, luna, id, gen, mediu, furnizor (cui, casa, nrConventie, denumire, email),
    certs, cert_opts {index: opt}, totals (nr, zile) or None (= correct), encoding, cedilla, doctype."""
    certs = doc["certs"]
    opts = doc.get("cert_opts", {})
    nr = len(certs)
    tz = sum(zile_decl(c) for i, c in enumerate(certs) if not opts.get(i, {}).get("no_perioada"))
    if doc.get("totals"):
        nr, tz = doc["totals"](nr, tz)
    f = doc["furnizor"]
    enc = doc.get("encoding", "UTF-8")
    lines = [f'<?xml version="1.0" encoding="{enc}"?>']
    if doc.get("doctype"):
        lines.append(doc["doctype"])
    mediu = f' mediu="{doc["mediu"]}"' if doc.get("mediu") else ""
    lines.append(f'<RaportareCCM xmlns="{NS}" versiune="1" tip="{doc["tip"]}" luna="{doc["luna"]}"')
    lines.append(f'              idDocument="{doc["id"]}" dataGenerare="{doc["gen"]}"{mediu}>')
    email = f' email="{xattr(f["email"])}"' if f.get("email") else ""
    lines.append(f'  <Furnizor cui="{f["cui"]}" casa="{f["casa"]}" nrConventie="{xattr(f["nrConventie"])}" '
                 f'denumire="{xattr(f["denumire"])}"{email}/>')
    if certs:
        lines.append("  <Certificate>")
        for i, c in enumerate(certs):
            lines.append(render_cert(c, opts.get(i, {})))
        lines.append("  </Certificate>")
    else:
        lines.append("  <Certificate/>")
    lines.append(f'  <Totaluri nrCertificate="{nr}" totalZile="{tz}"/>')
    lines.append("</RaportareCCM>")
    text = "\n".join(lines) + "\n"
    if doc.get("cedilla"):
        text = cedilla(text)
    codec = {"UTF-8": "utf-8", "ISO-8859-2": "iso-8859-2", "windows-1250": "cp1250"}[enc]
    data = text.encode(codec)  # strict: every character must exist in the declared encoding
    if doc.get("bad_byte"):
        token, byte = doc["bad_byte"]
        assert data.count(token.encode("ascii")) == 1
        data = data.replace(token.encode("ascii"), byte)
    return data


# --------------------------------------------------------------------------- the scenario

class Builder:
    def __init__(self, world: World, mediu: str):
        self.w = world
        self.mediu = mediu
        self.other_mediu = "PRODUCTIE" if mediu == "TEST" else "TEST"
        self.files = []   # (folder, name, bytes, status, codes, certificates, cui, note)
        self.good_docs = {}   # provider key -> its registered INITIALA (certificate rules are added to it)
        self.rng = random.Random(f"{world.seed}:documents")
        self.rng_gen = random.Random(f"{world.seed}:dataGenerare")

    def gen_time(self, day_lo=2, day_hi=9, last=None) -> str:
        while True:
            d = dt.date(2026, 11, self.rng_gen.randint(day_lo, day_hi))
            if working(d) or self.rng_gen.random() < 0.15:
                break
        h, m = self.rng_gen.randint(8, 17), self.rng_gen.randint(0, 59)
        s = self.rng_gen.randint(0, 59)
        t = f"{d}T{h:02d}:{m:02d}:{s:02d}+02:00"
        if last is not None and t <= last:
            return self.gen_time(day_lo, day_hi, last)
        return t

    def furnizor(self, p: Provider, **over):
        f = {"cui": p.cui, "casa": p.casa, "nrConventie": p.nr_conventie, "denumire": p.denumire,
             "email": p.email}
        f.update(over)
        return f

    def add(self, folder, name, data, status, codes, ncert, cui, note, doc=None):
        """data: the bytes, or a function giving them once the certificate-rule additions are in
        (registered documents and their copies). doc: the registered document itself."""
        self.files.append({"folder": folder, "file": name, "bytes": data, "status": status,
                           "codes": codes, "certificates": ncert, "cui": cui, "note": note, "doc": doc})

    def count_for(self, p: Provider) -> int:
        r = self.rng
        return {"MF": r.randint(5, 13), "AMB": r.randint(10, 20), "SPITAL": r.randint(30, 45),
                "ALTUL": r.randint(5, 9)}[p.tip]

    def doc(self, p, certs, **kw):
        d = {"tip": "INITIALA", "luna": LUNA, "id": self.w.ids.uuid(), "gen": self.gen_time(),
             "mediu": self.mediu, "furnizor": self.furnizor(p), "certs": certs}
        d.update(kw)
        return d

    @staticmethod
    def name(p_or_cui, tip="I", n=1, luna="202610", suffix=""):
        cui = p_or_cui if isinstance(p_or_cui, str) else p_or_cui.cui
        return f"CCM_{cui}_{luna}_{tip}_{n}{suffix}.xml"

    def pick(self, certs, pred=lambda c: True, start=None):
        """Index of a certificate in the middle of the list satisfying pred."""
        n = len(certs)
        order = list(range(n // 2, n)) + list(range(0, n // 2)) if start is None else list(range(start, n))
        for i in order:
            if pred(certs[i]):
                return i
        raise RuntimeError("no certificate matches")

    def build(self):
        w, r = self.w, self.rng
        # Everything is generated provider by provider, in registry order.
        for p in w.providers:
            s = p.scenario
            if s in ("nothing", "future"):
                continue
            if s == "late":
                certs = w.gen_certs(p, self.count_for(p), r)
                gen = self.gen_time(12, 13)
                if gen > "2026-11-13T09":
                    gen = "2026-11-13T08:12:40+02:00"
                d = self.doc(p, certs, gen=gen)
                self.good_docs[p.key] = d
                self.add("inbox-late", self.name(p), lambda d=d: render(d), "INREGISTRAT", ["W01"], len(certs),
                         p.cui, "INITIALA received after the 12th (late, still registered)", doc=d)
                continue
            if s == "expired":
                certs = w.gen_certs(p, r.randint(5, 10), r)
                self.add("inbox", self.name(p), render(self.doc(p, certs)), "RESPINS", ["F07"], 0, p.cui,
                         "convention ended 2026-09-30: no convention covering any day of 2026-10")
                continue
            if s == "f07cj":
                certs = w.gen_certs(p, r.randint(5, 10), r)
                d = self.doc(p, certs, furnizor=self.furnizor(p, casa="CJ"))
                self.add("inbox", self.name(p), render(d), "RESPINS", ["F07"], 0, p.cui,
                         'casa="CJ" for a provider of CAS TM (its only report: FĂRĂ RAPORTARE)')
                continue
            if s == "f08f12":
                certs = w.gen_certs(p, self.count_for(p), r)
                i = self.pick(certs)
                d = self.doc(p, certs, cert_opts={i: {"operatie": "ADAUGARE"}},
                             totals=lambda nr, tz: (nr, tz + 5))
                self.add("inbox", self.name(p), render(d), "RESPINS", ["F08", "F12"], 0, p.cui,
                         "totalZile declared 5 more than the sum AND operatie=\"ADAUGARE\" in an INITIALA "
                         "(its only report: FĂRĂ RAPORTARE)")
                continue
            if s == "f11":
                certs = w.gen_certs(p, 3, r, allow_cont=False)
                d = self.doc(p, certs, tip="RECTIFICATIVA", gen=self.gen_time(6, 9),
                             cert_opts={i: {"operatie": "ADAUGARE"} for i in range(len(certs))})
                self.add("inbox", self.name(p, "R"), render(d), "RESPINS", ["F11"], 0, p.cui,
                         "RECTIFICATIVA (3 × ADAUGARE) from a provider with no INITIALA for 2026-10 "
                         "(FĂRĂ RAPORTARE)")
                continue
            if s == "f13":
                certs = w.gen_certs(p, self.count_for(p), r)
                d = self.doc(p, certs, mediu=self.other_mediu)
                self.add("inbox", self.name(p), render(d), "RESPINS", ["F13"], 0, p.cui,
                         f'mediu="{self.other_mediu}" sent to a {self.mediu} deployment '
                         "(its only report: FĂRĂ RAPORTARE)")
                continue
            assert s.startswith("good"), s
            self.build_good(p, s)
        self.build_unknown()
        # certificate-level rules: additions to some registered documents, drawn after everything above
        self.rules = RuleCases(self)
        self.rules.build()
        for f in self.files:
            if callable(f["bytes"]):
                f["bytes"] = f["bytes"]()
            if f["doc"] is not None:
                f["certificates"] = sum(1 for c in f["doc"]["certs"] if c.get("stored", True))

    def build_good(self, p: Provider, s: str):
        w, r = self.w, self.rng
        certs = [] if s == "good+empty" else w.gen_certs(p, self.count_for(p), r)
        n = len(certs)
        good_kw = {}
        if s in ("good+iso", "good+w1250"):
            used = {True: 0, False: 0}
            for c in certs[:4]:
                if c["tip"] != "INITIAL" or any(x["initial"] is c for x in certs):
                    continue  # keep chains consistent: rename only stand-alone certificates
                cnp = c["ins"][0]
                female = int(cnp[0]) % 2 == 0
                if used[female] < len(ENCODED_NAMES[female]):
                    c["ins"] = (cnp,) + ENCODED_NAMES[female][used[female]]
                    used[female] += 1
        if s == "good+iso":
            good_kw = {"encoding": "ISO-8859-2", "cedilla": True}
        elif s == "good+w1250":
            good_kw = {"encoding": "windows-1250", "cedilla": True}
        elif p.key == "AMB1":
            good_kw = {"furnizor": self.furnizor(p, denumire=cedilla(p.denumire))}
        elif p.key in ("MF09", "SP3"):
            good_kw = {"furnizor": self.furnizor(p, email=None)}

        if s in ("good+f02serie", "good+xxe", "good+f12", "good+w1250", "good+f02perioada", "good+trunc",
                 "good+f08"):
            # a refused first attempt (_I_1), then the corrected file (_I_2)
            first_gen = self.gen_time(2, 6)
            bad = self.doc(p, certs, gen=first_gen, **good_kw)
            good = self.doc(p, certs, gen=self.gen_time(7, 9, last=first_gen), **good_kw)
            i = self.pick(certs)
            if s == "good+f02serie":
                bad["cert_opts"] = {i: {"serie_raw": certs[i]["serie"].lower()}}
                codes, note = ["F02"], f"Serie \"{certs[i]['serie'].lower()}\" in lowercase (certificate {i + 1})"
            elif s == "good+f02perioada":
                bad["cert_opts"] = {i: {"no_perioada": True}}
                codes, note = ["F02"], f"Perioada missing in certificate {i + 1} (Totaluri consistent with it)"
            elif s == "good+f12":
                bad["cert_opts"] = {i: {"operatie": "ADAUGARE"}}
                codes, note = ["F12"], f"operatie=\"ADAUGARE\" on certificate {i + 1} of an INITIALA"
            elif s == "good+f08":
                bad["totals"] = lambda nr, tz: (nr + 1, tz)
                codes, note = ["F08"], f"Totaluri nrCertificate=\"{n + 1}\" for {n} certificates"
            elif s == "good+xxe":
                bad["doctype"] = ('<!DOCTYPE RaportareCCM [\n'
                                  '  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
                                  ']>')
                bad["cert_opts"] = {i: {"serie_raw": "&xxe;"}}
                codes, note = ["F01"], ("DOCTYPE with an external entity SYSTEM \"file:///etc/passwd\", "
                                        f"referenced as `<Serie>&xxe;</Serie>` in certificate {i + 1}")
            elif s == "good+w1250":
                j = self.pick(certs, lambda c: any(ch in cedilla(c["ins"][1]) for ch in "şţăîâ"))
                nume = cedilla(certs[j]["ins"][1])
                k = next(x for x, ch in enumerate(nume) if ch in "şţăîâ")
                raw = xattr(nume[:k]) + "#BADBYTE#" + xattr(nume[k + 1:])
                bad["cert_opts"] = {j: {"nume_raw": raw}}
                bad["bad_byte"] = ("#BADBYTE#", b"\x81")
                codes, note = ["F01"], (f"declared windows-1250, byte 0x81 (undefined in windows-1250) in the "
                                        f"insured's name of certificate {j + 1}")
            elif s == "good+trunc":
                codes, note = ["F01"], None
            data = render(bad)
            if s == "good+trunc":
                starts = [k for k in range(len(data)) if data.startswith(b"<Certificat>", k)]
                k = starts[len(starts) // 2]
                a = data.index(b'<Asigurat cnp="', k) + len(b'<Asigurat cnp="') + 6
                data = data[:a]
                note = (f"truncated after {a} bytes, inside certificate {len(starts) // 2 + 1} of {len(starts)} "
                        "(upload cut)")
            self.add("inbox", self.name(p, n=1), data, "RESPINS", codes, 0, p.cui, note)
            self.good_docs[p.key] = good
            self.add("inbox", self.name(p, n=2), lambda: render(good), "INREGISTRAT", [], n, p.cui,
                     "the corrected resubmission: registered", doc=good)
            return

        good = self.doc(p, certs, **good_kw)
        self.good_docs[p.key] = good
        data = lambda: render(good)
        note = "good INITIALA"
        if s == "good+iso":
            note = "good INITIALA encoded in ISO-8859-2 (names with ş ţ ă î â)"
        elif s == "good+empty":
            note = "good INITIALA with an empty `<Certificate/>` (no certificates issued)"
        elif p.key == "AMB1":
            note = "good INITIALA; Furnizor denumire written with cedilla ş"
        self.add("inbox", self.name(p), data, "INREGISTRAT", [], n, p.cui, note, doc=good)

        if s == "good+copie":
            self.add("inbox", self.name(p, suffix="_copie"), data, "DUPLICAT", [], 0, p.cui,
                     f"byte-identical copy of {self.name(p)}")
        elif s == "good+idreuse":
            later = dt.datetime.fromisoformat(good["gen"]) + dt.timedelta(minutes=17, seconds=23)
            # re-exported a quarter of an hour later (dataGenerare differs, so the bytes differ)
            data2 = lambda: render(dict(good, gen=later.isoformat()))
            self.add("inbox", self.name(p, suffix="_v2"), data2, "DUPLICAT", [], 0, p.cui,
                     f"different bytes (dataGenerare) but the idDocument of {self.name(p)}")
        elif s == "good+f10":
            extra = w.gen_certs(p, 1, r, allow_cont=False)
            self.f10_extra = (p.key, extra[0])   # reported later by rectificative (inbox-rectificative/)
            again = self.doc(p, certs + extra, gen=self.gen_time(8, 10, last=good["gen"]))
            if again["gen"] >= "2026-11-10T10":
                again["gen"] = "2026-11-10T09:41:07+02:00"
            self.add("inbox", self.name(p, n=2), lambda: render(dict(again, certs=good["certs"] + extra)),
                     "RESPINS", ["F10"], 0, p.cui,
                     "second INITIALA for 2026-10 (the first plus one forgotten certificate)")
        elif s == "good+f09":
            nov = w.gen_certs(p, r.randint(4, 8), r, lo=dt.date(2026, 11, 2), hi=dt.date(2026, 11, 9),
                              allow_cont=False)
            d = self.doc(p, nov, luna="2026-11", gen="2026-11-09T16:05:33+02:00")
            self.add("inbox", self.name(p, luna="202611"), render(d), "RESPINS", ["F09"], 0, p.cui,
                     'luna="2026-11", not over at receipt (2026-11-10)')

    def build_unknown(self):
        w, r = self.w, self.rng
        fake = Provider(("MFX", "MF", "CMI Dr. Vasilescu Radu", "cmi-vasilescu", 8, "unknown"),
                        w.ids, random.Random(f"{w.seed}:unknown"), 40, 0)
        cui = fake.cui  # fresh, valid control digit, not in the registry
        fake.nr_conventie = "MF-977/2025"
        certs = w.gen_certs(fake, r.randint(5, 9), r)
        self.add("inbox", self.name(cui), render(self.doc(fake, certs)), "RESPINS", ["F07"], 0, cui,
                 "provider CUI (valid control digit) not in the registry")


# --------------------------------------------------------------------------- certificate rules

def D(s) -> dt.date:
    return s if isinstance(s, dt.date) else dt.date.fromisoformat(s)


class RuleCases:
    """Certificates added to the registered INITIALA of nine providers, each built to trip one
    certificate-level rule (C01–C21, W02) or to stay quiet next to one, and the doctors
    (medici.csv) and pads (carnete.csv) registered for some providers.

    Everything here is drawn from its own seeded stream after the base county is complete, so the
    base certificates, and every file of a provider that gets no additions, keep their bytes.
    Each added certificate says what it expects (`expect`: its codes, in code order) and whether it
    is stored (`stored`: False only for a repeat of this provider's own number, C16). Base
    certificates expect nothing. The outcome is re-derived independently by a checker; see README.
    """

    DOCTORS_FOR = ("MF07", "MF10", "AMB4", "AMB1", "SP3")   # medici.csv
    PADS_FOR = ("MF08", "MF05", "ALT3", "AMB4", "SP3")       # carnete.csv

    def __init__(self, b):
        self.b, self.w = b, b.w
        self.rng = random.Random(f"{self.w.seed}:certificate-rules")
        self.added = {}        # provider key -> added certificates, in the order they were made
        self.cases = []        # (code, "trips" | "quiet", provider key, certificate, text) for the README
        self.extra_doctors = {}  # provider key -> [(parafa, nume, activ_de_la, activ_pana_la)]
        self.medici = []
        self.carnete = []

    # -- building blocks

    def person(self, female=None, lo=dt.date(1961, 1, 1), hi=dt.date(2003, 12, 31), county=None):
        return self.w.person(self.rng, female, lo, hi, own_ids=True, county=county)

    def child(self, birth: str):
        return self.w.ids.cnp(D(birth), self.rng.random() < 0.5, 35, self.rng)

    def employer(self, other_than=None):
        while True:
            e = self.rng.choice(self.w.employers)
            if other_than is None or e[0] != other_than[0]:
                return e

    def doctor(self, p):
        female = self.rng.random() < 0.55
        return (self.w.ids.parafa(self.rng),
                f"{self.rng.choice(SURNAMES)} {self.rng.choice(FEMALE if female else MALE)}")

    def cert(self, p, da, inceput, days, *, code="01", diag=None, tip="INITIAL", ins=None, emp="any",
             doctor=None, initial=None, loc=None, urgenta=None, infecto=None, copil=None, zile_decl=None,
             aviz=None, numar=None, same_numar_as=None, expect=(), stored=True, outside_pads=False):
        r = self.rng
        if ins is None:
            if code == "08":
                ins = self.person(True, dt.date(1984, 1, 1), dt.date(2004, 6, 30))
            elif code == "09":
                ins = self.person(None, dt.date(1978, 1, 1), dt.date(1999, 12, 31))
            else:
                ins = self.person()
        if emp == "any":
            emp = self.employer()
        inceput = D(inceput)
        c = {"tip": tip, "da": D(da), "doctor": doctor or r.choice(p.doctors), "loc": loc or p.loc,
             "ins": ins, "emp": emp, "code": code, "diag": diag or r.choice(DIAG[code]),
             "inceput": inceput, "sfarsit": inceput + dt.timedelta(days=days - 1),
             "urgenta": urgenta,
             "infecto": infecto, "copil": copil, "initial": initial, "serie": p.serie, "numar": numar,
             "same_numar_as": same_numar_as, "zile_decl": zile_decl, "aviz": aviz,
             "expect": sorted(expect), "stored": stored, "outside_pads": outside_pads}
        self.added.setdefault(p.key, []).append(c)
        return c

    def case(self, code, role, p, c, text):
        self.cases.append((code, role, p.key, c, text))

    # -- the cases, provider by provider (processing order: file name, see README)

    def build(self):
        w, P = self.w, self.w.by_key
        self.alt3(P["ALT3"])
        self.mf07(P["MF07"])
        self.mf08(P["MF08"])
        self.amb4(P["AMB4"])
        self.sp3(P["SP3"])
        self.amb1(P["AMB1"], P["AMB4"])
        self.mf05(P["MF05"])
        self.mf10(P["MF10"], P["AMB4"])
        self.mf09(P["MF09"])
        self.merge_and_number()
        self.registries()

    def alt3(self, p):
        c = self.cert(p, "2026-10-14", "2026-10-14", 7, numar=str(4486000 + self.rng.randint(1, 999)),
                      outside_pads=True, expect=["C17"])
        self.case("C17", "trips", p, c, "number outside every pad distributed to the provider (ALT3 has pads "
                  "in carnete.csv)")
        bad = str(self.rng.randint(1000000, 9999999))
        bad_cui = bad + str((cui_control(bad) + 4) % 10)
        c = self.cert(p, "2026-10-21", "2026-10-21", 3, emp=(bad_cui, "Depozitul Giarmata SRL"), expect=["C21"])
        self.case("C21", "trips", p, c, f"employer CUI {bad_cui}: wrong control digit")
        c = self.cert(p, "2026-10-08", "2026-10-08", 5, loc=4, expect=["C13"])
        self.case("C13", "trips", p, c, "LocPrescriere 4 (CAS) in a provider's report")

    def mf07(self, p):
        c = self.cert(p, "2026-10-05", "2026-10-05", 5, expect=["C14"])
        self.case("C14", "trips", p, c, "code 01 at place 1: an INITIAL of 5 days (Set 2024: ≤ 4)")
        ins = self.person()
        i = self.cert(p, "2026-10-12", "2026-10-12", 4, ins=ins, diag="J06.9")
        c = self.cert(p, "2026-10-15", "2026-10-16", 3, ins=ins, tip="CONTINUARE", initial=i, emp=i["emp"],
                      diag="J06")
        self.case("C14", "quiet", p, i, "chain at place 1 of exactly 7 days: INITIAL 4 days (this one) …")
        self.case("C14", "quiet", p, c, "… + CONTINUARE 3 days = 7 (limit 7): no C14")
        ins = self.person()
        i = self.cert(p, "2026-10-19", "2026-10-19", 4, ins=ins, diag="M54.5")
        c = self.cert(p, "2026-10-22", "2026-10-23", 4, ins=ins, tip="CONTINUARE", initial=i, emp=i["emp"],
                      diag="M54.5", expect=["C14"])
        self.case("C14", "quiet", p, i, "INITIAL 4 days at place 1 (the first of a chain that reaches 8)")
        self.case("C14", "trips", p, c, "CONTINUARE of 4 days: chain at place 1 reaches 4 + 4 = 8 days (limit 7); "
                  "only the continuation fires")
        locum = (self.w.ids.parafa(self.rng), "Sârbu Cosmin")
        c = self.cert(p, "2026-10-27", "2026-10-27", 3, doctor=locum, expect=["C18"])
        self.case("C18", "trips", p, c, f"parafa {locum[0]} (a locum) not among the doctors registered for MF07")

    def mf08(self, p):
        ins = self.person()
        cnp = ins[0]
        wrong = cnp[:12] + str((int(cnp[12]) + 3) % 10)
        c = self.cert(p, "2026-10-06", "2026-10-06", 3, ins=(wrong,) + ins[1:], expect=["C01"])
        self.case("C01", "trips", p, c, "insured CNP with a wrong control digit")
        first12 = f"2{dt.date(1979, 3, 14):%y%m%d}47{self.rng.randint(1, 999):03d}"
        cnp47 = first12 + str(cnp_control(first12))
        self.w.ids.cnps.add(cnp47)
        c = self.cert(p, "2026-10-07", "2026-10-07", 2, ins=(cnp47, "Toma", "Irina"), expect=["C01"])
        self.case("C01", "trips", p, c, "insured CNP with county code 47 (not a county; control digit right)")
        c = self.cert(p, "2026-10-07", "2026-10-08", 3, ins=self.person(county=70))
        self.case("C01", "quiet", p, c, "insured CNP with county code 70 (allowed)")
        c = self.cert(p, "2026-10-13", "2026-10-13", 3, zile_decl=2, expect=["C04"])
        self.case("C04", "trips", p, c, "Perioada 13–15 Oct declared zile=\"2\" (3 days); Totaluri count the 2")
        c = self.cert(p, "2026-10-20", "2026-10-20", 140, code="08", diag="O26", expect=["C14"])
        self.case("C14", "trips", p, c, "code 08 of 140 days (limit 126)")
        c = self.cert(p, "2026-10-26", "2026-10-26", 126, code="08", diag="O26.8")
        self.case("C14", "quiet", p, c, "code 08 of exactly 126 days; also > 90 days without AvizMedicExpert, "
                  "but code 08 is exempt from C15")
        self.case("C15", "quiet", p, c, "code 08 of 126 days without AvizMedicExpert: 08 is exempt")

    def amb4(self, p):
        ins = self.person()
        i = self.cert(p, "2026-10-13", "2026-10-13", 8, ins=ins, diag="J20")
        self.cross_initial = i
        self.case("C08", "quiet", p, i, "INITIAL 13–20 Oct whose continuation is reported by AMB1 (a later file)")
        c = self.cert(p, "2026-10-14", "2026-10-09", 6, diag="M54.5", expect=["C06"])
        self.case("C06", "trips", p, c, "INITIAL issued 14 Oct starting 9 Oct (more than 1 day back, code 01, place 3)")
        c = self.cert(p, "2026-10-06", "2026-09-28", 30, code="08", diag="O26")
        self.case("C06", "quiet", p, c, "code 08 INITIAL issued 6 Oct starting 28 Sep: 08 may start in the month "
                  "before")
        c = self.cert(p, "2026-10-05", "2026-10-05", 16, diag="M75", expect=["C14"])
        self.case("C14", "trips", p, c, "code 01 at place 3: an INITIAL of 16 days (limit 15)")
        c = self.cert(p, "2026-10-07", "2026-10-07", 15, diag="M51")
        self.case("C14", "quiet", p, c, "code 01 at place 3: an INITIAL of exactly 15 days")
        left = self.doctor(p)
        new = self.doctor(p)
        self.extra_doctors[p.key] = [(left[0], left[1], "2021-02-01", "2026-10-09"),
                                     (new[0], new[1], "2026-10-12", "")]
        c = self.cert(p, "2026-10-09", "2026-10-09", 4, doctor=left)
        self.case("C18", "quiet", p, c, f"parafa {left[0]} on 9 Oct, the last day it is active (activ_pana_la "
                  "2026-10-09, inclusive)")
        c = self.cert(p, "2026-10-12", "2026-10-12", 5, doctor=new)
        self.case("C18", "quiet", p, c, f"parafa {new[0]} on 12 Oct, its first active day (activ_de_la 2026-10-12)")
        c = self.cert(p, "2026-10-16", "2026-10-16", 5, doctor=left, expect=["C18"])
        self.case("C18", "trips", p, c, f"parafa {left[0]} on 16 Oct: registered for AMB4 but active only until "
                  "2026-10-09")

    def sp3(self, p):
        c = self.cert(p, "2026-10-08", "2026-10-06", 10, code="05", diag="A02", infecto=38, expect=["C12"])
        self.case("C12", "trips", p, c, "code 05 with CodBoalaInfecto 38 (the list has 1–37)")
        c = self.cert(p, "2026-10-09", "2026-10-07", 9, code="05", diag="B01", infecto=37)
        self.case("C12", "quiet", p, c, "code 05 with CodBoalaInfecto 37 (the last in the list)")
        c = self.cert(p, "2026-10-12", "2026-10-12", 7, diag="I53", expect=["C11"])
        self.case("C11", "trips", p, c, "CodDiagnostic I53: no such ICD-10 category")
        c = self.cert(p, "2026-10-07", "2026-10-04", 95, code="12", diag="A15", expect=["C15"])
        self.case("C15", "trips", p, c, "code 12 (tuberculosis) INITIAL of 95 days (> 90), no AvizMedicExpert")
        c = self.cert(p, "2026-10-21", "2026-10-19", 95, code="12", diag="A16", aviz=("AV-1187", "2026-10-20"))
        self.case("C15", "quiet", p, c, "code 12 INITIAL of 95 days WITH AvizMedicExpert")
        c = self.cert(p, "2026-10-22", "2026-10-22", 5, code="09", diag="J18", copil=self.child("2008-04-17"),
                      ins=self.person(None, dt.date(1972, 1, 1), dt.date(1985, 12, 31)), expect=["C02"])
        self.case("C02", "trips", p, c, "code 09 for a child born 2008-04-17: 18 on inceput (no W02: 18 is not "
                  "7–17)")

    def amb1(self, p, amb4):
        i = self.cross_initial
        c = self.cert(p, "2026-10-20", "2026-10-21", 7, ins=i["ins"], emp=i["emp"], tip="CONTINUARE",
                      initial=i, diag="J20.9")
        self.case("C08", "quiet", p, c, f"CONTINUARE of an INITIAL reported by AMB4 ({amb4.cui}, a file "
                  "processed earlier); issued on E=20 Oct, starts 21 Oct: no C08, no C09")
        ins = self.person(True)
        e1 = self.employer()
        a = self.cert(p, "2026-10-12", "2026-10-12", 5, ins=ins, emp=e1, diag="J06")
        e2 = self.employer(other_than=e1)
        q = self.cert(p, "2026-10-12", "2026-10-12", 5, ins=ins, emp=e2, diag="J06")
        b = self.cert(p, "2026-10-14", "2026-10-14", 5, ins=ins, emp=e1, diag="M54", expect=["C19"])
        self.case("C19", "quiet", p, a, "12–16 Oct, employer 1 (the certificate the next one overlaps)")
        self.case("C19", "quiet", p, q, "same insured, same days 12–16 Oct, but for her second employer")
        self.case("C19", "trips", p, b, "same insured, 14–18 Oct, same employer as the 12–16 Oct one, "
                  "another episode")
        ins = self.person(True, dt.date(1985, 1, 1), dt.date(1998, 12, 31))
        e = self.employer()
        k1 = self.cert(p, "2026-10-19", "2026-10-19", 5, code="09", diag="J06", ins=ins, emp=e,
                       copil=self.child("2023-05-09"))
        k2 = self.cert(p, "2026-10-21", "2026-10-21", 5, code="09", diag="B01", ins=ins, emp=e,
                       copil=self.child("2021-01-20"))
        self.case("C19", "quiet", p, k1, "code 09, child aged 3, 19–23 Oct …")
        self.case("C19", "quiet", p, k2, "… and code 09 for her other child, aged 5, 21–25 Oct, same employer: "
                  "different children, no C19")
        ins = self.person()
        i = self.cert(p, "2026-10-19", "2026-10-19", 5, ins=ins, diag="J20")
        c = self.cert(p, "2026-10-26", "2026-10-24", 5, ins=ins, emp=i["emp"], tip="CONTINUARE", initial=i,
                      diag="J20", expect=["C09"])
        self.case("C09", "trips", p, c, "CONTINUARE from 24 Oct of a period ended Fri 23 Oct (a working day) but "
                  "issued Mon 26 Oct (> E)")
        ins = self.person()
        i = self.cert(p, "2026-10-05", "2026-10-05", 6, ins=ins, diag="J01")
        c = self.cert(p, "2026-10-12", "2026-10-11", 6, ins=ins, emp=i["emp"], tip="CONTINUARE", initial=i,
                      diag="J01")
        self.case("C09", "quiet", p, c, "CONTINUARE from 11 Oct of a period ended Sat 10 Oct, issued Mon 12 Oct "
                  "(the first working day after E)")

    def mf05(self, p):
        g1 = self.cert(p, "2026-10-20", "2026-10-20", 3)
        g2 = self.cert(p, "2026-10-21", "2026-10-21", 3, same_numar_as=g1, stored=False, expect=["C16"])
        self.case("C16", "quiet", p, g1, "the first certificate with this number: stored, VALID")
        self.case("C16", "trips", p, g2, "another insured, same Serie and Numar later in the same document: "
                  "listed with C16, NOT stored")
        ins = self.person()
        i = self.cert(p, "2026-10-05", "2026-10-05", 4, ins=ins, diag="J06")
        c = self.cert(p, "2026-10-08", "2026-10-09", 2, ins=ins, emp=i["emp"], tip="CONTINUARE", initial=i,
                      diag="M54", expect=["C10"])
        self.case("C10", "trips", p, c, "CONTINUARE with diagnosis M54 of an INITIAL for J06 (other category)")
        ins = self.person()
        i = self.cert(p, "2026-10-13", "2026-10-13", 4, ins=ins, diag="J20.9")
        c = self.cert(p, "2026-10-16", "2026-10-17", 2, ins=ins, emp=i["emp"], tip="CONTINUARE", initial=i,
                      diag="J20")
        self.case("C10", "quiet", p, c, "CONTINUARE with J20 of an INITIAL for J20.9 (same category)")
        c = self.cert(p, "2026-10-22", "2026-10-22", 4, code="09", diag="H66", copil=self.child("2017-06-03"),
                      expect=["W02"])
        self.case("W02", "trips", p, c, "code 09 for a child aged 9 (warning only: the certificate stays VALID)")
        c = self.cert(p, "2026-10-26", "2026-10-26", 3, code="09", diag="J06", copil=self.child("2020-02-11"))
        self.case("W02", "quiet", p, c, "code 09 for a child aged 6")

    def mf10(self, p, amb4):
        base = [c for c in self.b.good_docs[amb4.key]["certs"] if c.get("expect") is None]
        named = {id(c["initial"]) for c in base if c["initial"] is not None}
        other = next(c for c in base[len(base) // 2:]
                     if c["tip"] == "INITIAL" and id(c) not in named and c["code"] == "01")
        c = self.cert(p, "2026-10-14", "2026-10-14", 3, numar=other["numar"], expect=["C16"])
        self.case("C16", "trips", p, c, f"number of a certificate AMB4 ({amb4.cui}) reported in a file processed "
                  "earlier: stored as CU_ERORI")
        self.case("C17", "quiet", p, c, "MF10's C16 certificate: its number lies in an AMB4 pad, but MF10 has no "
                  "pads registered, so no C17")
        c = self.cert(p, "2026-10-07", "2026-10-07", 3, tip="CONTINUARE", expect=["C07"])
        self.case("C07", "trips", p, c, "CONTINUARE without CertificatInitial")
        first = min(int(x["numar"]) for x in self.b.good_docs[p.key]["certs"])
        ref = {"serie": p.serie, "numar": str(first - self.rng.randint(15, 40)), "da": D("2026-09-28")}
        c = self.cert(p, "2026-10-01", "2026-10-02", 3, tip="CONTINUARE", initial=ref, diag="J06", expect=["C08"])
        self.case("C08", "trips", p, c, f"CONTINUARE of {ref['serie']} {ref['numar']} of 2026-09-28, reported "
                  "nowhere (a September certificate)")
        c = self.cert(p, "2026-10-19", "2026-10-19", 30, code="08", diag="O26",
                      ins=self.person(False, dt.date(1984, 1, 1), dt.date(1999, 12, 31)), expect=["C20"])
        self.case("C20", "trips", p, c, "code 08 for a man (CNP first digit odd)")

    def mf09(self, p):
        c = self.cert(p, "2026-09-30", "2026-09-30", 3, expect=["C03"])
        self.case("C03", "trips", p, c, "DataAcordarii 2026-09-30, in an October report")
        c = self.cert(p, "2026-11-10", "2026-11-10", 3, expect=["C03"])
        self.case("C05", "quiet", p, c, "DataAcordarii 2026-11-10 = the day of receipt: C03 only, not C05")
        c = self.cert(p, "2026-12-10", "2026-12-10", 3, expect=["C03", "C05"])
        self.case("C05", "trips", p, c, "DataAcordarii 2026-12-10 (month typed 12 for 10): after the day of receipt "
                  "2026-11-10 (C05) and not in luna (C03)")
        c = self.cert(p, "2026-10-15", "2026-10-15", 5, code="09", diag="J03", expect=["C02"])
        self.case("C02", "trips", p, c, "code 09 without CnpCopil")

    # -- into the documents

    def merge_and_number(self):
        for key, added in self.added.items():
            p, doc = self.w.by_key[key], self.b.good_docs[key]
            base = doc["certs"]
            for c in base:
                c.setdefault("expect", None)
            order = sorted([((c["da"], 0, k), c) for k, c in enumerate(base)] +
                           [((c["da"], 1, k), c) for k, c in enumerate(added)], key=lambda t: t[0])
            merged = [c for _, c in order]
            for c in merged:
                if c.get("expect") is not None and c["numar"] is None and c["same_numar_as"] is None:
                    c["numar"] = str(p.next_num)
                    p.next_num += 1
            for c in added:
                if c["same_numar_as"] is not None:
                    c["numar"] = c["same_numar_as"]["numar"]
            doc["certs"] = merged  # a new list: refused first attempts keep theirs

    def registries(self):
        r = self.rng
        for key in self.DOCTORS_FOR:
            p = self.w.by_key[key]
            for parafa, nume in p.doctors:
                since = rand_date(r, dt.date(2009, 1, 1), dt.date(2025, 1, 1))
                self.medici.append((p.cui, parafa, nume, str(since), ""))
            for row in self.extra_doctors.get(key, []):
                self.medici.append((p.cui,) + row)
            if key == "SP3":  # retired long ago; never on a certificate here
                retired = self.doctor(p)
                self.medici.append((p.cui, retired[0], retired[1], "2008-09-01", "2025-12-31"))
        for key in self.PADS_FOR:
            p = self.w.by_key[key]
            size = 100 if p.tip == "SPITAL" else 50
            nums = [int(c["numar"]) for c in self.b.good_docs[key]["certs"] if not c.get("outside_pads")]
            starts = sorted({(n - 1) // size * size + 1 for n in nums})
            starts.append(starts[-1] + size)   # a spare pad, handed over in October, not used yet
            dates = sorted(rand_date(r, dt.date(2025, 9, 1), dt.date(2026, 9, 25)) for _ in starts[:-1])
            dates.append(rand_date(r, dt.date(2026, 10, 19), dt.date(2026, 10, 30)))
            for s, d in zip(starts, dates):
                self.carnete.append((p.cui, p.serie, str(s), str(s + size - 1), str(d)))
        # one series, no overlapping ranges, across the whole file
        spans = sorted((row[1], int(row[2]), int(row[3])) for row in self.carnete)
        for (s1, a1, b1), (s2, a2, b2) in zip(spans, spans[1:]):
            assert s1 != s2 or b1 < a2, (s1, a1, b1, a2, b2)
        for key in self.PADS_FOR:
            cui = self.w.by_key[key].cui
            pads = [(row[1], int(row[2]), int(row[3])) for row in self.carnete if row[0] == cui]
            for c in self.b.good_docs[key]["certs"]:
                inside = any(s == c["serie"] and a <= int(c["numar"]) <= e for s, a, e in pads)
                assert inside != bool(c.get("outside_pads")), c["numar"]
                for s_, a, e in pads:   # certificates on the edge of a pad, for the README
                    if int(c["numar"]) in (a, e) and c.get("stored", True):
                        self.case("C17", "quiet", self.w.by_key[key], c,
                                  f"number {'first' if int(c['numar']) == a else 'last'} of the pad {a}–{e} "
                                  f"of {key} (ranges are inclusive)")

    def position(self, c):
        """(provider key, 1-based position in its registered document)."""
        for key, doc in self.b.good_docs.items():
            for k, x in enumerate(doc["certs"]):
                if x is c:
                    return key, k + 1
        raise KeyError


def cert_codes(doc):
    """certificateCodes of a registered document: 'SERIE NUMAR' -> codes, for certificates with codes."""
    out = {}
    for c in doc["certs"]:
        if c.get("expect"):
            k = f"{c['serie']} {c['numar']}"
            assert k not in out, k
            out[k] = c["expect"]
    return out


# --------------------------------------------------------------------------- rectificatives

class Rectificatives:
    """RECTIFICATIVA documents for luna 2026-10, received on 2026-11-20 (after the centralizer of the
    14th was published): folder inbox-rectificative/.

    Drawn from their own seeded stream after everything else (registries, every other file), so
    nothing written before them changes. Each Certificat of a rectificative is an *item*: its
    operatie, the certificate (full content, or only Serie and Numar for a STERGERE), its Motiv,
    the codes it is built to get on ingest (`expect`), whether it stores a row (`stored`: every
    ADAUGARE and MODIFICARE version and every STERGERE tombstone, except an ADAUGARE of a number
    this provider already has: C16, not stored), and the codes it gets from `ccm revalidate`
    (`reval`, None = unchanged).

    Semantics relied on (see README): documents in order of receipt, then file name; a MODIFICARE or
    STERGERE targets the provider's current certificate of that (Serie, Numar) in luna 2026-10; a
    MODIFICARE is judged as a full new version (the version it replaces is not history for it); a
    STERGERE ends the current version and stores a tombstone that is never current. No certificate
    here depends on another certificate of its own rectificative, so it does not matter whether a
    document's replacements take effect certificate by certificate or when the document ends.
    """

    FULL = ("ALT3", "MF08", "MF09", "MF10")   # CU ERORI providers whose every error is fixed
    PARTIAL = "SP3"                           # fixes two of its four errors, then re-modifies one
    VALID_TO_ERR = "MF04"                     # VALIDAT: +1, −1, and a MODIFICARE that brings an error
    C22_CASES = "SP1"                         # C22 both ways, and an ADAUGARE of its own number (C16)
    PAIR = ("MF01", "SP2")                    # X: a CONTINUARE (C08 until Y's INITIAL arrives); Y: the INITIAL

    def __init__(self, b):
        self.b, self.w = b, b.w
        self.rng = random.Random(f"{self.w.seed}:rectificative")
        self.docs = []       # {"key", "file", "doc", "items", "note"}
        self.revalidated = []  # (provider key, item) whose verdict `ccm revalidate` changes
        # every number written anywhere so far (certificates and CertificatInitial references,
        # refused files included): new numbers avoid them
        self.used = set()
        for f in b.files:
            data = f["bytes"] if isinstance(f["bytes"], bytes) else b""
            for m in re.finditer(rb'<Numar>([0-9]+)</Numar>|numar="([0-9]+)"', data):
                self.used.add((m.group(1) or m.group(2)).decode())

    # -- building blocks

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def gen_time(self, after=None) -> str:
        """dataGenerare: a working day 16–19 November, office hours; later than `after` (a provider's previous
        rectificative) when given."""
        for _ in range(10000):
            d = dt.date(2026, 11, self.rng.randint(16, 19))
            if not working(d):
                continue
            t = f"{d}T{self.rng.randint(8, 17):02d}:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}+02:00"
            if after is None or t > after:
                return t
        raise RuntimeError(f"no dataGenerare after {after}")

    def orig(self, key, numar):
        """The current certificate of provider `key` with this number (from its registered INITIALA)."""
        hits = [c for c in self.b.good_docs[key]["certs"] if c["numar"] == numar and c.get("stored", True)]
        assert len(hits) == 1, (key, numar)
        return hits[0]

    def new_numar(self, p) -> str:
        while str(p.next_num) in self.used:
            p.next_num += 1
        n = str(p.next_num)
        self.used.add(n)
        p.next_num += 1
        return n

    def person(self, female=None, lo=dt.date(1961, 1, 1), hi=dt.date(2003, 12, 31)):
        return self.w.person(self.rng, female, lo, hi, own_ids=True)

    def employer(self):
        return self.rng.choice(self.w.employers)

    def cert(self, p, da, inceput, days, *, code="01", diag, tip="INITIAL", ins=None, emp="any", doctor=None,
             initial=None, numar=None):
        return {"tip": tip, "da": D(da), "doctor": doctor or self.rng.choice(p.doctors), "loc": p.loc,
                "ins": ins or self.person(), "emp": self.employer() if emp == "any" else emp, "code": code,
                "diag": diag, "inceput": D(inceput), "sfarsit": D(inceput) + dt.timedelta(days=days - 1),
                "urgenta": None, "infecto": None, "copil": None, "initial": initial, "serie": p.serie,
                "numar": numar or self.new_numar(p), "zile_decl": None, "aviz": None}

    @staticmethod
    def modified(c, days=None, **changes):
        m = dict(c)
        m.update(changes)
        if days is not None:
            m["sfarsit"] = m["inceput"] + dt.timedelta(days=days - 1)
        return m

    def standalone(self, key, pred=lambda c: True):
        """The provider's current certificates that are INITIAL, named by no CONTINUARE, carry no codes."""
        certs = self.b.good_docs[key]["certs"]
        named = {(c["initial"]["serie"], c["initial"]["numar"]) for c in certs if c["initial"] is not None}
        return [c for c in certs if c["tip"] == "INITIAL" and (c["serie"], c["numar"]) not in named
                and not c.get("expect") and c.get("stored", True) and pred(c)]

    @staticmethod
    def item(op, c, text, motiv=None, expect=(), stored=True, reval=None, fixes=None):
        return {"op": op, "cert": c, "text": text, "motiv": motiv, "expect": sorted(expect), "stored": stored,
                "reval": None if reval is None else sorted(reval), "fixes": fixes}

    def modif(self, key, numar, text, motiv, fixes=True, expect=(), **changes):
        o = self.orig(key, numar)
        return self.item("MODIFICARE", self.modified(o, **changes), text, motiv, expect=expect,
                         fixes=o.get("expect") if fixes else None)

    def sterg(self, key, numar, text, motiv, fixes=True):
        o = self.orig(key, numar)
        return self.item("STERGERE", {"serie": o["serie"], "numar": o["numar"]}, text, motiv,
                         fixes=o.get("expect") if fixes else None)

    def add_doc(self, key, items, note, n=1):
        p = self.w.by_key[key]
        opts = {i: {"operatie": it["op"], "motiv": it["motiv"], "stergere": it["op"] == "STERGERE",
                    "no_perioada": it["op"] == "STERGERE"} for i, it in enumerate(items)}
        earlier = [d["doc"]["gen"] for d in self.docs if d["key"] == key]
        doc = {"tip": "RECTIFICATIVA", "luna": LUNA, "id": self.uuid(), "gen": self.gen_time(max(earlier, default=None)),
               "mediu": self.b.mediu, "furnizor": self.b.good_docs[key]["furnizor"],   # as in its INITIALA
               "certs": [it["cert"] for it in items],
               "cert_opts": opts}
        name = self.b.name(p, "R", n)
        self.docs.append({"key": key, "file": name, "doc": doc, "items": items, "note": note})
        self.b.files.append({"folder": RECT, "file": name, "bytes": render(doc), "status": "INREGISTRAT",
                             "codes": [], "certificates": sum(1 for it in items if it["stored"]), "cui": p.cui,
                             "note": note, "doc": None, "rect": items})

    # -- the documents

    def build(self):
        self.alt3()
        self.mf08()
        self.mf09()
        self.mf10()
        self.sp3()
        self.mf04()
        self.sp1()
        self.pair()

    def alt3(self):
        k = "ALT3"
        bad = self.orig(k, "4424160")["emp"]
        base = bad[0][:-1]
        fixed_cui = base + str(cui_control(base))
        self.add_doc(k, [
            self.modif(k, "4424159", "LocPrescriere 4 corrected to 3 (ambulatoriu de specialitate)",
                       "Loc de prescriere corectat", loc=3),
            self.sterg(k, "4486470", "number from a pad that is not the provider's: the certificate is cancelled",
                       "Număr dintr-un carnet care nu aparține furnizorului; certificat anulat"),
            self.modif(k, "4424160", f"employer CUI {bad[0]} corrected to {fixed_cui} (control digit)",
                       "CUI angajator corectat", emp=(fixed_cui, bad[1])),
        ], "fixes every error of ALT3 (2 × MODIFICARE, 1 × STERGERE)")

    def mf08(self):
        k = "MF08"
        c95 = self.orig(k, "4407095")
        right = c95["ins"][0][:12] + str(cnp_control(c95["ins"][0][:12]))
        c96 = self.orig(k, "4407096")
        cnp = c96["ins"][0]
        serial = int(cnp[9:12])
        while True:
            first12 = cnp[:7] + "35" + f"{serial:03d}"
            cnp35 = first12 + str(cnp_control(first12))
            if cnp35 not in self.w.ids.cnps:
                self.w.ids.cnps.add(cnp35)
                break
            serial = serial % 999 + 1
        self.add_doc(k, [
            self.modif(k, "4407095", "insured CNP with its control digit corrected", "CNP asigurat corectat",
                       ins=(right,) + c95["ins"][1:]),
            self.modif(k, "4407096", "insured CNP with county code 35 (Timiș) instead of 47",
                       "CNP asigurat corectat (cod județ)", ins=(cnp35,) + c96["ins"][1:]),
            self.modif(k, "4407098", "Perioada 13–15 Oct with zile=\"3\"", "Număr de zile corectat", zile_decl=None),
            self.modif(k, "4407099", "code 08 shortened to 126 days (the limit)", "Durata corectată: 126 de zile",
                       days=126),
        ], "fixes every error of MF08 (4 × MODIFICARE)")

    def mf09(self):
        k = "MF09"
        c62 = self.orig(k, "4408362")
        child = self.w.ids.cnp(rand_date(self.rng, dt.date(2021, 1, 1), dt.date(2024, 6, 30)),
                               self.rng.random() < 0.5, 35, self.rng)
        self.add_doc(k, [
            self.sterg(k, "4408361", "issued 2026-09-30: belongs to the September report, deleted here",
                       "Certificat acordat în septembrie; se raportează pentru luna 2026-09"),
            self.modif(k, "4408362", "code 09 with the CnpCopil of a child under 7 added", "CNP copil completat",
                       copil=child),
            self.sterg(k, "4408363", "issued 2026-11-10: belongs to the November report, deleted here",
                       "Certificat acordat în noiembrie; se raportează pentru luna 2026-11"),
            self.modif(k, "4408364", "DataAcordarii 2026-12-10 corrected to 2026-10-12 (period 12–14 Oct)",
                       "Data acordării corectată", da=D("2026-10-12"), inceput=D("2026-10-12"), days=3),
        ], "fixes every error of MF09 (2 × MODIFICARE, 2 × STERGERE)")
        assert c62["code"] == "09" and c62["copil"] is None

    def mf10(self):
        k = "MF10"
        self.add_doc(k, [
            self.sterg(k, "4409380", "the CONTINUARE of a September certificate reported nowhere: issued in error",
                       "Eliberat din eroare"),
            self.modif(k, "4409381", "Tip corrected to INITIAL (it continues nothing)",
                       "Certificat inițial, nu continuare", tip="INITIAL", initial=None),
            self.sterg(k, "4418386", "the number of an AMB4 certificate (C16): deleted from MF10's report only",
                       "Număr greșit: aparține altui furnizor"),
            self.modif(k, "4409382", "code 08 for a man corrected to 01 (M54.5, 4 days)",
                       "Cod de indemnizație corectat", code="01", diag="M54.5", days=4),
        ], "fixes every error of MF10 (2 × MODIFICARE, 2 × STERGERE, one of them the C16 number of AMB4)")

    def sp3(self):
        k = "SP3"
        self.add_doc(k, [
            self.modif(k, "2120869", "CodBoalaInfecto 38 corrected to one in the list",
                       "Cod boală infectocontagioasă corectat", infecto=self.rng.randint(1, 37)),
            self.modif(k, "2120871", "CodDiagnostic I53 corrected to I63", "Cod de diagnostic corectat", diag="I63"),
        ], "fixes two of SP3's four errors (C12, C11); C15 and C02 remain")
        self.add_doc(k, [
            self.modif(k, "2120871", "the version of R_1 modified again: CodDiagnostic I63 made precise (I63.5)",
                       "Diagnostic precizat", fixes=False, diag="I63.5"),
        ], "a second rectificative: MODIFICARE of the version its R_1 stored (still valid); C15 and C02 remain",
            n=2)

    def mf04(self):
        k = "MF04"
        p = self.w.by_key[k]
        key, extra = self.b.f10_extra
        assert key == k
        cands = self.standalone(k, lambda c: c["code"] == "01")
        gone = cands[len(cands) // 2]
        no_emp = [c for c in cands if c["emp"] is None and c is not gone]
        tgt = no_emp[0] if no_emp else [c for c in cands if c is not gone][0]
        e = self.employer()
        base = e[0][2:] if e[0].startswith("RO") else e[0]
        # a typing error in the last digit: the control digit no longer matches
        typo = base[:-1] + str((int(base[-1]) + 1 + self.rng.randint(0, 7)) % 10)
        assert cui_control(typo[:-1]) != int(typo[-1])
        self.add_doc(k, [
            self.item("ADAUGARE", extra, f"the certificate forgotten in the first INITIALA (the one its refused "
                      f"{self.b.name(p, n=2)} carried): +1", "Certificat omis din raportarea inițială"),
            self.sterg(k, gone["numar"], "a valid certificate cancelled (the insured did not use it): −1",
                       "Certificat anulat", fixes=False),
            self.modif(k, tgt["numar"], f"employer added, CUI typed {typo} (wrong control digit): C21",
                       "Angajator completat", fixes=False, expect=["C21"], emp=(typo, e[1])),
        ], "VALIDAT before: ADAUGARE (+1), STERGERE (−1), and a MODIFICARE that brings an error (C21)")

    def pair_dates(self):
        # hospital stay Sat 17 – Thu 22 Oct, discharge certificate to Sat 24; the family doctor continues it
        # from Sun 25 and issues it Monday 26 (E = Sat 24 is non-working: first working day after E)
        return D("2026-10-22"), D("2026-10-17"), 8, D("2026-10-26"), D("2026-10-25"), 4

    def sp1(self):
        k = "SP1"
        p = self.w.by_key[k]
        sp4 = self.w.by_key["SP4"]
        c4 = self.rng.choice(self.standalone("SP4"))
        own = self.rng.choice(self.standalone(k))
        never = self.cert(p, "2026-10-08", "2026-10-05", 7, diag=self.rng.choice(DIAG["01H"]))
        again = self.cert(p, "2026-10-15", "2026-10-15", 6, diag=self.rng.choice(DIAG["01H"]), numar=own["numar"])
        self.add_doc(k, [
            self.item("MODIFICARE", never, f"MODIFICARE of {p.serie} {never['numar']}, a number SP1 never reported "
                      "(an ADAUGARE was meant): C22; the new version is stored, CU_ERORI (+1)",
                      "Corectură", expect=["C22"]),
            self.item("STERGERE", {"serie": c4["serie"], "numar": c4["numar"]},
                      f"STERGERE of {c4['serie']} {c4['numar']}, a certificate of SP4 ({sp4.cui}): C22; a tombstone is "
                      "stored, SP4's certificate stays current", "Eliberat din eroare", expect=["C22"]),
            self.item("ADAUGARE", again, f"ADAUGARE under {p.serie} {own['numar']}, a number SP1 already has (another "
                      "insured): C16, listed and not stored (the first stays)", expect=["C16"], stored=False),
        ], "C22 both ways (MODIFICARE of a number never reported, STERGERE of another provider's number) and an "
           "ADAUGARE of a number the provider already has (C16)")

    def pair(self):
        kx, ky = self.PAIR
        px, py = self.w.by_key[kx], self.w.by_key[ky]
        da_i, inc_i, n_i, da_c, inc_c, n_c = self.pair_dates()
        ins = self.person(None, dt.date(1965, 1, 1), dt.date(1995, 12, 31))
        emp = self.employer()
        initial = self.cert(py, da_i, inc_i, n_i, diag="J18.9", ins=ins, emp=emp)
        cont = self.cert(px, da_c, inc_c, n_c, diag="J18", tip="CONTINUARE", ins=ins, emp=emp, initial=initial)
        it = self.item("ADAUGARE", cont, f"CONTINUARE of {py.serie} {initial['numar']} of {da_i}, an INITIAL that no "
                       f"one has reported yet: C08, CU_ERORI; {ky}'s rectificative (same receipt time, its name sorts "
                       "after this one) reports it, and `ccm revalidate` then finds it: VALID",
                       "Continuare după externare", expect=["C08"], reval=[])
        self.add_doc(kx, [it], f"revalidation, part 1: a CONTINUARE whose INITIAL is not yet reported (C08)")
        self.revalidated.append((kx, it))
        self.add_doc(ky, [
            self.item("ADAUGARE", initial, f"the INITIAL that {kx}'s CONTINUARE names: hospital stay 17–22 Oct, "
                      "discharge certificate to Sat 24 Oct", "Certificat omis din raportarea inițială"),
        ], f"revalidation, part 2: the INITIAL named by {kx}'s CONTINUARE (processed after {self.b.name(px, 'R')})")
        assert self.b.name(px, "R").encode() < self.b.name(py, "R").encode()


def rect_codes(items):
    """certificateCodes of a rectificative: 'SERIE NUMAR' -> codes (on ingest)."""
    out = {}
    for it in items:
        if it["expect"]:
            k = f"{it['cert']['serie']} {it['cert']['numar']}"
            assert k not in out, k
            out[k] = it["expect"]
    return out


def month_state(files, folders, revalidated=False):
    """Current certificates of luna 2026-10 per provider after the given folders: cui -> {(serie, numar): CU_ERORI?}.
    A provider appears once it has a registered INITIALA."""
    state = {}
    for f in files:
        if f["folder"] not in folders or f["status"] != "INREGISTRAT" or f["file"].split("_")[2] != "202610":
            continue
        if f.get("rect") is None:
            st = state.setdefault(f["cui"], {})
            for c in f["doc"]["certs"]:
                if c.get("stored", True):
                    st[(c["serie"], c["numar"])] = bool(set(c.get("expect") or ()) - {"W02"})
            continue
        st = state[f["cui"]]   # a registered rectificative implies a registered INITIALA (else F11)
        for it in f["rect"]:
            k = (it["cert"]["serie"], it["cert"]["numar"])
            if it["op"] == "STERGERE":
                st.pop(k, None)   # with C22 the number is not this provider's: nothing to end
            elif it["stored"]:
                codes = it["reval"] if revalidated and it["reval"] is not None else it["expect"]
                st[k] = bool(set(codes) - {"W02"})
    return state


def centralizer_rows(world, state):
    rows = []
    for p in world.providers:
        if not p.in_october:
            continue
        st = state.get(p.cui)
        if st is None:
            rows.append({"cui": p.cui, "stadiu": "FĂRĂ RAPORTARE", "nrCertificate": 0, "nrCertificateCuErori": 0})
        else:
            ne = sum(1 for v in st.values() if v)
            rows.append({"cui": p.cui, "stadiu": "CU ERORI" if ne else "VALIDAT", "nrCertificate": len(st),
                         "nrCertificateCuErori": ne})
    counts = {"VALIDAT": 0, "CU ERORI": 0, "FĂRĂ RAPORTARE": 0}
    for row in rows:
        counts[row["stadiu"]] += 1
    return {"counts": counts, "rows": rows}


# --------------------------------------------------------------------------- outputs

CSV_HEADER = ["cui", "denumire", "casa", "nr_conventie", "conventie_de_la", "conventie_pana_la", "email", "tip"]
MEDICI_HEADER = ["cui", "parafa", "nume", "activ_de_la", "activ_pana_la"]
CARNETE_HEADER = ["cui", "serie", "numar_de_la", "numar_pana_la", "data_distribuirii"]


def write_csv(path: Path, rows, header=CSV_HEADER):
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    wr.writerow(header)
    for row in rows:
        wr.writerow(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def bad_registry(world: World):
    rng = random.Random(f"{world.seed}:registry-bad")
    ids = world.ids
    return [
        (ids.cui(8), "CMI Dr. Grigore Anca", CASA, "MF-611/2025", "2025-01-01", "", "contact@cmi-grigore.ro", "MF"),
        (ids.bad_cui(8), "CMI Dr. Manea Sorin", CASA, "MF-612/2025", "2025-01-01", "",
         "contact@cmi-manea.ro", "MF"),
        (ids.cui(8), "Policlinica Dumbrăvița SRL", CASA, f"AMB-{rng.randint(400, 499)}/2025", "2025-03-01", "",
         "contact@policlinica-dumbravita.ro", "AMB"),
        (ids.cui(8), "Farmacia Sfânta Maria SRL", CASA, "F-88/2025", "2025-01-01", "2024-12-31",
         "contact@farmacia-sfmaria.ro", "FARMACIE"),
        (ids.cui(8), "Centrul Medical Giroc, Punct de Lucru Chișoda SRL", CASA, "ALT-205/2025", "2025-06-01",
         "2026-12-31", "contact@cm-giroc.ro", "ALTUL"),
    ]


def dump_expected(e) -> str:
    """JSON, one file / one centralizer row per line (easy to read and to diff)."""
    j = lambda v: json.dumps(v, ensure_ascii=False)
    L = ["{", f'  "luna": {j(e["luna"])},', f'  "receivedAt": {j(e["receivedAt"])},', '  "files": [']
    L += [f"    {j(f)}" + ("," if i < len(e["files"]) - 1 else "") for i, f in enumerate(e["files"])]
    L += ["  ],"]
    tables = [k for k in ("centralizer", "centralizerAfterRectificative", "centralizerAfterRevalidation") if k in e]
    for n, key in enumerate(tables):
        c = e[key]
        L += [f'  "{key}": {{', f'    "counts": {j(c["counts"])},', '    "rows": [']
        L += [f"      {j(r)}" + ("," if i < len(c["rows"]) - 1 else "") for i, r in enumerate(c["rows"])]
        L += ["    ]", "  }" + ("," if n < len(tables) - 1 or "revalidation" in e else "")]
    if "revalidation" in e:
        L += [f'  "revalidation": {j(e["revalidation"])}']
    L += ["}"]
    text = "\n".join(L) + "\n"
    assert json.loads(text) == e
    return text


def csv_line(row) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(row)
    return buf.getvalue()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--mediu", choices=("TEST", "PRODUCTIE"), default="TEST",
                    help="mediu of the documents (default TEST; the F13 file gets the other one)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "SampleData",
                    help="output folder (default: SampleData/ of the repository)")
    args = ap.parse_args(argv)

    world = World(args.seed)
    b = Builder(world, args.mediu)
    b.build()
    out: Path = args.out

    # (re)create: remove only what this script writes
    for sub in ("registry", "registry-bad") + FOLDERS:
        shutil.rmtree(out / sub, ignore_errors=True)
    for f in ("expected.json", "README.md"):
        (out / f).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)

    write_csv(out / "registry" / "furnizori.csv",
              [(p.cui, p.denumire, p.casa, p.nr_conventie, p.de_la, p.pana_la, p.email, p.tip)
               for p in world.providers])
    write_csv(out / "registry" / "medici.csv", b.rules.medici, MEDICI_HEADER)
    write_csv(out / "registry" / "carnete.csv", b.rules.carnete, CARNETE_HEADER)
    bad_rows = bad_registry(world)
    write_csv(out / "registry-bad" / "furnizori.csv", bad_rows)

    # rectificatives: last, from their own stream (nothing above changes)
    b.rect = Rectificatives(b)
    b.rect.build()

    files = sorted(b.files, key=lambda f: (FOLDERS.index(f["folder"]), f["file"].encode()))
    names = set()
    for f in files:
        assert (f["folder"], f["file"]) not in names, f["file"]
        names.add((f["folder"], f["file"]))
        d = out / f["folder"]
        d.mkdir(parents=True, exist_ok=True)
        (d / f["file"]).write_bytes(f["bytes"])

    # centralizer for 2026-10 after both folders are ingested: the edition of the 14th
    # (a certificate with any code but W02 is CU_ERORI; W02 alone leaves it VALID)
    stored, cu_erori = {}, {}
    for f in files:
        if f["status"] == "INREGISTRAT" and f["file"].split("_")[2] == "202610" and f["folder"] in FOLDERS[:2]:
            stored[f["cui"]] = stored.get(f["cui"], 0) + f["certificates"]
            cu_erori[f["cui"]] = cu_erori.get(f["cui"], 0) + sum(
                1 for c in f["doc"]["certs"] if c.get("stored", True) and set(c.get("expect") or ()) - {"W02"})
    rows = []
    for p in world.providers:
        if not p.in_october:
            continue
        if p.cui in stored:
            rows.append({"cui": p.cui, "stadiu": "CU ERORI" if cu_erori[p.cui] else "VALIDAT",
                         "nrCertificate": stored[p.cui], "nrCertificateCuErori": cu_erori[p.cui]})
        else:
            rows.append({"cui": p.cui, "stadiu": "FĂRĂ RAPORTARE", "nrCertificate": 0, "nrCertificateCuErori": 0})
    counts = {"VALIDAT": 0, "CU ERORI": 0, "FĂRĂ RAPORTARE": 0}
    for row in rows:
        counts[row["stadiu"]] += 1
    # the same, from the versioned month state; then after the rectificatives, and after revalidation
    first = centralizer_rows(world, month_state(files, FOLDERS[:2]))
    assert first == {"counts": counts, "rows": rows}, "the 14th's edition must not change"
    after_rect = centralizer_rows(world, month_state(files, FOLDERS))
    after_reval = centralizer_rows(world, month_state(files, FOLDERS, revalidated=True))
    expected = {
        "luna": LUNA,
        "receivedAt": RECEIVED,
        "files": [{"folder": f["folder"], "file": f["file"], "status": f["status"], "codes": f["codes"],
                   "certificates": f["certificates"],
                   "certificateCodes": (rect_codes(f["rect"]) if f.get("rect") is not None else cert_codes(f["doc"]))
                   if f["status"] == "INREGISTRAT" else {}}
                  for f in files],
        "centralizer": {"counts": counts, "rows": rows},
        "centralizerAfterRectificative": after_rect,
        "centralizerAfterRevalidation": after_reval,
        "revalidation": [{"cui": world.by_key[k].cui, "certificate": f"{it['cert']['serie']} {it['cert']['numar']}",
                          "before": it["expect"], "after": it["reval"]} for k, it in b.rect.revalidated],
    }
    (out / "expected.json").write_text(dump_expected(expected), encoding="utf-8")
    (out / "README.md").write_text(readme(world, b, files, rows, counts, args, bad_rows, after_rect, after_reval),
                                   encoding="utf-8")

    ndocs = len(files)
    ncert = sum(f["certificates"] for f in files)
    print(f"SampleData written to {out}: {len(world.providers)} providers, {ndocs} documents, "
          f"{ncert} certificate rows stored when all are ingested; centralizer as of the 14th {counts}, "
          f"after the rectificatives {after_rect['counts']}, after revalidation {after_reval['counts']}")
    return 0


# --------------------------------------------------------------------------- README

SCENARIO_TEXT = {
    "good": "good INITIALA",
    "good+f02serie": "refused first attempt (F02, lowercase Serie), then a good `_I_2`",
    "good+iso": "good INITIALA in ISO-8859-2",
    "good+xxe": "refused first attempt (F01, XXE), then a good `_I_2`",
    "good+f10": "good INITIALA, then a second INITIALA (F10)",
    "good+copie": "good INITIALA, then a byte-identical copy (DUPLICAT)",
    "good+f12": "refused first attempt (F12), then a good `_I_2`",
    "good+f09": "good INITIALA, plus a November report sent too early (F09)",
    "good+w1250": "refused first attempt (F01, byte 0x81), then a good `_I_2` in windows-1250",
    "good+f02perioada": "refused first attempt (F02, Perioada missing), then a good `_I_2`",
    "good+trunc": "refused first attempt (F01, truncated), then a good `_I_2`",
    "good+f08": "refused first attempt (F08, nrCertificate off by one), then a good `_I_2`",
    "good+idreuse": "good INITIALA, then a re-export reusing its idDocument (DUPLICAT)",
    "good+empty": "good INITIALA with no certificates (`<Certificate/>`)",
    "late": "sends nothing on time; a good INITIALA in `inbox-late/` (W01)",
    "nothing": "sends nothing at all",
    "expired": "convention ended 2026-09-30; its October report is refused (F07); not in the centralizer",
    "future": "convention starts 2026-11-01; sends nothing; not in the centralizer",
    "f07cj": "only report has `casa=\"CJ\"` (F07)",
    "f08f12": "only report has wrong Totaluri and `operatie` in an INITIALA (F08 + F12)",
    "f11": "only report is a RECTIFICATIVA without an INITIALA (F11)",
    "f13": "only report has the other `mediu` (F13)",
}


RULE_CODES = [f"C{i:02d}" for i in range(1, 22)] + ["W02"]


def readme_rules(world, b, files, rows):
    rc = b.rules
    file_of = {id(f["doc"]): f["file"] for f in files if f["status"] == "INREGISTRAT" and f["doc"] is not None}
    stage = {r["cui"]: r for r in rows}
    L = ["## Certificate rules\n"]
    L.append("Nine providers carry, in their registered INITIALA, added certificates that trip each certificate-level "
             "rule C01–C21 and W02, next to certificates that must stay quiet (C22 needs a RECTIFICATIVA: it is "
             "exercised by `inbox-rectificative/`, see *Rectificatives*). The added certificates are numbered after the provider's own last number and placed in "
             "document order by DataAcordarii (after the base certificates of the same day). `expected.json` lists "
             "each certificate with codes under `certificateCodes`; the centralizer is CU ERORI for a provider with "
             "at least one current CU_ERORI certificate (W02 alone leaves a certificate VALID).\n")
    L.append("Registry: `medici.csv` registers the doctors of "
             + ", ".join(f"{k} ({world.by_key[k].cui})" for k in rc.DOCTORS_FOR)
             + "; `carnete.csv` the pads of " + ", ".join(f"{k} ({world.by_key[k].cui})" for k in rc.PADS_FOR)
             + ". Every base certificate of those providers uses a doctor active on its DataAcordarii and lies in one "
             "of its pads (pads of 50 numbers, 100 for hospitals, plus one spare pad handed over in late October; "
             "no two ranges of a series overlap). AMB4 also has a doctor who left on 2026-10-09 and one who started "
             "on 2026-10-12; SP3 one retired on 2025-12-31. C17 and C18 apply only to these providers.\n")
    L.append("Processing order: `inbox/` (received 2026-11-10T10:00:00+02:00) before `inbox-late/`, files by name, "
             "certificates in document order. The cross-provider continuation relies on it: AMB4 "
             f"(`{file_of[id(b.good_docs['AMB4'])]}`) is processed before AMB1 (`{file_of[id(b.good_docs['AMB1'])]}`) "
             f"and before MF10 (`{file_of[id(b.good_docs['MF10'])]}`).\n")
    L.append("| code | trips it (file, position, certificate: codes) | stays quiet next to it |")
    L.append("|---|---|---|")

    def where(key, c):
        k, pos = rc.position(c)
        return f"`{file_of[id(b.good_docs[k])]}` #{pos} `{c['serie']} {c['numar']}`"

    for code in RULE_CODES:
        trips = [f"{where(k, c)} ({', '.join(c['expect'])}): {t}" for cd, role, k, c, t in rc.cases
                 if cd == code and role == "trips"]
        quiet = [f"{where(k, c)}: {t}" for cd, role, k, c, t in rc.cases if cd == code and role == "quiet"]
        L.append(f"| {code} | {'<br>'.join(trips)} | {'<br>'.join(quiet) or '—'} |")
    if getattr(b, "rect", None) is not None:
        trips, quiet = [], []
        for d in b.rect.docs:
            for pos, it in enumerate(d["items"], 1):
                w = f"`{d['file']}` #{pos} {it['op']} `{it['cert']['serie']} {it['cert']['numar']}`"
                if "C22" in it["expect"]:
                    trips.append(f"{w} (C22): {it['text']}")
                elif d["key"] == b.rect.PARTIAL and d["file"].endswith("_R_2.xml"):
                    quiet.append(f"{w}: {it['text']}")
        quiet.append("every other MODIFICARE and STERGERE of `inbox-rectificative/`: each targets a current certificate "
                     "of its provider in 2026-10")
        L.append(f"| C22 | {'<br>'.join(trips)} | {'<br>'.join(quiet)} |")
    L.append("")
    L.append("Providers with errors after both folders:\n")
    L.append("| key | CUI | file | certificates stored | CU_ERORI | certificates with codes |")
    L.append("|---|---|---|---|---|---|")
    for key in sorted(rc.added, key=lambda k: file_of[id(b.good_docs[k])].encode()):
        p, doc = world.by_key[key], b.good_docs[key]
        st = stage[p.cui]
        L.append(f"| {key} | {p.cui} | `{file_of[id(doc)]}` | {st['nrCertificate']} | {st['nrCertificateCuErori']} | "
                 f"{len(cert_codes(doc))} |")
    L.append("")
    L.append("Readings of the spec these expectations rely on:\n")
    L.append("- Ages (C02, W02) in full years on `Perioada/@inceput`; the cases sit far from the boundaries "
             "(6 y 8 m, 9, 18 y 6 m).")
    L.append("- C05: \"after the day of receipt\" is strictly after the calendar day (2026-11-10 for `inbox/`), so a "
             "DataAcordarii on 2026-11-10 is C03 only. C05 can fire only together with C03 in a report for a past "
             "month; here a certificate dated 2026-12-10 (month typed 12 for 10).")
    L.append("- C07: a CONTINUARE without CertificatInitial belongs to no chain; C08, C09 and C10 are not evaluated "
             "for it. C08: when the named initial is found nowhere, C09 and C10 are not evaluated either (there is "
             "no E and no initial to compare with).")
    L.append("- C16: the repeat of the provider's own number is listed with C16 only (it is otherwise clean) and not "
             "stored; it is not a current certificate, so it counts neither in `nrCertificate` nor in "
             "`nrCertificateCuErori` (its provider is CU ERORI for other certificates anyway). In `certificateCodes` "
             "its key is the shared `SERIE NUMAR`; the first certificate with that number has no codes.")
    L.append("- C06: for codes 07, 08, 14, LocPrescriere 2 or an AvizMedicExpert, `inceput` may be any day of the "
             "month of DataAcordarii or of the month before; for the others, not before DataAcordarii − 1 day.")
    L.append("- C14/C15: a chain is the INITIAL and the current CONTINUARE certificates naming it (any provider); the "
             "sums are over the certificates current when this one is judged, this one included (so of a chain that "
             "grows past a limit only the certificate that crosses it fires); an INITIAL alone is a chain of one. "
             "The rule set is the one in force on DataAcordarii: Set 2024 for every date here (2026-09-30 to "
             "2026-12-10). Code 12 has no C14 limit but is not exempt from C15.")
    L.append("- C17: pad ranges are inclusive at both ends and compared as numbers, within the same Serie.")
    L.append("- C18: `activ_pana_la` is inclusive (like `conventie_pana_la`): a doctor whose end date is 2026-10-09 "
             "may sign on 2026-10-09.")
    L.append("- C19: \"same employer\" compares the employer CUI; the later certificate of an overlapping pair is "
             "the one flagged (the earlier is judged before the later exists, and VALID certificates are not "
             "revalidated).")
    L.append("- Every CU_ERORI verdict here is stable under §5 revalidation: re-run with all the certificates of "
             "both folders current, it gives the same codes.")
    L.append("")
    return L


def readme_rect(world, b, rows, after_rect, after_reval):
    rx = b.rect
    first = {r["cui"]: r for r in rows}
    mid = {r["cui"]: r for r in after_rect["rows"]}
    last = {r["cui"]: r for r in after_reval["rows"]}
    kx, ky = rx.PAIR
    px, py = world.by_key[kx], world.by_key[ky]
    L = [f"## Rectificatives (`{RECT}/`)\n"]
    L.append(f"{len(rx.docs)} RECTIFICATIVA documents for luna 2026-10, received {RECEIVED[RECT]}: after the "
             "centralizer of the 14th was published, before the end-of-month edition. Each has "
             f"`mediu=\"{b.mediu}\"` like the others, is unsigned, and has correct Totaluri (`nrCertificate` counts every Certificat, STERGERE ones included; "
             "`totalZile` sums `Perioada/@zile` of those that have one), `dataGenerare` 16–19 November. Every "
             "provider here has a registered INITIALA (no F11), so every file is INREGISTRAT with no file-level "
             "code (a rectificative carries no W01). The certificates and insured people they add are new, drawn "
             "from their own seeded stream after everything else, so the files of the first two folders keep "
             "their bytes.\n")
    L.append("Semantics the expectations follow: documents in order of receipt, then file name; certificates in "
             "document order. A MODIFICARE or STERGERE targets the provider's current certificate of that (Serie, "
             "Numar) in 2026-10 and ends it at the rectificative's receipt. A MODIFICARE is a full new version, "
             "judged by every rule as if new (the version it replaces is not history for it: no C16 or C19 against "
             "its own predecessor). A STERGERE stores a tombstone that is never current, so the certificate leaves "
             "the month's counts. A STERGERE carries no content: only C22 judges it. No certificate of a "
             "rectificative depends on another certificate of the same document, so it makes no difference whether "
             "a document's replacements take effect certificate by certificate or when the document ends.\n")
    L.append("| file | # | operatie | certificate | codes | stored | what it does |")
    L.append("|---|---|---|---|---|---|---|")
    docs = sorted(rx.docs, key=lambda d: d["file"].encode())   # processing order
    for d in docs:
        for pos, it in enumerate(d["items"], 1):
            c = it["cert"]
            fixes = f" (fixes {', '.join(it['fixes'])})" if it["fixes"] else ""
            reval = ""
            if it["reval"] is not None:
                reval = f"; after `ccm revalidate`: {', '.join(it['reval']) or 'none, VALID'}"
            stored = "tombstone" if it["op"] == "STERGERE" else ("yes" if it["stored"] else "no")
            L.append(f"| `{d['file']}` | {pos} | {it['op']} | `{c['serie']} {c['numar']}` | "
                     f"{', '.join(it['expect']) or '—'}{reval} | {stored} | {it['text']}{fixes} |")
    L.append("")
    L.append("Stages over time (only the providers the rectificatives touch; every other row of the centralizer is "
             "the same in the three editions). In brackets `nrCertificate` and `nrCertificateCuErori`.\n")
    L.append("| key | CUI | file(s) | as of the 14th (`centralizer`) | after the rectificatives "
             "(`centralizerAfterRectificative`) | after `ccm revalidate --luna 2026-10` "
             "(`centralizerAfterRevalidation`) |")
    L.append("|---|---|---|---|---|---|")
    fmt = lambda r: f"{r['stadiu']} ({r['nrCertificate']}, {r['nrCertificateCuErori']})"
    seen = []
    for d in docs:
        if d["key"] not in seen:
            seen.append(d["key"])
    for key in seen:
        p = world.by_key[key]
        names = ", ".join(f"`{d['file']}`" for d in docs if d["key"] == key)
        L.append(f"| {key} | {p.cui} | {names} | {fmt(first[p.cui])} | {fmt(mid[p.cui])} | {fmt(last[p.cui])} |")
    for cui in first:
        if cui not in {world.by_key[k].cui for k in seen}:
            assert first[cui] == mid[cui] == last[cui], cui
    L.append("")
    c = lambda t: f"{t['counts']['VALIDAT']} VALIDAT, {t['counts']['CU ERORI']} CU ERORI, " \
                  f"{t['counts']['FĂRĂ RAPORTARE']} FĂRĂ RAPORTARE"
    L.append(f"Counts: as of the 14th {c({'counts': {k: sum(1 for r in rows if r['stadiu'] == k) for k in ('VALIDAT', 'CU ERORI', 'FĂRĂ RAPORTARE')}})}; "
             f"after the rectificatives {c(after_rect)}; after revalidation {c(after_reval)}. "
             f"`centralizer --as-of {AS_OF_14TH}` still gives the first, whatever came later.\n")
    L.append("What each group is for:\n")
    L.append(f"- Every error fixed ({', '.join(rx.FULL)}): MODIFICARE with corrected content where the certificate "
             "is right but badly written, STERGERE where it should not be in this month's report at all (a September "
             "or November certificate, a CONTINUARE of nothing, a number from another provider's pad or report). "
             "The MF10 STERGERE of `CCMAM 4418386` ends MF10's C16 copy only; AMB4's certificate with that number "
             "stays current and VALID.")
    L.append(f"- Part of the errors fixed ({rx.PARTIAL}): `_R_1` fixes C12 and C11 and leaves C15 and C02, so "
             f"{rx.PARTIAL} stays CU ERORI with 2 instead of 4; its `_R_2` modifies again the version `_R_1` stored "
             "(a MODIFICARE of a MODIFICARE: still valid).")
    L.append(f"- A VALIDAT provider that becomes CU ERORI ({rx.VALID_TO_ERR}): ADAUGARE of the certificate it had "
             "tried to add with a second INITIALA (refused, F10), STERGERE of a valid one, and a MODIFICARE that "
             "brings C21: the count stays 8, one with errors.")
    L.append(f"- C22 both ways and an own-number ADAUGARE ({rx.C22_CASES}): the MODIFICARE of a number never "
             "reported is stored as a new current certificate, CU_ERORI (+1); the STERGERE of SP4's number stores a "
             "tombstone with C22 and deletes nothing (SP4 keeps its 44); the ADAUGARE of a number SP1 already has "
             "is listed with C16 and not stored.")
    L.append(f"- Revalidation (§5): {kx} ({px.cui}) adds a CONTINUARE (family doctor, LocPrescriere 1) of a hospital "
             f"INITIAL that {ky} ({py.cui}) forgot to report; {kx}'s file sorts before {ky}'s, so on ingest the "
             f"INITIAL is not current anywhere: C08, CU_ERORI, and {kx} turns CU ERORI. {ky}'s file then adds the "
             "INITIAL (VALID). `ccm revalidate --luna 2026-10` re-runs the rules on the month's CU_ERORI "
             "certificates: the CONTINUARE is now found, continues the period (INITIAL 17–24 Oct ending on a "
             "Saturday, CONTINUARE from Sunday 25 issued Monday 26, the first working day after), same CNP, same "
             f"category (J18.9 / J18), 8 + 4 days (the place-1 chain limit counts only its 4 days), no overlap: "
             f"VALID, as a new version, and {kx} is VALIDAT again. It is the only verdict revalidation changes "
             "(`revalidation` in expected.json).")
    L.append("")
    L.append("Readings of the spec these expectations rely on:\n")
    L.append("- C22 judges the operation against the provider's current certificates before the rectificative (a "
             "certificate is never its own target). A MODIFICARE with C22 is still stored, as a new current "
             "certificate with errors; a STERGERE with C22 stores a tombstone (it counts in the file's "
             "`certificates`) and changes nothing else; a tombstone is never current, so it counts in no "
             "centralizer column and shows in no *Descrierea erorilor* line (the provider learns of it from the "
             "ingest result of its file).")
    L.append("- Revalidation re-runs the rules on current CU_ERORI certificates only (not on tombstones), each "
             "against everything else current; C22 is kept, since it judged the operation at its receipt and "
             "nothing that arrives later makes that operation right (the provider corrects it with another "
             "rectificative). A changed verdict is a new version from the moment revalidation ran, so an as-of "
             "before it shows the old one.")
    L.append("- An ADAUGARE of a number this provider already has is an own repeat (C16, not stored) even though "
             "the first certificate with that number came in another document.")
    L.append("- `nrCertificate` after a STERGERE: the deleted certificate leaves the count; after a MODIFICARE the "
             "count is unchanged (one current version per number).")
    L.append("- Every other CU_ERORI verdict stays the same under revalidation after the rectificatives, and "
             "revalidating again changes nothing.")
    L.append("")
    return L


def readme(world, b, files, rows, counts, args, bad_rows, after_rect=None, after_reval=None) -> str:
    stage = {r["cui"]: r for r in rows}
    L = []
    L.append("# SampleData — CAS Timiș (TM), luna 2026-10\n")
    L.append("Generated by `scripts/make-sampledata.py` (Python 3 standard library only, deterministic). "
             "Do not edit by hand; change the script and regenerate:\n")
    L.append("```sh\npython3 scripts/make-sampledata.py            # seed %d, mediu TEST\n"
             "python3 scripts/make-sampledata.py --mediu PRODUCTIE   # same data, mediu=\"PRODUCTIE\"\n```\n"
             % DEFAULT_SEED)
    L.append(f"This copy: seed {args.seed}, documents with `mediu=\"{args.mediu}\"`.\n")
    L.append("## Layout\n")
    L.append("| path | what |\n|---|---|")
    L.append("| `registry/furnizori.csv` | the 30 providers of CAS TM (UTF-8, RFC 4180, CRLF) |")
    L.append(f"| `registry/medici.csv` | doctors (parafe) of {len(RuleCases.DOCTORS_FOR)} providers only, for C18 |")
    L.append(f"| `registry/carnete.csv` | certificate pads of {len(RuleCases.PADS_FOR)} providers only, for C17 |")
    L.append("| `registry-bad/furnizori.csv` | 5 rows; lines 3 and 5 are bad: the import must refuse the whole file "
             "and name lines 3 and 5 |")
    L.append(f"| `inbox/` | submissions received on time: ingest with `--received-at {RECEIVED['inbox']}` |")
    L.append(f"| `inbox-late/` | submissions received late: ingest with `--received-at {RECEIVED['inbox-late']}` |")
    L.append(f"| `{RECT}/` | RECTIFICATIVA documents, received after the centralizer of the 14th: ingest with "
             f"`--received-at {RECEIVED[RECT]}` |")
    L.append("| `expected.json` | the outcome each file was built to produce; the 2026-10 centralizer as of the 14th "
             "(`centralizer`: both first folders), after the rectificatives (`centralizerAfterRectificative`) and "
             "after `ccm revalidate --luna 2026-10` (`centralizerAfterRevalidation`); the verdicts revalidation "
             "changes (`revalidation`) |")
    L.append("")
    L.append("Demo (the documents are unsigned until signatures are implemented, so the deployment is TEST with "
             "signatures off; `ingest` moves files to the archive/quarantine, so work on a copy):\n")
    L.append(f"```sh\nW=$(mktemp -d) && cp -r SampleData/inbox SampleData/inbox-late SampleData/{RECT} \"$W\"/\n"
             "ccm registry import SampleData/registry/furnizori.csv SampleData/registry/medici.csv "
             "SampleData/registry/carnete.csv\n"
             f"ccm ingest --inbox \"$W/inbox\" --received-at {RECEIVED['inbox']} --casa TM --mediu TEST "
             "--signatures off --json\n"
             f"ccm ingest --inbox \"$W/inbox-late\" --received-at {RECEIVED['inbox-late']} --casa TM --mediu TEST "
             "--signatures off --json\n"
             "ccm centralizer --luna 2026-10 --format json --casa TM                  # = centralizer\n"
             f"ccm ingest --inbox \"$W/{RECT}\" --received-at {RECEIVED[RECT]} --casa TM --mediu TEST "
             "--signatures off --json\n"
             "ccm centralizer --luna 2026-10 --format json --casa TM                  # = centralizerAfterRectificative\n"
             "ccm revalidate --luna 2026-10\n"
             "ccm centralizer --luna 2026-10 --format json --casa TM                  # = centralizerAfterRevalidation\n"
             f"ccm centralizer --luna 2026-10 --format json --casa TM --as-of {AS_OF_14TH}   # = centralizer again\n"
             "```\n")
    L.append("Files in one folder share one receipt time, so they are processed in file-name order (byte order); "
             "names are chosen so that a refused first attempt `_I_1` comes before its corrected `_I_2`, and "
             "copies (`_I_1_copie`, `_I_1_v2`) and the second INITIALA (`_I_2`) come after the original; in "
             f"`{RECT}/` a provider's `_R_1` comes before its `_R_2`, and the CONTINUARE of the revalidation pair "
             "before the INITIAL it names.\n")
    L.append("## The county\n")
    nprov = len(world.providers)
    noct = sum(1 for p in world.providers if p.in_october)
    L.append(f"{nprov} providers, all of CAS TM; {noct} hold a convention covering some day of October 2026 "
             "(one convention ended 2026-09-30, one starts 2026-11-01). Conventions otherwise run from "
             "2025-01-01, open-ended. Names carry Romanian diacritics in comma-below form (ș ț); one denumire "
             "contains a comma and one a double quote, to exercise CSV quoting. CUIs are synthetic, 6–8 digits, "
             "with a valid control digit.\n")
    L.append("| key | tip | CUI | denumire | convenție | in the sample month | centralizer (as of the 14th) |")
    L.append("|---|---|---|---|---|---|---|")
    for p in world.providers:
        conv = f"{p.de_la} – {p.pana_la or '…'}"
        st = stage.get(p.cui)
        cz = "— (no convention in October)"
        if st:
            cz = f"{st['stadiu']} ({st['nrCertificate']}" + (
                f", {st['nrCertificateCuErori']} cu erori)" if st["nrCertificateCuErori"] else ")")
        L.append(f"| {p.key} | {p.tip} | {p.cui} | {p.denumire.replace('|', '/')} | {conv} | "
                 f"{SCENARIO_TEXT[p.scenario]}{'; plus certificate-rule cases' if p.key in b.rules.added else ''} "
                 f"| {cz} |")
    L.append("")
    L.append(f"Centralizer 2026-10 after both folders: {counts['VALIDAT']} VALIDAT, {counts['CU ERORI']} CU ERORI, "
             f"{counts['FĂRĂ RAPORTARE']} FĂRĂ RAPORTARE ({len(rows)} rows); the numbers in brackets are "
             "`nrCertificate` and `nrCertificateCuErori`. The CU ERORI providers are the nine that carry the "
             "certificate-rule cases (see *Certificate rules* below); every other certificate is built to pass "
             "C01–C22 with the 2024 duration set. This is the edition of the 14th (`--as-of "
             f"{AS_OF_14TH}`); what the rectificatives of the 20th change is in *Rectificatives* below"
             + (f": after them {after_rect['counts']['VALIDAT']} VALIDAT, {after_rect['counts']['CU ERORI']} CU ERORI, "
                f"{after_rect['counts']['FĂRĂ RAPORTARE']} FĂRĂ RAPORTARE; after `ccm revalidate` "
                f"{after_reval['counts']['VALIDAT']} VALIDAT, {after_reval['counts']['CU ERORI']} CU ERORI, "
                f"{after_reval['counts']['FĂRĂ RAPORTARE']} FĂRĂ RAPORTARE" if after_rect else "") + ".\n")
    L.append("## The submissions\n")
    good = [f for f in files if f["status"] == "INREGISTRAT"]
    L.append(f"{len(files)} files ({sum(1 for f in files if f['folder'] == 'inbox')} in `inbox/`, "
             f"{sum(1 for f in files if f['folder'] == 'inbox-late')} in `inbox-late/`, "
             f"{sum(1 for f in files if f['folder'] == RECT)} in `{RECT}/`); {len(good)} are registered, storing "
             f"{sum(f['certificates'] for f in good)} certificate rows in all "
             f"({sum(f['certificates'] for f in good if f['folder'] != RECT)} from the first two folders).\n")
    L.append("Every document: namespace `urn:ro:cnas:ccm:raportare:1`, `versiune=\"1\"`, a UUID `idDocument` "
             "drawn from the seed, `dataGenerare` in early November 2026 at +02:00, the Furnizor as in the "
             "registry, no signature. Certificates: Serie `CCMAM` (cabinets, ambulatory, others) or `CCMAS` "
             "(hospitals), numbers sequential per provider in issue order and unique in the county; DataAcordarii "
             "in October (cabinets Monday–Friday, hospitals any day); Perioada from DataAcordarii or the day "
             "before (hospital discharge certificates may start up to 6 days before); INITIAL mostly, with "
             "CONTINUARE certificates naming an INITIAL earlier in the same document (same insured, same ICD-10 "
             "category, period starting the day after, DataAcordarii on the last day of the previous period or, "
             "when that day is a Sunday, on the Monday after); LocPrescriere 1 (MF), 3 (AMB, ALTUL), 2 (SPITAL); "
             "valid CNPs (some insured names written with cedilla ş ţ); Angajator mostly present (two employer "
             "CUIs carry the `RO` prefix, some without denumire); CodIndemnizatie mostly 01, also 02, 03, 05 "
             "(with CodBoalaInfecto 1–37), 06 (with CodUrgenta 1–100), 08 (women only), 09 (with the CNP of a "
             "child under 7). Family-doctor certificates for code 01 last at most 4 days (chains at most 7), as "
             "the 2024 rule set demands. All of this holds for the base certificates; the certificate-rule cases "
             "(see *Certificate rules*) are added after them and break it on purpose.\n")
    L.append("| folder | file | expected | codes | certificates stored | with certificate codes | what it is |")
    L.append("|---|---|---|---|---|---|---|")
    for f in files:
        ncc = (len(rect_codes(f["rect"])) if f.get("rect") is not None else len(cert_codes(f["doc"]))) \
            if f["status"] == "INREGISTRAT" else 0
        note = f["note"]
        if f["status"] == "INREGISTRAT" and f["doc"] is not None and any(
                c.get("expect") is not None for c in f["doc"]["certs"]):
            note += "; plus certificate-rule cases"
        L.append(f"| {f['folder']} | `{f['file']}` | {f['status']} | {', '.join(f['codes']) or '—'} | "
                 f"{f['certificates']} | {ncc or '—'} | {note} |")
    L.append("")
    L.append("Notes:\n")
    L.append("- F01 files: nothing past F01 can be said of them, so only F01 is expected even though their "
             "Furnizor may be readable.")
    L.append("- The XXE file references the entity in element content (`<Serie>&xxe;</Serie>`): XML forbids "
             "references to external entities in attribute values, and every name in the format is an "
             "attribute, so a reference in a name would make the file merely not well-formed instead of a real "
             "entity attack. A correct processor refuses it for its DOCTYPE and never opens /etc/passwd.")
    L.append("- F02 files keep Totaluri consistent with their content (totalZile counts certificates that have a "
             "Perioada), so F02 is their only reason.")
    L.append("- The F09 file reports November certificates (issued 2–9 November); it is refused and does not "
             "touch October.")
    L.append("- DUPLICAT files list no codes and store nothing; they must be processed after their original "
             "(their names sort after it).")
    L.append("- `codes` lists file-level codes only (F.., W01). Certificate-level codes are in `certificateCodes` "
             "(`\"SERIE NUMAR\": [codes]`, only certificates with at least one code, EROARE or AVERTISMENT); "
             "`certificates` is the number stored (a repeat of the provider's own number is listed with C16 but "
             "not stored). For a rectificative, `certificates` counts the rows it stores: every ADAUGARE and "
             "MODIFICARE version and every STERGERE tombstone (with or without C22), but not an ADAUGARE of a number "
             "the provider already has (C16).")
    L.append("- The F13 file carries the other environment: with `--mediu PRODUCTIE` every other document is "
             "PRODUCTIE and the F13 file is TEST.")
    L.append("")
    L.extend(readme_rules(world, b, files, rows))
    if getattr(b, "rect", None) is not None:
        L.extend(readme_rect(world, b, rows, after_rect, after_reval))
    L.append("## registry-bad/furnizori.csv\n")
    L.append("| line | row | meant to be |\n|---|---|---|")
    for i, row in enumerate(bad_rows, start=2):
        verdict = {3: "bad: CUI control digit wrong", 5: "bad: tip FARMACIE, and conventie_pana_la before "
                                                           "conventie_de_la"}.get(i, "good")
        L.append(f"| {i} | `{csv_line(row)}` | {verdict} |")
    L.append("")
    L.append("Its CUIs are not in `registry/furnizori.csv`, so a partial import would be visible.\n")
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
