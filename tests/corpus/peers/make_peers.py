"""Writes the peers' development set (presidio.json, scrubadub.json, commonregex.json, datafog.json): the examples
of the public unit tests of four PII projects, transcribed from the files named in each case's "source"
(repo@commit:path, read through the code search), with the expected category of our contract, or "none" for a
negative. Only examples for our categories (phone, SSN, email, card/IBAN, address, birth date) are kept; the
few left out are named below with the reason. The licence of each project is beside its file (LICENSE.*).
Run: python3 tests/corpus/peers/make_peers.py
"""
import ast
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent

# Presidio's IBAN examples, as (text, expected count); its one duplicated row is kept once.
IBAN_CASES = """
("AL47212110090000000235698741", 1), ("AL47 2121 1009 0000 0002 3569 8741", 1), ("AL47 212A 1009 0000 0002 3569 8741", 0), ("AL47 212A 1009 0000 0002 3569 874", 0), ("AL47 2121 1009 0000 0002 3569 8740", 0),
("AD1200012030200359100100", 1), ("AD12 0001 2030 2003 5910 0100", 1), ("AD12000A2030200359100100", 0), ("AD12000A203020035910010", 0), ("AD12 0001 2030 2003 5910 0101", 0),
("AT611904300234573201", 1), ("AT61 1904 3002 3457 3201", 1), ("AT61 1904 A002 3457 3201", 0), ("AT61 1904 3002 3457 320", 0), ("AT61 1904 3002 3457 3202", 0),
("AZ21NABZ00000000137010001944", 1), ("AZ21 NABZ 0000 0000 1370 1000 1944", 1), ("AZ21NABZ000000001370100019", 0), ("AZ21NABZ0000000013701000194", 0), ("AZ21NABZ00000000137010001945", 0),
("BH67BMAG00001299123456", 1), ("BH67 BMAG 0000 1299 1234 56", 1), ("BH67BMA100001299123456", 0), ("BH67BMAG0000129912345", 0), ("BH67BMAG00001299123457", 0),
("BY13NBRB3600900000002Z00AB00", 1), ("BY13 NBRB 3600 9000 0000 2Z00 AB00", 1), ("BY13NBRBA600900000002Z00AB00", 0), ("BY13 NBRB 3600 9000 0000 2Z00 AB0", 0), ("BY13NBRB3600900000002Z00AB01", 0),
("BE68539007547034", 1), ("BE71 0961 2345 6769", 1), ("BE71 A961 2345 6769", 0), ("BE6853900754703", 0), ("BE71 0961 2345 6760", 0),
("BA391290079401028494", 1), ("BA39 1290 0794 0102 8494", 1), ("BA39 A290 0794 0102 8494", 0), ("BA39129007940102849", 0), ("BA39 1290 0794 0102 8495", 0),
("BR9700360305000010009795493P1", 1), ("BR97 0036 0305 0000 1000 9795 493P 1", 1), ("BR97 0036 A305 0000 1000 9795 493P 1", 0), ("BR9700360305000010009795493P", 0), ("BR97 0036 0305 0000 1000 9795 493P 2", 0),
("BG80BNBG96611020345678", 1), ("BG80 BNBG 9661 1020 3456 78", 1), ("BG80 BNBG 9661 A020 3456 78", 0), ("BG80BNBG9661102034567", 0), ("BG80 BNBG 9661 1020 3456 79", 0),
("CR05015202001026284066", 1), ("CR05 0152 0200 1026 2840 66", 1), ("CR05 0152 0200 1026 2840 6A", 0), ("CR05 0152 0200 1026 2840 6", 0), ("CR05 0152 0200 1026 2840 67", 0),
("HR1210010051863000160", 1), ("HR12 1001 0051 8630 0016 0", 1), ("HR12 001 0051 8630 0016 A", 0), ("HR121001005186300016", 0), ("HR12 1001 0051 8630 0016 1", 0),
("CY17002001280000001200527600", 1), ("CY17 0020 0128 0000 0012 0052 7600", 1), ("CY17 0020 A128 0000 0012 0052 7600", 0), ("CY17 0020 0128 0000 0012 0052 760", 0), ("CY17 0020 0128 0000 0012 0052 7601", 0),
("CZ6508000000192000145399", 1), ("CZ65 0800 0000 1920 0014 5399", 1), ("CZ65 0800 A000 1920 0014 5399", 0), ("CZ65 0800 0000 1920 0014 539", 0), ("CZ65 0800 0000 1920 0014 5390", 0),
("DK5000400440116243", 1), ("DK50 0040 0440 1162 43", 1), ("DK50 0040 A440 1162 43", 0), ("DK50 0040 0440 1162 4", 0), ("DK50 0040 0440 1162 44", 0),
("DO28BAGR00000001212453611324", 1), ("DO28 BAGR 0000 0001 2124 5361 1324", 1), ("DO28 BAGR A000 0001 2124 5361 1324", 0), ("DO28 BAGR 0000 0001 2124 5361 132", 0), ("DO28 BAGR 0000 0001 2124 5361 1325", 0),
("TL380080012345678910157", 1), ("TL38 0080 0123 4567 8910 157", 1), ("TL38 A080 0123 4567 8910 157", 0), ("TL38 0080 0123 4567 8910 158", 0),
("EE382200221020145685", 1), ("EE38 2200 2210 2014 5685", 1), ("EE38 A200 2210 2014 5685", 0), ("EE38 2200 2210  014 5686", 0),
("FO6264600001631634", 1), ("FO62 6460 0001 6316 34", 1), ("FO62 A460 0001 6316 34", 0), ("FO62 6460 0001 6316 35", 0),
("FI2112345600000785", 1), ("FI21 1234 5600 0007 85", 1), ("FI21 A234 5600 0007 85", 0), ("FI21 1234 5600 0007 86", 0),
("FR1420041010050500013M02606", 1), ("FR14 2004 1010 0505 0001 3M02 606", 1), ("FR14 A004 1010 0505 0001 3M02 606", 0), ("FR14 2004 1010 0505 0001 3M02 607", 0),
("GE29NB0000000101904917", 1), ("GE29 NB00 0000 0101 9049 17", 1), ("GE29 NBA0 0000 0101 9049 17", 0), ("GE29 NB00 0000 0101 9049 18", 0),
("DE89370400440532013000", 1), ("DE89 3704 0044 0532 0130 00", 1), ("DE89 A704 0044 0532 0130 00", 0), ("DE89 3704 0044 0532 0130 01", 0),
("GI75NWBK000000007099453", 1), ("GI75 NWBK 0000 0000 7099 453", 1), ("GI75 aWBK 0000 0000 7099 453", 0), ("GI75 NWBK 0000 0000 7099 454", 0),
("GR1601101250000000012300695", 1), ("GR16 0110 1250 0000 0001 2300 695", 1), ("GR16 A110 1250 0000 0001 2300 695", 0), ("GR16 0110 1250 0000 0001 2300 696", 0),
("GL8964710001000206", 1), ("GL89 6471 0001 0002 06", 1), ("GL89 A471 0001 0002 06", 0), ("GL89 6471 0001 0002 07", 0),
("GT82TRAJ01020000001210029690", 1), ("GT82 TRAJ 0102 0000 0012 1002 9690", 1), ("G T82 TRAJ 0102 0000 0012 1002 9690", 0), ("GT82 TRAJ 0102 0000 0012 1002 9691", 0),
("HU42117730161111101800000000", 1), ("HU42 1177 3016 1111 1018 0000 0000", 1), ("HU42 A177 3016 1111 1018 0000 0000", 0), ("HU42 1177 3016 1111 1018 0000 0001", 0),
("IS140159260076545510730339", 1), ("IS14 0159 2600 7654 5510 7303 39", 1), ("IS14 A159 2600 7654 5510 7303 39", 0), ("IS14 0159 2600 7654 5510 7303 30", 0),
("IE29AIBK93115212345678", 1), ("IE29 AIBK 9311 5212 3456 78", 1), ("IE29 AIBK A311 5212 3456 78", 0), ("IE29 AIBK 9311 5212 3456 79", 0),
("IL620108000000099999999", 1), ("IL62 0108 0000 0009 9999 999", 1), ("IL62 A108 0000 0009 9999 999", 0), ("IL62 0108 0000 0009 9999 990", 0),
("IT60X0542811101000000123456", 1), ("IT60 X054 2811 1010 0000 0123 456", 1), ("IT60 XW54 2811 1010 0000 0123 456", 0), ("IT60 X054 2811 1010 0000 0123 457", 0),
("JO94CBJO0010000000000131000302", 1), ("JO94 CBJO 0010 0000 0000 0131 0003 02", 1), ("JO94 CBJO A010 0000 0000 0131 0003 02", 0), ("JO94 CBJO 0010 0000 0000 0131 0003 03", 0),
("KZ86125KZT5004100100", 1), ("KZ86 125K ZT50 0410 0100", 1), ("KZ86 A25K ZT50 0410 0100", 0), ("KZ86 125K ZT50 0410 0101", 0),
("XK051212012345678906", 1), ("XK05 1212 0123 4567 8906", 1), ("XK05 A212 0123 4567 8906", 0), ("XK05 1212 0123 4567 8907", 0),
("KW81CBKU0000000000001234560101", 1), ("KW81 CBKU 0000 0000 0000 1234 5601 01", 1), ("KW81 aBKU 0000 0000 0000 1234 5601 01", 0), ("KW81 CBKU 0000 0000 0000 1234 5601 02", 0),
("LV80BANK0000435195001", 1), ("LV80 BANK 0000 4351 9500 1", 1), ("LV80 bANK 0000 4351 9500 1", 0), ("LV80 BANK 0000 4351 9500 2", 0),
("LB62099900000001001901229114", 1), ("LB62 0999 0000 0001 0019 0122 9114", 1), ("LB62 A999 0000 0001 0019 0122 9114", 0), ("LB62 0999 0000 0001 0019 0122 9115", 0),
("LI21088100002324013AA", 1), ("LI21 0881 0000 2324 013A A", 1), ("LI21 A881 0000 2324 013A A", 0), ("LI21 0881 0000 2324 013A B", 0),
("LT121000011101001000", 1), ("LT12 1000 0111 0100 1000", 1), ("LT12 A000 0111 0100 1000", 0), ("LT12 1000 0111 0100 1001", 0),
("LU280019400644750000", 1), ("LU28 0019 4006 4475 0000", 1), ("LU28 A019 4006 4475 0000", 0), ("LU28 0019 4006 4475 0001", 0),
("MT84MALT011000012345MTLCAST001S", 1), ("MT84 MALT 0110 0001 2345 MTLC AST0 01S", 1), ("MT84 MALT A110 0001 2345 MTLC AST0 01S", 0), ("MT84 MALT 0110 0001 2345 MTLC AST0 01T", 0),
("MR1300020001010000123456753", 1), ("MR13 0002 0001 0100 0012 3456 753", 1), ("MR13 A002 0001 0100 0012 3456 753", 0), ("MR13 0002 0001 0100 0012 3456 754", 0),
("MU17BOMM0101101030300200000MUR", 1), ("MU17 BOMM 0101 1010 3030 0200 000M UR", 1), ("MU17 BOMM A101 1010 3030 0200 000M UR", 0), ("MU17 BOMM 0101 1010 3030 0200 000M US", 0),
("MD24AG000225100013104168", 1), ("MD24 AG00 0225 1000 1310 4168", 1), ("MD24 AG00 0225 1000 1310 416", 0), ("MD24 AG00 0225 1000 1310 4169", 0),
("MC5811222000010123456789030", 1), ("MC58 1122 2000 0101 2345 6789 030", 1), ("MC58 A122 2000 0101 2345 6789 030", 0), ("MC58 1122 2000 0101 2345 6789 031", 0),
("ME25505000012345678951", 1), ("ME25 5050 0001 2345 6789 51", 1), ("ME25 A050 0001 2345 6789 51", 0), ("ME25 5050 0001 2345 6789 52", 0),
("NL91ABNA0417164300", 1), ("NL91 ABNA 0417 1643 00", 1), ("NL91 1BNA 0417 1643 00", 0), ("NL91 ABNA 0417 1643 01", 0),
("MK07250120000058984", 1), ("MK07 2501 2000 0058 984", 1), ("MK07 A501 2000 0058 984", 0), ("MK07 2501 2000 0058 985", 0),
("NO9386011117947", 1), ("NO93 8601 1117 947", 1), ("NO93 A601 1117 947", 0), ("NO93 8601 1117 948", 0),
("PK36SCBL0000001123456702", 1), ("PK36 SCBL 0000 0011 2345 6702", 1), ("PK36 SCBL A000 0011 2345 6702", 0), ("PK36 SCBL 0000 0011 2345 6703", 0),
("PS92PALS000000000400123456702", 1), ("PS92 PALS 0000 0000 0400 1234 5670 2", 1), ("PS92 PALS A000 0000 0400 1234 5670 2", 0), ("PS92 PALS 0000 0000 0400 1234 5670 3", 0),
("PL61109010140000071219812874", 1), ("PL61 1090 1014 0000 0712 1981 2874", 1), ("PL61 A090 1014 0000 0712 1981 2874", 0), ("PL61 1090 1014 0000 0712 1981 2875", 0),
("PT50000201231234567890154", 1), ("PT50 0002 0123 1234 5678 9015 4", 1), ("PT50 A002 0123 1234 5678 9015 4", 0), ("PT50 0002 0123 1234 5678 9015 5", 0),
("QA58DOHB00001234567890ABCDEFG", 1), ("QA58 DOHB 0000 1234 5678 90AB CDEF G", 1), ("QA58 0OHB 0000 1234 5678 90AB CDEF G", 0), ("QA58 DOHB 0000 1234 5678 90AB CDEF H", 0),
("RO49AAAA1B31007593840000", 1), ("RO49 AAAA 1B31 0075 9384 0000", 1), ("RO49 0AAA 1B31 0075 9384 0000", 0), ("RO49 AAAA 1B31 0075 9384 0001", 0),
("SM86U0322509800000000270100", 1), ("SM86 U032 2509 8000 0000 0270 100", 1), ("SM86 0032 2509 8000 0000 0270 100", 0), ("SM86 U032 2509 8000 0000 0270 101", 0),
("SA0380000000608010167519", 1), ("SA03 8000 0000 6080 1016 7519", 1), ("SA03 A000 0000 6080 1016 7519", 0), ("SA03 8000 0000 6080 1016 7510", 0),
("RS35260005601001611379", 1), ("RS35 2600 0560 1001 6113 79", 1), ("RS35 A600 0560 1001 6113 79", 0), ("RS35 2600 0560 1001 6113 70", 0),
("SK3112000000198742637541", 1), ("SK31 1200 0000 1987 4263 7541", 1), ("SK31 A200 0000 1987 4263 7541", 0), ("SK31 1200 0000 1987 4263 7542", 0),
("SI56263300012039086", 1), ("SI56 2633 0001 2039 086", 1), ("SI56 A633 0001 2039 086", 0), ("SI56 2633 0001 2039 087", 0),
("ES9121000418450200051332", 1), ("ES91 2100 0418 4502 0005 1332", 1), ("ES91 A100 0418 4502 0005 1332", 0), ("ES91 2100 0418 4502 0005 1333", 0),
("SE4550000000058398257466", 1), ("SE45 5000 0000 0583 9825 7466", 1), ("SE45 A000 0000 0583 9825 7466", 0), ("SE45 5000 0000 0583 9825 7467", 0),
("CH9300762011623852957", 1), ("CH93 0076 2011 6238 5295 7", 1), ("CH93 A076 2011 6238 5295 7", 0), ("CH93 0076 2011 6238 5295 8", 0),
("TN5910006035183598478831", 1), ("TN59 1000 6035 1835 9847 8831", 1), ("TN59 A000 6035 1835 9847 8831", 0), ("CH93 0076 2011 6238 5295 9", 0),
("TR330006100519786457841326", 1), ("TR33 0006 1005 1978 6457 8413 26", 1), ("TR33 A006 1005 1978 6457 8413 26", 0), ("TR33 0006 1005 1978 6457 8413 27", 0),
("AE070331234567890123456", 1), ("AE07 0331 2345 6789 0123 456", 1), ("AE07 A331 2345 6789 0123 456", 0), ("AE07 0331 2345 6789 0123 457", 0),
("GB29NWBK60161331926819", 1), ("GB29 NWBK 6016 1331 9268 19", 1), ("GB29 1WBK 6016 1331 9268 19", 0), ("GB29 NWBK 6016 1331 9268 10", 0),
("VA59001123000012345678", 1), ("VA59 0011 2300 0012 3456 78", 1), ("VA59 A011 2300 0012 3456 78", 0), ("VA59 0011 2300 0012 3456 79", 0),
("VG96VPVG0000012345678901", 1), ("VG96 VPVG 0000 0123 4567 8901", 1), ("VG96 VPVG A000 0123 4567 8901", 0), ("VG96 VPVG 0000 0123 4567 8902", 0),
("this is an iban VG96 VPVG 0000 0123 4567 8901 in a sentence", 1), ("this is an iban VG96 VPVG 0000 0123 4567 8901 X in a sentence", 1),
("AB150120690000003111141", 0), ("IL15 0120 6900 0000", 0), ("IL15 0120 6900 0000 3111 0120 6900 0000 3111 141", 0), ("IL150120690000003111141", 0), ("AM47212110090000000235698740", 0),
("list of ibans: AL47212110090000000235698741, AL47212110090000000235698741", 1),
"""

