#!/usr/bin/env python3
"""Writes the event logs of the seed scenarios (policies/examples/events/) and of the test fixtures.

Headers are the documented field names of each event type (see adapters/salesforce/Events/EventKind.cs for the pages);
rows are deterministic (fixed seed) so the approved facts stay stable. Run from the repository root:

    python3 tests/Verdict.Salesforce.Tests/Fixtures/generate.py
"""
import csv, io, json, os, random
from datetime import datetime, timedelta, timezone

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ORG = "00D5g000004XyZa"

COLUMNS = {
    "API": "API_TYPE API_VERSION CLIENT_IP CLIENT_NAME CONNECTED_APP_ID CPU_TIME DB_BLOCKS DB_CPU_TIME DB_TOTAL_TIME ENTITY_NAME EVENT_TYPE LOGIN_KEY METHOD_NAME ORGANIZATION_ID QUERY_ID REQUEST_ID REQUEST_SIZE REQUEST_STATUS RESPONSE_SIZE ROWS_PROCESSED RUN_TIME SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_ID USER_ID_DERIVED USER_TYPE",
    "RestApi": "CLIENT_IP CLIENT_NAME CONNECTED_APP_ID CPU_TIME DB_BLOCKS DB_CPU_TIME DB_TOTAL_TIME ENTITY_NAME EVENT_TYPE LOGIN_KEY MEDIA_TYPE METHOD ORGANIZATION_ID REQUEST_ID REQUEST_SIZE REQUEST_STATUS RESPONSE_SIZE ROWS_PROCESSED RUN_TIME SESSION_KEY STATUS_CODE TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_AGENT USER_ID USER_ID_DERIVED USER_TYPE",
    "BulkApi": "BATCH_ID CLIENT_IP CPU_TIME ENTITY_TYPE EVENT_TYPE JOB_ID LOGIN_KEY MESSAGE NUMBER_FAILURES OPERATION_TYPE ORGANIZATION_ID REQUEST_ID ROWS_PROCESSED RUN_TIME SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED USER_ID USER_ID_DERIVED",
    "BulkApi2": "CLIENT_IP CPU_TIME ENTITY_TYPE EVENT_TYPE JOB_ID JOB_STATUS LOGIN_KEY OPERATION_TYPE ORGANIZATION_ID RECORDS_FAILED RECORDS_PROCESSED RESULT_SIZE_MB REQUEST_ID RUN_TIME SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_ID USER_ID_DERIVED",
    "ReportExport": "CLIENT_INFO CLIENT_IP EVENT_TYPE LOGIN_KEY ORGANIZATION_ID REPORT_DESCRIPTION REQUEST_ID SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_ID USER_ID_DERIVED",
    "Login": "API_TYPE API_VERSION AUTHENTICATION_METHOD_REFERENCE BROWSER_TYPE CIPHER_SUITE CLIENT_IP CPU_TIME DB_TOTAL_TIME EVENT_TYPE LOGIN_KEY LOGIN_STATUS LOGIN_TYPE ORGANIZATION_ID PLATFORM_TYPE REQUEST_ID REQUEST_STATUS RUN_TIME SESSION_KEY SOURCE_IP TIMESTAMP TIMESTAMP_DERIVED TLS_PROTOCOL URI URI_ID_DERIVED USER_ID USER_ID_DERIVED USER_NAME USER_TYPE",
    "URI": "CLIENT_IP CPU_TIME DB_BLOCKS DB_CPU_TIME DB_TOTAL_TIME EVENT_TYPE LOGIN_KEY ORGANIZATION_ID REFERRER_URI REQUEST_ID REQUEST_STATUS RUN_TIME SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_ID USER_ID_DERIVED USER_TYPE",
    "ApexCallout": "CLIENT_IP CPU_TIME EVENT_TYPE LOGIN_KEY METHOD ORGANIZATION_ID REQUEST_ID REQUEST_SIZE RESPONSE_SIZE RUN_TIME SESSION_KEY STATUS_CODE SUCCESS TIME TIMESTAMP TIMESTAMP_DERIVED TYPE URL USER_ID USER_ID_DERIVED",
}
RTEM = {
    "ApiEvent": "ApiType ApiVersion Application Client ConnectedAppId ElapsedTime EventDate EventIdentifier LoginKey Operation QueriedEntities Query Records RowsProcessed SessionKey SessionLevel SourceIp UserId Username",
    "ReportEvent": "ColumnHeaders EventDate EventIdentifier EventSource ExportFileFormat LoginKey Name Operation QueriedEntities ReportId RowsProcessed SessionKey SourceIp UserId Username",
    "BulkApiResultEvent": "BatchId EventDate EventIdentifier JobId LoginKey Query SessionKey SourceIp UserId Username",
    "LoginEvent": "Application Browser CountryIso EventDate EventIdentifier LoginKey LoginType LoginUrl Platform SessionKey SourceIp Status UserId Username",
}

