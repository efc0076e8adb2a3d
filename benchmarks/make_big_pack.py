"""Generate a synthetic knowledge pack shaped like a whole system's T100.

Real T100 texts are short, built from a small business vocabulary, full of placeholders
and near-duplicates ("Material & does not exist" / "Material & does not exist in plant &"
/ "Vendor & does not exist" in hundreds of classes). Random letters would make search
look far easier than it is, so the texts here come from SAP-like templates and words;
every text is unique once placeholders are ignored (otherwise no search could tell two
messages apart by their text), but most have neighbours one or two words away.

Usage: python benchmarks/make_big_pack.py DIR [--count 100000] [--seed 7]
The pack is written through the real import path (T100 download → `kb import-t100`
writer), so it looks exactly like a user's imported pack.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.kb.t100 import T100Row, write_pack

OBJECTS = """
material, plant, customer, vendor, supplier, order, document, item, delivery, invoice,
payment, account, cost center, profit center, company code, business area,
controlling area, asset, batch, serial number, storage location, warehouse, storage bin,
handling unit, shipment, route, purchase order, sales order, production order,
maintenance order, notification, purchase requisition, contract, scheduling agreement,
quotation, inquiry, condition, pricing procedure, tax code, currency, exchange rate,
posting period, fiscal year, ledger, document type, movement type, valuation class,
valuation area, material group, purchasing group, purchasing organization,
sales organization, distribution channel, division, shipping point, transportation zone,
partner function, business partner, contact person, address, bank account,
payment method, dunning level, credit limit, credit segment, reservation,
inspection lot, characteristic, classification, work center, routing, operation,
bill of material, component, change number, user, role, profile, authorization, client,
system, destination, connection, host, port, certificate, certificate list, PSE, file,
directory, job, spool request, output device, printer, form, table, field, structure,
domain, data element, search help, function module, method, interface, program, report,
transaction, variant, selection screen, screen, IDoc, segment, partner profile,
logical system, RFC destination, queue, queue entry, lock object, lock entry,
transport request, task, package, namespace, workflow, work item, event, agent,
attachment, archive object, archive file, number range, interval, buffer, service,
ICF node, ICF service, HTTP handler, URL, proxy, user name, password, session, token,
cookie, header, response, request, message, key, entry, value, parameter, profile parameter
"""

MODIFIERS = """planned actual default alternative external internal parent target source
reference standard original temporary central local global inbound outbound follow-on
preceding consignment intercompany statistical technical logical physical valuated open
cleared parked pending manual automatic recurring collective individual blocked special
""".split()

# Tables, fields and transactions: real T100 texts name them all the time.
TABLES = """T001 T001W T001L T001K T024 T024E TVKO TVTW TSPA MARA MARC MARD MAKT MBEW MSEG MKPF
VBAK VBAP VBEP VBKD VBPA LIKP LIPS VBRK VBRP EKKO EKPO EKET EKBE EBAN KNA1 KNB1 KNVV LFA1 LFB1
LFM1 BKPF BSEG BSID BSIK SKA1 SKB1 CSKS CEPC ANLA ANLZ AUFK AFKO AFPO RESB PLKO PLPO STKO STPO
CRHD QALS QAVE EQUI IFLOT JEST TJ02 USR02 AGR_USERS TSTC TADIR TRDIR DD02L DD03L EDIDC EDIDS
TBTCO TBTCP TSP01 NRIV RFCDES SSF_PSE_D STRUSTCERT ICFSERVICE HTTPURLLOC SWWWIHEAD""".split()
FIELDS = """MATNR WERKS LGORT BUKRS KOKRS VKORG VTWEG SPART VBELN POSNR EBELN EBELP BANFN LIFNR
KUNNR BELNR GJAHR MONAT BLART BSCHL HKONT KOSTL PRCTR AUFNR ANLN1 CHARG SERNR MEINS WAERS
KURST MWSKZ ZTERM INCO1 ROUTE VSTEL LGNUM LGTYP LGPLA EXIDV RSNUM PRUEFLOS EQUNR TPLNR QMNUM
AUART PSTYV ETTYP UNAME MANDT RFCDEST PSENAME SPRAS""".split()
TCODES = """SE16 SE11 SE37 SE80 SM59 SMICM STRUST SICF SM21 ST22 SU01 PFCG SM37 SM12 SM13 SPRO
VA01 VA02 VL01N VF01 ME21N ME23N MIGO MIRO FB01 FB60 F110 KS01 AS01 CO01 IW31 QA32 WE02 WE20
BD87 SCC4 STMS SE09 SNRO OB52 OMJJ OVX5 SU53""".split()

OBJECT_LIST = sorted({w.strip() for w in OBJECTS.replace("\n", " ").split(",") if w.strip()})

PARTICIPLES = """created changed deleted posted released saved locked transferred processed
archived read updated generated copied determined found maintained assigned activated
deactivated reversed cancelled blocked unblocked approved rejected confirmed checked
converted replicated scheduled started completed closed opened sent received imported
exported loaded initialized registered signed verified""".split()

INFINITIVES = """create change delete post release save lock transfer process archive read
update generate copy determine find maintain assign activate reverse cancel block approve
reject confirm check convert replicate schedule start complete close open send receive
import export load initialize register sign verify display""".split()

GERUNDS = [w + "ing" if not w.endswith("e") else w[:-1] + "ing" for w in INFINITIVES]

ADJECTIVES = """valid invalid incomplete inconsistent obsolete blocked active inactive
locked unknown missing empty initial ambiguous mandatory unique expired archived
incorrect unsupported reserved protected""".split()

QUALIFIERS = [
    "in client &", "for user &", "in plant &", "for company code &", "in the background",
    "in update task", "for fiscal year &", "in posting period &", "for sales organization &",
    "in warehouse &", "for this document type", "in this step", "for the selected entries",
    "in the current session", "for logical system &", "on application server &",
    "in language &", "for key date &", "in table &", "for object type &",
]

REASONS = [
    "timeout", "no authorization", "the entry is locked", "the data is inconsistent",
    "the connection was closed", "the certificate is not trusted", "the host is unknown",
    "the service is not active", "the number range is exhausted", "the buffer is full",
]

TEMPLATES = [
    "{O} & does not exist",
    "{O} & does not exist {Q}",
    "{O} &1 {O2} &2 does not exist",
    "{O} & could not be {P}",
    "{O} & could not be {P} {Q}",
    "{O} & was {P}",
    "{O} & was {P} {Q}",
    "{O} & has already been {P}",
    "{O} & is {A}",
    "{O} & is {A} {Q}",
    "{O} &1 is locked by user &2",
    "{O} & is still being {P}",
    "No {O} found for {O2} &",
    "No {O} found {Q}",
    "No authorization to {I} {O} &",
    "No authorization to {I} {O} {Q}",
    "Enter a {A} {O}",
    "Enter {O} and {O2}",
    "{O} and {O2} do not match",
    "Error while {G} {O} &",
    "Error while {G} {O} &1: &2",
    "Error while {G} {O} {Q}",
    "Cannot {I} {O} &: {R}",
    "Cannot {I} {O} {Q}",
    "{O} & cannot be {P} because {O2} & is {A}",
    "{O} & cannot be {P}: {R}",
    "{O} &1 already exists for {O2} &2",
    "{O} & already exists",
    "{O} is {A}; {I} {O2} first",
    "First {I} {O} &",
    "Connection to {O} & failed: &",
    "Connection to {O} & failed: {R}",
    "{O} &1 of {O2} &2 is {A}",
    "Field & of {O} & is {A}",
    "{O} &1 in {O2} &2 could not be {P}",
    "&1 {O} were {P}, &2 {O2} were not",
    "{O} & {P} successfully",
    "{O} & will be {P} {Q}",
    "Specify {O} or {O2}",
    "Maintain {O} for {O2} &",
    "{O} for {O2} & is not maintained",
    "{O} & is not assigned to {O2} &",
    "{O} & is assigned to {O2} & already",
    "Internal error in {O}: &1 &2",
    "Unable to {I} {O} & ({R})",
    "Check {O} &: {R}",
    "{O} & has been {P} by user &",
    "The {O} is {A}",
    "The {O} for {O2} is {A}",
    "Select a {O} first",
    "Entry &1 &2 missing in table {T}",
    "Entry & does not exist in table {T} (check entry)",
    "{O} & not found in table {T}",
    "Maintain table {T} for {O} &",
    "Field {F} is not ready for input",
    "Enter a value in field {F}",
    "Field {F} of {O} & is {A}",
    "{O} & is {A} (field {F})",
    "Check the settings in transaction {C}",
    "Maintain the {O} in transaction {C}",
    "Use transaction {C} to {I} the {O}",
    "{O} & could not be {P}; see transaction {C}",
    "Table {T} is locked by user &",
    "No entries in table {T} for {O} &",
]


def _object(rng: random.Random, name: str) -> str:
    return f"{rng.choice(MODIFIERS)} {name}" if rng.random() < 0.3 else name


def _fill(template: str, rng: random.Random, domain: list[str]) -> str:
    objects = [_object(rng, name) for name in rng.sample(domain, 2)]
    text = template
    for key, value in (
        ("{T}", rng.choice(TABLES)), ("{F}", rng.choice(FIELDS)), ("{C}", rng.choice(TCODES)),
        ("{O2}", objects[1]), ("{O}", objects[0]), ("{P}", rng.choice(PARTICIPLES)),
        ("{I}", rng.choice(INFINITIVES)), ("{G}", rng.choice(GERUNDS)),
        ("{A}", rng.choice(ADJECTIVES)), ("{Q}", rng.choice(QUALIFIERS)),
        ("{R}", rng.choice(REASONS)),
    ):
        text = text.replace(key, value)
    return text[0].upper() + text[1:]


def _class_names(count: int, rng: random.Random) -> list[str]:
    prefixes = ["SD", "MM", "FI", "CO", "PP", "QM", "PM", "HR", "BC", "WM", "LE", "PS", "CA",
                "/SCWM/", "/SAPAPO/", "Z", "Y", "ZSYN_"]
    areas = ["ORD", "DOC", "POST", "PRICE", "MAT", "VEND", "CUST", "ARCH", "RFC", "HTTP",
             "IDOC", "WF", "AUTH", "CERT", "JOB", "PRINT", "TRANS", "LOCK", "NUM", "CONF"]
    names: set[str] = set()
    while len(names) < count:
        prefix = rng.choice(prefixes)
        name = f"{prefix}{rng.choice(areas)}{rng.randint(0, 999):03d}"
        if len(name) <= 20:
            names.add(name)
    return sorted(names)


def _key(text: str) -> str:
    return " ".join(re.sub(r"&[1-9]?", " ", text).lower().split())


def generate_rows(count: int, seed: int = 7) -> list[T100Row]:
    """`count` T100 rows with unique texts, ~40 messages per class, like a real system."""
    rng = random.Random(seed)
    classes = _class_names(max(1, count // 40), rng)
    rows: list[T100Row] = []
    seen: set[str] = set()
    line = 1
    for class_index, message_class in enumerate(classes):
        domain = rng.sample(OBJECT_LIST, 14)
        remaining = count - len(rows)
        per_class = min(remaining, -(-remaining // (len(classes) - class_index)))
        number = 0
        attempts = 0
        while number < per_class and attempts < per_class * 50:
            attempts += 1
            text = _fill(rng.choice(TEMPLATES), rng, domain)
            key = _key(text)
            if key in seen:
                continue
            seen.add(key)
            line += 1
            rows.append(T100Row(line, "E", message_class, number, text))
            number += 1
    return rows


def write_t100_download(rows: list[T100Row], path: Path) -> None:
    """The same rows as an SE16 tab-separated download (for timing the importer)."""
    lines = ["SPRSL\tARBGB\tMSGNR\tTEXT"]
    lines += [f"{r.language}\t{r.message_class}\t{r.number:03d}\t{r.text}" for r in rows]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = generate_rows(args.count, args.seed)
    target = write_pack(rows, args.dir, "synthetic_t100.txt")
    print(f"wrote {len(rows)} messages in {len({r.message_class for r in rows})} classes to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