def src(repo, commit, path):
    return f"{repo}@{commit}:{path}"


def write(peer, repo, licence_file, cases, note):
    rows = []
    for i, (text, expect, source) in enumerate(cases, 1):
        rows.append({"id": f"{peer}-{i:03d}", "text": text, "expect": expect, "source": source})
    data = {"peer": peer, "repository": repo, "licence": licence_file, "note": note, "cases": rows}
    (OUT / f"{peer}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(peer, len(rows), "cases,", sum(r["expect"] != "none" for r in rows), "positive")


# ---------------- Presidio
P = "microsoft/presidio"
iban_src = src(P, "009d53466170affa321b1d7697e7266228695b94", "presidio-analyzer/tests/test_iban_recognizer.py")
iban = ast.literal_eval("[" + IBAN_CASES + "]")
cases = [(t, "pii.financial" if n else "none", iban_src) for t, n in iban]
cc = src(P, "f6a249d949051be8da5e48d12468507788135d99", "presidio-analyzer/tests/test_credit_card_recognizer.py")
for t, n in [("4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881", 3), ("122000000000003", 1),
             ("my credit card: 122000000000003", 1), ("371449635398431", 1), ("5555555555554444", 1),
             ("5019717010103742", 1), ("30569309025904", 1), ("6011000400000000", 1), ("3528000700000000", 1),
             ("6759649826438453", 1), ("4111111111111111", 1), ("4917300800000000", 1), ("4484070000000000", 1),
             ("4012-8888-8888-1882", 0), ("my credit card number is 4012-8888-8888-1882", 0), ("36168002586008", 0),
             ("my credit card number is 36168002586008", 0)]:
    cases.append((t, "pii.financial" if n else "none", cc))
ssn = src(P, "1b91647ede2131a4c790743f7e3f1922c6cb38be", "presidio-analyzer/tests/test_us_ssn_recognizer.py")
# "078051121" (a bare nine-digit number, Presidio's "weak match") is left out: no reader would call it an SSN.
for t, n in [("078-05-1123", 1), ("078.05.1123", 1), ("078 05 1123", 1), ("0780511201", 0), ("078051120", 0),
             ("000000000", 0), ("666000000", 0), ("078-05-0000", 0), ("078 00 1123", 0), ("693-09.4444", 0)]:
    cases.append((t, "pii.ssn" if n else "none", ssn))
em = src(P, "70f52e4bd54e07dacbfb761fd156a1e9171400a0", "presidio-analyzer/tests/test_email_recognizer.py")
for t, n in [("info@presidio.site", 1), ("my email address is info@presidio.site", 1),
             ("try one of these emails: info@presidio.site or anotherinfo@presidio.site", 1), ("my email is info@presidio.", 0)]:
    cases.append((t, "pii.email" if n else "none", em))
ph = src(P, "53e01965186d0b50124388876bfe8462a8aabd2d", "presidio-analyzer/tests/test_phone_recognizer.py")
for t in ["My US number is (415) 555-0132, and my international one is +1 415 555 0132", "My Israeli number is 09-7625400",
          "_: (415)555-0132", "United States: (415)555-0132", "US: 415-555-0132", "_: +55 11 98456 5666",
          "Brazil: +55 11 98456 5666", "BR: +55 11 98456 5666"]:
    cases.append((t, "pii.phone", ph))
ctx = src(P, "017a5803322da205250185720a3657c56ef127c1", "presidio-analyzer/tests/data/context_sentences_tests.txt")
for t, c in [("my ssn is 078-051120 07805-1120", "pii.ssn"), ("my social security number is 078051120", "pii.ssn"),
             ("my social security number is 078-05-1120", "pii.ssn"), ("my phone number is (425) 882-9090", "pii.phone"),
             ("my phone number is:(425) 882-9090", "pii.phone"), ("my phone number is 425 8829090", "pii.phone"),
             ("try one of these phones 052 5552606 074-7111234", "pii.phone"), ("my phone number is 4258829090", "pii.phone")]:
    cases.append((t, c, ctx))
write("presidio", P, "LICENSE.presidio", cases,
      "Parametrized examples of Presidio's pattern-recognizer unit tests (IBAN, credit card, US SSN, email, phone) and its "
      "context-sentence test data (phone and SSN lines). A case whose expected count is 0 is a negative (\"none\").")

# ---------------- scrubadub
S = "LeapBeyond/scrubadub"
phs = src(S, "1fbb132d204a906599588d15b11042b2e2c967c9", "tests/test_phone_numbers.py")
cases = [(f"My phone number is {n}", "pii.phone", phs) for n in
         ['1-312-515-2239', '+1-312-515-2239', '1 (312) 515-2239', '312-515-2239', '(312) 515-2239', '(312)515-2239',
          '312-515-2239 x12', '312-515-2239 ext. 12', '312-515-2239 ext.12',
          '+47 21 30 85 99', '+45 69 19 88 56', '+46 852 503 499', '+31 619 837 236', '+86 135 3727 4136', '+61267881324']]
cases.append(("Call me on my cell 312.714.8142 or in my office 773.415.7432", "pii.phone", phs))
ss1 = src(S, "06936be6bd79f5268ffb7967b782b484009cb5eb", "tests/test_detector_en_US_social_security_number.py")
cases += [(f"My social security number is {n}", "pii.ssn", ss1) for n in ["726-60-2033", "109-99-6000", "109.99.6000", "109 99 6000"]]
ss2 = src(S, "3cc3a03b3ca5c02a8709d21f0383dc2ac350ed73", "tests/test_ssn.py")
cases += [(f"My social security number is {n}", "pii.ssn", ss2) for n in ["812-80-1276", "812.80.1276", "812 80 1276"]]
dob = src(S, "f0e09d087afabd0d5926d8ea15800bb006bf5613", "tests/test_detector_date_of_birth.py")
cases += [(t, "pii.birthdate", dob) for t in [
    "My date of birth is 17/06/1976.", "I was born 15th June 1991", "DOB: 02.12.1979",
    "My name is Mike and I was born in a land far away on 22/11/1972", "my name is Jane and I was born on 11/22/1972",
    "my date of birth is 22-nov-1972", "My dob is 22-11-1972", "The claimant's, d.o.b. is 4 June 1976", "1985-01-01 is my birthday."]]
ccs = src(S, "02a2893c49247ea128f81f07e1cb8fb38acace25", "tests/test_detector_credit_card.py")
cases += [(f"My credit card is {n}.", "pii.financial", ccs) for n in
          ["378282246310005", "371449635398431", "378734493671000", "30569309025904", "38520000023237", "6011111111111117",
           "6011000990139424", "3530111333300000", "3566002020360505", "5555555555554444", "5105105105105100",
           "4111111111111111", "4012888888881881"]]
cases.append(("4012888888881881.", "pii.financial", ccs))
ems = src(S, "31954e4f8a799d1c1208e4c3bd335210d66de080", "tests/test_detector_emails.py")
cases += [(f"My email is {e}", "pii.email", ems) for e in
          ["john@gmail.com", "John@gmail.com", "John1@example.com", "adam80@example.info", "HELLO@EXAMPLE.COM", "john at gmail.com"]]
ads = src(S, "0c9b0ed72f7952ae1605dd6682cd95a629847668", "tests/test_detector_address.py")
cases += [(f"this is a {a} test string", "pii.address", ads) for a in
          ["59 High Road, East Finchley London, N2 8AW", "25 Fenchurch Avenue, London EC3M 5AD", "12 Street Road, London N1P 2FZ",
           "99 New London Road,\nChelmsford, CM2 0PP"]]
write("scrubadub", S, "LICENSE.scrubadub", cases,
      "BEFORE/AFTER examples of scrubadub's detector unit tests (phone, SSN, date of birth, credit card, email, en_GB address), "
      "each as the BEFORE text. Its date-of-birth test with custom context words and its 'too young' case are left out: "
      "both test scrubadub's own settings, not what a reader would call a birth date.")

# ---------------- CommonRegex
C = "madisonmay/CommonRegex"
cr = src(C, "000473fc5c627a473e277cd66fdf8e451ba080a8", "test.py")
cases = []
# Bare digit runs ("12345678900", "1234567890", "5678900", "567-8900") are left out: without a word around them no
# reader takes them for a phone number, and a warning on them would be a false alarm in a school post.
cases += [(t, "pii.phone", cr) for t in ["+1 234 567 8900", "234-567-8900", "1-234-567-8900", "1.234.567.8900",
                                         "(123) 456 7890", "+41 22 730 5989", "(+41) 22 730 5989", "+442345678900",
                                         "(523)222-8888 ext 527", "(523)222-8888x623", "(523)222-8888 x623",
                                         "(523)222-8888 x 623", "(523)222-8888EXT623", "523-222-8888EXT623",
                                         "(523) 222-8888 x 623"]]
# "333-333-5555 dial 3" is left out of the negatives: it is a phone number followed by an instruction.
cases += [(t, "none", cr) for t in ["222-5555", "222-8888 x 623"]]
cases += [(t, "pii.email", cr) for t in ["john.smith@gmail.com", "john_smith@gmail.com", "john@example.net"]]
cases += [(t, "pii.address", cr) for t in ["checkout the new place at 101 main st.", "504 parkwood drive", "3 elm boulevard",
                                           "500 elm street ", "PO Box 123456", "hey p.o. box 234234 hey"]]
cases += [("101 main straight", "none", cr)]
# Dates with no birth context: a checker must leave them alone (pii.birthdate needs a birth context).
cases += [(t, "none", cr) for t in ["1-19-14", "1.19.14", "01.19.14", "January 19th, 2014", "Jan. 19th, 2014", "Jan 19 2014", "19 Jan 2014"]]
# The credit-card examples (all zeros, 0123456789012345) are not valid card numbers and are left out.
write("commonregex", C, "LICENSE.commonregex", cases,
      "Matching / non-matching examples of CommonRegex's unit tests for phones (with extensions), emails, street addresses, "
      "P.O. boxes, and dates (as negatives: no birth context). Left out, with the reason beside each in the builder: bare "
      "digit runs, a phone followed by 'dial 3', and the invalid card numbers.")

# ---------------- datafog
D = "DataFog/datafog-python"
dr = src(D, "b1e789f84344e599ab73cae733aaf82def386b9a", "tests/test_regex_annotator.py")
cases = []
sample = ("Contact John Doe at john.doe@example.com or call (555) 123-4567. His SSN is 123-45-6789 and credit card "
          "4111111111111111. He lives at 123 Main St, New York, NY 10001. His IP address is 192.168.1.1 and his birthday is 01/01/1980.")
cases += [(sample, c, dr) for c in ["pii.email", "pii.phone", "pii.ssn", "pii.financial", "pii.address", "pii.birthdate"]]
fmt = "Contact John at john@example.com or 555-123-4567. SSN: 123-45-6789."
cases += [(fmt, c, dr) for c in ["pii.email", "pii.phone", "pii.ssn"]]
# Unusual local parts ("very.unusual.@.unusual.com", "!#$%&'*+-/=?^_`{}|~@example.org") are left out as unrealistic.
cases += [(f"Email: {e}", "pii.email", dr) for e in ["user@example.com", "first.last@example.co.uk", "user+tag@example.org",
                                                      "user-name@domain.com", "user123@domain-name.com", "a@b.co"]]
cases += [(f"Email: {e}", "none", dr) for e in ["plainaddress", "@missinglocal.org", "user@", "user@.com", "user@[123.456.789.000]"]]
cases += [(f"Phone: {p}", "pii.phone", dr) for p in ["555-555-5555", "(555) 555-5555", "555.555.5555", "5555555555", "+1 555-555-5555",
                                                      "+1 (555) 555-5555", "555 555 5555", "1-555-555-5555", "1.555.555.5555", "(555)5555555"]]
cases += [(f"Phone: {p}", "none", dr) for p in ["55-555-5555", "555-55-5555", "555-555-555", "555-555-555A", "5555555555555"]]
# 9xx area numbers ("987-65-4321", "999-99-9999") are never issued as SSNs, and "123 45 6789" after "SSN:" is one a reader
# would call an SSN (scrubadub's tests say so too): those three are left out.
cases += [(f"SSN: {s}", "pii.ssn", dr) for s in ["123-45-6789", "001-01-0001", "111-11-1111"]]
cases += [(f"SSN: {s}", "none", dr) for s in ["12-34-5678", "123-4-5678", "123-45-678", "1234-56-7890", "123-456-7890",
                                              "123-45-67890", "000-45-6789", "666-45-6789"]]
cases += [(f"Credit card: {c}", "pii.financial", dr) for c in ["4111111111111111", "5500000000000004", "340000000000009",
                                                                "370000000000002", "4111-1111-1111-1111", "5500 0000 0000 0004",
                                                                "3400-000000-00009"]]
cases += [(f"Credit card: {c}", "none", dr) for c in ["411111111111111", "41111111111111111", "550000000000000", "55000000000000000",
                                                       "34000000000000", "1234567890123456", "4111 1111 1111 111", "4111-1111-1111-11"]]
# Day-first and dotted dates after "DOB:" ("13/01/2000", "01.01.2000") and "2000/01/01" are birth dates to a reader,
# though datafog's US-only pattern rejects them: left out rather than counted as negatives.
cases += [(f"DOB: {d}", "pii.birthdate", dr) for d in ["01/01/1980", "12/31/1999", "1/1/2000", "2020-01-01", "01-01-1980", "1-1-1990"]]
cases += [(f"DOB: {d}", "none", dr) for d in ["01/32/2000", "00/00/0000", "01-01"]]
write("datafog", D, "LICENSE.datafog", cases,
      "Parametrized examples of datafog's regex-annotator unit tests (email, phone, SSN, credit card, date of birth), each "
      "in the 'Label: value' text the test analyses, and its sample texts (one case per entity type in them). IP and ZIP "
      "examples are left out (not our categories alone); left-out cases are named with the reason in the builder.")