rnd = random.Random(19)


def rid(n=22):
    return "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))


def sfid(prefix, i):
    """A 15-character record id: the key prefix and the number, zero-padded."""
    return prefix + str(i).zfill(15 - len(prefix))


def ts(t):
    return t.strftime("%Y%m%d%H%M%S.") + f"{t.microsecond // 1000:03d}"


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def at(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def elf_row(kind, t, user, **v):
    row = {"EVENT_TYPE": kind, "TIMESTAMP": ts(t), "TIMESTAMP_DERIVED": iso(t), "ORGANIZATION_ID": ORG, "REQUEST_ID": rid(),
           "USER_ID": user, "USER_ID_DERIVED": user + "AAA", "SESSION_KEY": rid(16), "LOGIN_KEY": rid(16), "CLIENT_IP": "203.0.113.7",
           "CPU_TIME": str(rnd.randint(5, 90)), "RUN_TIME": str(rnd.randint(20, 900))}
    row.update({k: str(x) for k, x in v.items()})
    return row


class Elf:
    """One EventLogFile CSV: every field quoted, as Salesforce writes them."""

    def __init__(self, kind):
        self.kind, self.cols, self.lines = kind, COLUMNS[kind].split(), []

    def add(self, row):
        self.lines.append(",".join('"' + str(row.get(c, "")).replace('"', '""') + '"' for c in self.cols))

    def raw(self, line):
        self.lines.append(line)

    def write(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", newline="") as f:
            f.write(",".join('"' + c + '"' for c in self.cols) + "\n")
            for l in self.lines:
                f.write(l + "\n")


def rtem_csv(kind, records, path, raw=()):
    cols = RTEM[kind].split()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(cols)
    for r in records:
        w.writerow([r.get(c, "") for c in cols])
    text = buf.getvalue() + "".join(l + "\n" for l in raw)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        f.write(text)


def rtem_json(kind, records, path, style="envelope"):
    recs = [dict({"attributes": {"type": kind}}, **r) for r in records]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        if style == "envelope":
            json.dump({"totalSize": len(recs), "done": True, "records": recs}, f, indent=2)
            f.write("\n")
        else:
            for r in recs:
                f.write(json.dumps(r) + "\n")


def every(start, minutes, n):
    t = at(start)
    for i in range(n):
        # the first event of a burst falls on the minute the scenario names; the others scatter within their minute
        yield t if i == 0 else t + timedelta(minutes=minutes * i, seconds=rnd.randint(0, 40), milliseconds=rnd.randint(0, 999))


# ---------------------------------------------------------------------------------------------------------------
# Seed 003, fintech: the credit-risk model's MuleSoft sync, its OAuth token stolen, exports named financial records.
def fintech(base):
    mule = "0055g00000MuLe7"
    bulk = Elf("BulkApi")
    job = sfid("7505g0000", 1)
    for i, t in enumerate(every("2026-11-19T22:10:00Z", 25, 10)):
        bulk.add(elf_row("BulkApi", t, mule, BATCH_ID=sfid("7515g0000", i + 1), ENTITY_TYPE="Account", JOB_ID=job,
                         OPERATION_TYPE="query", ROWS_PROCESSED=4800, NUMBER_FAILURES=0, MESSAGE=""))
    bulk.write(f"{base}/bulkapi.csv")
    login = Elf("Login")
    for t, ip, status in [(at("2026-11-18T22:00:05Z"), "198.51.100.20", "LOGIN_NO_ERROR"),
                          (at("2026-11-19T21:58:41Z"), "192.0.2.199", "LOGIN_NO_ERROR"),
                          (at("2026-11-19T22:07:13Z"), "192.0.2.199", "LOGIN_NO_ERROR")]:
        login.add(elf_row("Login", t, mule, USER_NAME="mulesoft-sync@fintech.example", LOGIN_STATUS=status, LOGIN_TYPE="Remote Access 2.0",
                          SOURCE_IP=ip, API_TYPE="N/A", BROWSER_TYPE="Java (Salesforce.com)", URI="/services/oauth2/token", TLS_PROTOCOL="TLS 1.3"))
    # a controller's analyst at work the same night: not in the map, reported as unmapped
    login.add(elf_row("Login", at("2026-11-19T23:40:00Z"), "0055g00000AnAly", USER_NAME="analyst@fintech.example",
                      LOGIN_STATUS="LOGIN_NO_ERROR", LOGIN_TYPE="Application", SOURCE_IP="198.51.100.41", URI="/index.jsp"))
    login.write(f"{base}/login.csv")


# ---------------------------------------------------------------------------------------------------------------
# Seed 004, B2B SaaS: an autonomous support agent scrapes far beyond its cases.
def b2b(base):
    agent = "0055g00000AgEnT"
    rest = Elf("RestApi")
    for i, t in enumerate(every("2026-12-06T08:00:00Z", 40, 24)):
        case = sfid("5005g0000", 100 + i)
        rest.add(elf_row("RestApi", t, agent, CONNECTED_APP_ID="0H45g000000SupA", CLIENT_NAME="support-agent-v3", ENTITY_NAME="Case",
                         METHOD="GET", ROWS_PROCESSED=5, STATUS_CODE=200, MEDIA_TYPE="application/json", REQUEST_STATUS="S",
                         URI=f"/services/data/v62.0/sobjects/Case/{case}", URI_ID_DERIVED=case + "AAA", USER_TYPE="Standard"))
    # leads read through a lead-enrichment tool registered under the marketing purpose
    for t in every("2026-12-07T04:00:00Z", 3, 18):
        rest.add(elf_row("RestApi", t, agent, CONNECTED_APP_ID="0H45g000000LeAd", CLIENT_NAME="lead-insights-tool", ENTITY_NAME="Lead",
                         METHOD="GET", ROWS_PROCESSED=500, STATUS_CODE=200, MEDIA_TYPE="application/json", REQUEST_STATUS="S",
                         URI="/services/data/v62.0/query", USER_TYPE="Standard"))
    rest.raw('"RestApi","20261207050000.000"')  # truncated by the export: a bad line, reported
    rest.write(f"{base}/restapi.csv")

    contacts = []
    for i, t in enumerate(every("2026-12-07T02:10:00Z", 1, 29)):
        contacts.append({"ApiType": "REST", "ApiVersion": "62.0", "Client": "support-agent-v3", "ConnectedAppId": "0H45g000000SupA",
                         "EventDate": iso(t), "EventIdentifier": f"e{i:04d}", "Operation": "Query", "QueriedEntities": "Contact",
                         "Query": "SELECT Name, Email, Phone, MailingAddress FROM Contact ORDER BY LastModifiedDate DESC LIMIT 500",
                         "RowsProcessed": 500, "SessionLevel": "STANDARD", "SourceIp": "203.0.113.7", "UserId": agent,
                         "Username": "support-agent@saas.example"})
    rtem_json("ApiEvent", contacts, f"{base}/apievent-contacts.json")

    accounts = []
    for i, t in enumerate(every("2026-12-07T03:30:00Z", 2, 6)):
        accounts.append({"ApiType": "REST", "ApiVersion": "62.0", "Client": "agent-tool-gateway", "ConnectedAppId": "0H45g000000GaTe",
                         "EventDate": iso(t), "EventIdentifier": f"a{i:04d}", "Operation": "Query", "QueriedEntities": "Account",
                         "Query": "SELECT Name, AnnualRevenue, CreditScore__c FROM Account WHERE Type = 'Customer'",
                         "RowsProcessed": "400.0", "SessionLevel": "STANDARD", "SourceIp": "203.0.113.7", "UserId": agent,
                         "Username": "support-agent@saas.example"})
    rtem_csv("ApiEvent", accounts, f"{base}/apievent-accounts.csv")

    b2 = Elf("BulkApi2")
    job = sfid("7505g0000", 77)
    for t, status, rows in [(at("2026-12-07T03:00:02Z"), "UploadComplete", 0), (at("2026-12-07T03:00:09Z"), "InProgress", 0),
                            (at("2026-12-07T03:01:30Z"), "JobComplete", 3200)]:
        b2.add(elf_row("BulkApi2", t, agent, ENTITY_TYPE="Opportunity", JOB_ID=job, JOB_STATUS=status, OPERATION_TYPE="query",
                       RECORDS_PROCESSED=rows, RECORDS_FAILED=0, RESULT_SIZE_MB="1.4", URI=f"/services/data/v62.0/jobs/query/{job}"))
    b2.write(f"{base}/bulkapi2.csv")

    callout = Elf("ApexCallout")
    for t in every("2026-12-07T03:31:00Z", 2, 6):
        callout.add(elf_row("ApexCallout", t, agent, URL="https://memory.agent-vendor.example/v1/store", METHOD="POST", TYPE="REST",
                            SUCCESS=1, STATUS_CODE=200, REQUEST_SIZE=rnd.randint(40000, 90000), RESPONSE_SIZE=120, TIME=rnd.randint(100, 400)))
    callout.write(f"{base}/apexcallout.csv")


# ---------------------------------------------------------------------------------------------------------------
# Seed 000, retail: the synthetic-data generator's extract carried identifiers; an admin exported it by hand.
def retail(base):
    einstein = "0055g00000EiNst"
    synth = "0055g00000SyNth"
    admin = "0055g00000AdMin"
    recs = "0055g00000ReCsM"
    personal = []
    for i, t in enumerate(every("2026-11-29T06:00:00Z", 180, 8)):
        personal.append({"ApiType": "SOAP Partner", "ApiVersion": "62.0", "Application": "Einstein Personalization", "Client": "einstein",
                         "EventDate": iso(t), "EventIdentifier": f"p{i:04d}", "Operation": "Query", "QueriedEntities": "Contact",
                         "Query": "SELECT FirstName, Email, HasOptedOutOfEmail FROM Contact WHERE HasOptedOutOfEmail = false",
                         "RowsProcessed": 1000, "SessionLevel": "STANDARD", "SourceIp": "198.51.100.9", "UserId": einstein,
                         "Username": "einstein@retail.example"})
    rtem_json("ApiEvent", personal, f"{base}/apievent.json")

    bulk = Elf("BulkApi")
    job = sfid("7505g0000", 5)
    rows = [5000] * 12 + [2000]
    for i, t in enumerate(every("2026-11-30T15:20:00Z", 4, 13)):
        bulk.add(elf_row("BulkApi", t, synth, BATCH_ID=sfid("7515g0000", 50 + i), ENTITY_TYPE="Contact", JOB_ID=job,
                         OPERATION_TYPE="query", ROWS_PROCESSED=rows[i], NUMBER_FAILURES=0))
    bulk.write(f"{base}/bulkapi.csv")

    report = "00O5g000003SyNt"
    rtem_csv("ReportEvent", [{"ColumnHeaders": "[Contact.FirstName, Contact.LastName, Contact.Email, Contact.MailingPostalCode]",
                              "EventDate": "2026-11-30T16:05:12.338Z", "EventIdentifier": "r0001", "EventSource": "Lightning",
                              "ExportFileFormat": "CSV", "Name": "SynthGen training extract", "Operation": "ReportExported",
                              "QueriedEntities": "Contact", "ReportId": report, "RowsProcessed": 62000, "SourceIp": "198.51.100.30",
                              "UserId": admin, "Username": "crm-admin@retail.example"}],
             f"{base}/reportevent.csv")
    rx = Elf("ReportExport")
    rx.add(elf_row("ReportExport", at("2026-11-30T16:05:12.338Z"), admin, URI=f"/{report}", URI_ID_DERIVED=report + "AAA",
                   REPORT_DESCRIPTION="SynthGen training extract", CLIENT_INFO="Lightning Experience"))
    rx.write(f"{base}/reportexport.csv")

    rest = Elf("RestApi")
    for t in every("2026-12-01T10:00:00Z", 30, 3):
        rest.add(elf_row("RestApi", t, recs, CONNECTED_APP_ID="0H45g000000ReCs", CLIENT_NAME="product-recs-trainer", ENTITY_NAME="Case",
                         METHOD="GET", ROWS_PROCESSED=500, STATUS_CODE=200, MEDIA_TYPE="application/json", REQUEST_STATUS="S",
                         URI="/services/data/v62.0/query", USER_TYPE="Standard"))
    rest.write(f"{base}/restapi.csv")


# ---------------------------------------------------------------------------------------------------------------
# Test fixtures: one folder per family, a few hundred rows each, with malformed lines where a real export has them.
def fixture_elf(base):
    agent, human, sync = "0055g00000AgEnT", "0055g00000HuMan", "0055g00000SyNc1"
    api = Elf("API")
    for i, t in enumerate(every("2026-12-01T00:00:00Z", 7, 120)):
        obj = ["Contact", "Account", "Case"][i % 3]
        api.add(elf_row("API", t, sync, API_TYPE="E", API_VERSION="62.0", CLIENT_NAME="nightly-sync", ENTITY_NAME=obj,
                        METHOD_NAME="query" if i % 4 else "queryMore", ROWS_PROCESSED=(i * 37) % 400, REQUEST_STATUS="S",
                        URI="/services/Soap/c/62.0", USER_TYPE="Standard"))
        if i == 40: api.raw('"API","20261201044000.000","' + rid() + '"')                       # too few fields
        if i == 60: api.raw(api.lines[-1].replace('"2026-12-01T', '"2026-13-01T'))               # month 13
        if i == 80: api.raw(api.lines[-1].replace('"ROWS', '"').replace(',"' + str((80 * 37) % 400) + '",', ',"many",'))  # rows not a number
    api.add(elf_row("API", at("2026-12-01T23:59:00Z"), human, API_TYPE="P", ENTITY_NAME="Lead", METHOD_NAME="query", ROWS_PROCESSED=12,
                    CLIENT_NAME="Workbench"))
    api.write(f"{base}/api.csv")
    rest = Elf("RestApi")
    for i, t in enumerate(every("2026-12-01T01:00:00Z", 11, 80)):
        rest.add(elf_row("RestApi", t, agent, CONNECTED_APP_ID="0H45g000000SupA", CLIENT_NAME="support-agent-v3",
                         ENTITY_NAME="Case" if i % 5 else "", METHOD="GET", ROWS_PROCESSED=(i % 7) + 1, STATUS_CODE=200,
                         MEDIA_TYPE="application/json", REQUEST_STATUS="S", URI="/services/data/v62.0/query",
                         USER_AGENT='agent/3.1 (tool "fetch", v2)'))
        if i == 33: rest.raw('"RestApi","' + '","'.join(["x"] * 10) + '" trailing')          # text after a closing quote
    rest.write(f"{base}/restapi.csv")
    bulk = Elf("BulkApi")
    for i, t in enumerate(every("2026-12-01T02:00:00Z", 13, 40)):
        bulk.add(elf_row("BulkApi", t, sync, BATCH_ID=sfid("7515g0000", i), ENTITY_TYPE="Contact", JOB_ID=sfid("7505g0000", i // 10),
                         OPERATION_TYPE="query", ROWS_PROCESSED=250, NUMBER_FAILURES=0, MESSAGE="Batch, \"done\"\nsecond line"))
    bulk.write(f"{base}/bulkapi.csv")
    b2 = Elf("BulkApi2")
    for j in range(12):
        t0 = at("2026-12-01T03:00:00Z") + timedelta(minutes=17 * j)
        for k, status in enumerate(["UploadComplete", "InProgress", "JobComplete"]):
            b2.add(elf_row("BulkApi2", t0 + timedelta(seconds=30 * k), sync, ENTITY_TYPE="Account", JOB_ID=sfid("7505g0001", j),
                           JOB_STATUS=status, OPERATION_TYPE="query", RECORDS_PROCESSED=300 if status == "JobComplete" else 0,
                           RECORDS_FAILED=0, RESULT_SIZE_MB="0.2"))
    b2.write(f"{base}/bulkapi2.csv")
    rx = Elf("ReportExport")
    for i, t in enumerate(every("2026-12-01T09:00:00Z", 45, 6)):
        report = "00O5g000001RpT1" if i % 2 == 0 else "00O5g000009UnKn"
        rx.add(elf_row("ReportExport", t, human if i % 3 else agent, URI=f"/{report}", URI_ID_DERIVED=report, REPORT_DESCRIPTION="Contacts by region",
                       CLIENT_INFO="Lightning Experience"))
    rx.write(f"{base}/reportexport.csv")
    login = Elf("Login")
    for i, t in enumerate(every("2026-12-01T00:00:00Z", 60, 20)):
        login.add(elf_row("Login", t, [agent, sync, human][i % 3], USER_NAME=["agent@x.example", "sync@x.example", "human@x.example"][i % 3],
                          LOGIN_STATUS="LOGIN_NO_ERROR", LOGIN_TYPE="Remote Access 2.0", SOURCE_IP="198.51.100.2"))
    login.write(f"{base}/login.csv")
    uri = Elf("URI")
    for i, t in enumerate(every("2026-12-01T10:00:00Z", 3, 60)):
        rec = [sfid("0035g0000", 500 + i % 25), sfid("5005g0000", 900 + i % 10), "/home/home.jsp"][i % 3]
        uri.add(elf_row("URI", t, agent, URI=rec if rec.startswith("/") else f"/{rec}", URI_ID_DERIVED="" if rec.startswith("/") else rec,
                        REQUEST_STATUS="S", REFERRER_URI="/lightning/page/home", USER_TYPE="Standard"))
    uri.write(f"{base}/uri.csv")
    callout = Elf("ApexCallout")
    for i, t in enumerate(every("2026-12-01T12:00:00Z", 20, 15)):
        callout.add(elf_row("ApexCallout", t, agent, URL="https://api.vendor.example/v1/embed", METHOD="POST", TYPE="REST", SUCCESS=1,
                            STATUS_CODE=200, REQUEST_SIZE=2048, RESPONSE_SIZE=512, TIME=140))
    callout.write(f"{base}/apexcallout.csv")


def fixture_rtem(base):
    agent, human = "0055g00000AgEnT", "0055g00000HuMan"
    api = []
    for i, t in enumerate(every("2026-12-02T00:00:00Z", 5, 150)):
        ids = [{"attributes": {"type": "Contact"}, "Id": sfid("0035g0000", (i * 7 + k) % 400) + "AAA"} for k in range(3)]
        api.append({"ApiType": "REST", "ApiVersion": 62.0, "Client": "support-agent-v3", "ConnectedAppId": "0H45g000000SupA",
                    "EventDate": iso(t), "EventIdentifier": f"e{i:05d}", "Operation": "Query", "QueriedEntities": "Contact",
                    "Query": "SELECT Id, Name, Email FROM Contact WHERE AccountId = '0015g00000ABCDE'",
                    "Records": json.dumps({"totalSize": 3, "done": True, "records": ids}), "RowsProcessed": 3,
                    "SessionLevel": "STANDARD", "SourceIp": "203.0.113.7", "UserId": agent, "Username": "agent@x.example"})
    rtem_json("ApiEvent", api, f"{base}/apievent.json")
    reports = []
    for i, t in enumerate(every("2026-12-02T06:00:00Z", 30, 40)):
        reports.append({"ColumnHeaders": "[Contact.FirstName, Contact.Email, Account.Name]", "EventDate": iso(t),
                        "EventIdentifier": f"r{i:04d}", "EventSource": "Lightning", "Name": "Contacts with accounts",
                        "Operation": "ReportRunFromLightning", "QueriedEntities": "Contact", "ReportId": "00O5g000001RpT1",
                        "RowsProcessed": 20 + i, "SourceIp": "198.51.100.3", "UserId": agent, "Username": "agent@x.example"})
    rtem_csv("ReportEvent", reports, f"{base}/reportevent.csv", raw=['"[Contact.Email]",not-a-date,r9999,Lightning,,,x,x,Contact,00O5g000001RpT1,3,,1.1.1.1,' + agent + ',agent@x.example'])
    bulk = []
    for i, t in enumerate(every("2026-12-02T08:00:00Z", 9, 30)):
        bulk.append({"BatchId": sfid("7515g0002", i), "EventDate": iso(t), "EventIdentifier": f"b{i:04d}", "JobId": sfid("7505g0002", i // 5),
                     "Query": "SELECT Id, Email, CreditScore__c FROM Account", "SourceIp": "203.0.113.7", "UserId": agent,
                     "Username": "agent@x.example"})
    rtem_json("BulkApiResultEvent", bulk, f"{base}/bulkapiresultevent.jsonl", style="lines")
    with open(f"{base}/bulkapiresultevent.jsonl", "a") as f:
        f.write('{"attributes": {"type": "BulkApiResultEvent"}, "EventDate": "2026-12-02T12:00:00.000Z", "JobId": \n')
    logins = []
    for i, t in enumerate(every("2026-12-02T00:00:00Z", 45, 30)):
        logins.append({"Application": "support-agent-v3", "Browser": "Unknown", "CountryIso": "DE", "EventDate": iso(t),
                       "EventIdentifier": f"l{i:04d}", "LoginType": "Remote Access 2.0", "LoginUrl": "login.salesforce.com",
                       "Platform": "Unknown", "SourceIp": "203.0.113.7", "Status": "Success", "UserId": [agent, human][i % 2],
                       "Username": ["agent@x.example", "human@x.example"][i % 2]})
    rtem_csv("LoginEvent", logins, f"{base}/loginevent.csv")
    with open(f"{base}/people.csv", "w") as f:
        f.write("Id,LastName,MailingCountry,MailingState\n")
        for k in range(400):
            c = ["DE", "FR", "US", "US", "GB", "de"][k % 6]
            st = ["", "", "CA", "TX", "", ""][k % 6]
            f.write(f"{sfid('0035g0000', k)}AAA,Person{k},{c},{st}\n")
        f.write(",NoId,DE,\n")
        f.write(f"{sfid('0035g0000', 999)},Nowhere,Germany,\n")


fintech(f"{ROOT}/policies/examples/events/fintech-credit-risk-sync")
b2b(f"{ROOT}/policies/examples/events/b2b-saas-agent-scraping")
retail(f"{ROOT}/policies/examples/events/retail-ai-personalization-synthetic-export")
fixture_elf(f"{ROOT}/tests/Verdict.Salesforce.Tests/Fixtures/eventlogfile")
fixture_rtem(f"{ROOT}/tests/Verdict.Salesforce.Tests/Fixtures/realtime")
