#!/usr/bin/env python3
"""Generates data/samples/fintech-2024-disclosure.json (SYNTHETIC firm records).

150 invented firm records (docs/method.md, step 1) whose statistics reproduce every count the iResearch
2024 report publishes (data/sources/fintech-2024-published.md, encoded as printed in
data/published/fintech-2024-published.json):
  * segments: 60 / 40 / 31 / 19 firms with 8 / 13 / 12 / 3 reports, of which 7 / 11 / 3 / 3 ESG;
  * standards cited by the 24 ESG reports: the published counts, standard by standard;
  * content of the 24 ESG reports: assurance 3 (2 limited, 1 statement), strategy 13, governance 14,
    KPI table 23, materiality matrix 23, listing 7 HK + 2 HK&US + 4 A-share (13 listed).
The records are consistent with each other; the two places where the report disagrees with itself
(KPI table "83.3%" vs 23 firms; "14 listed" vs 7+2+4) stay in the published file, where
`materia disclosure --check` finds them.

The 23 ESG reports with a materiality matrix are the firms F01-F23 of data/samples/fintech-2024.json
(same ids and segments; F05, F12 and F19, whose matrices are bilingual, are Hong Kong listed).
Everything else (which firm cites what, is listed where, ...) is drawn at random, with plausible
constraints: Hong Kong listed firms cite the HKEX ESG guide, the CBRC and banking-association
guidelines are cited by licensed institutions, the SEC rule by a US-listed firm.

Deterministic: the same seed gives the same bytes. Run from the repository root:
    /usr/bin/python3 tools/make_disclosure_sample.py [--out-dir DIR]
"""
import argparse
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MATRIX_SAMPLE = os.path.join(ROOT, "data", "samples", "fintech-2024.json")
TARGET = os.path.join(ROOT, "data", "samples", "fintech-2024-disclosure.json")
SEED = 2024

SEGMENTS = [  # id, label, firms, ESG, CSR (the published segment table)
    ("it_service_provider", "IT technology service providers", 60, 7, 1),
    ("tech_business_service_provider", "technology-business service providers", 40, 11, 2),
    ("consumer_finance", "consumer-finance companies", 31, 3, 9),
    ("private_bank", "private banks", 19, 3, 0),
]

GRI = "GRI Standards (GSSB)"
SDG = "UN Sustainable Development Goals (SDGs)"
HKEX = "HKEX Listing Rules Appendix C2, ESG Reporting Guide"
CBRC = "former CBRC opinion on bank social responsibility"
CBA = "China Banking Association CSR guideline for banks"
GBT = "GB/T 36001-2015 social responsibility reporting guide"
SZSE = "SZSE listed-company social responsibility guideline"
PBOC = "PBoC financial institutions environmental disclosure guide"
SASB_IND = "SASB industry standards"
UNGC = "UN Global Compact ten principles"
SSE14 = "SSE self-regulatory guideline No.14 (draft notice)"
TCFD = "TCFD recommendations"
SEC = "SEC climate rule"
STAR = "SSE STAR guideline No.1"
SINGLES = ["ISSB", "IFRS S1", "IFRS S2", "SASB Standards", "PRB", "ISO 26000",
           "CSRC format rule No.2", "HKEX climate guide", STAR, SEC,
           "Shenzhen green finance regulation", "Shenzhen disclosure guideline"]
CITATIONS = {GRI: 18, SDG: 14, HKEX: 13, CBRC: 5, CBA: 5, GBT: 3, SZSE: 3, PBOC: 3, SASB_IND: 3,
             UNGC: 2, SSE14: 2, TCFD: 2, **{name: 1 for name in SINGLES}}


def pick(rng, pool, count, forced=()):
    """`count` distinct firms from `pool`, always including `forced`."""
    forced = list(forced)
    rest = [f for f in pool if f not in forced]
    return set(forced + rng.sample(rest, count - len(forced)))


def esg_records(rng, esg):
    ids = [f["id"] for f in esg]
    licensed = [f["id"] for f in esg if f["segment"] in ("consumer_finance", "private_bank")]
    # Listing: 7 HK only, 2 HK + US, 4 A-share; the bilingual matrices belong to HK-listed firms.
    hk_us = pick(rng, [i for i in ids if i not in ("F05", "F12", "F19")], 2)
    hk_only = pick(rng, [i for i in ids if i not in hk_us], 7, forced=("F05", "F12", "F19"))
    a_share = pick(rng, [i for i in ids if i not in hk_us | hk_only], 4)
    listing = {i: ["HK"] for i in hk_only} | {i: ["HK", "US"] for i in hk_us} | \
              {i: ["A"] for i in a_share}
    hk = sorted(hk_only | hk_us)

    while True:  # draw citations until every ESG report cites at least one standard
        cites = {i: set() for i in ids}
        for standard, count in CITATIONS.items():
            if standard == HKEX:
                chosen = pick(rng, ids, count, forced=hk)
            elif standard in (CBRC, CBA):
                chosen = pick(rng, licensed, count)
            elif standard == SEC:
                chosen = pick(rng, sorted(hk_us), count)
            elif standard in (SZSE, STAR, SSE14):
                chosen = pick(rng, sorted(a_share), count)
            else:
                chosen = pick(rng, ids, count)
            for i in chosen:
                cites[i].add(standard)
        if all(cites.values()):
            break

    assurance = dict.fromkeys(ids, "none")
    for i, kind in zip(rng.sample(ids, 3), ["limited", "limited", "statement"]):
        assurance[i] = kind
    strategy = pick(rng, ids, 13)
    governance = pick(rng, ids, 14)
    kpi = pick(rng, ids, 23)
    dims = {i: rng.randint(11, 85) for i in sorted(kpi)}
    low, high = rng.sample(sorted(kpi), 2)  # "from about 10 to over 80"
    dims[low], dims[high] = 10, 86

    records = []
    for firm in esg:
        i = firm["id"]
        record = {"id": i, "segment": firm["segment"], "report": "ESG", "listed": listing.get(i, []),
                  "assurance": assurance[i], "strategy": i in strategy,
                  "governance": i in governance, "kpi_table": i in kpi}
        if i in kpi:
            record["kpi_dimensions"] = dims[i]
        record["materiality_matrix"] = firm["matrix"]
        record["standards"] = [s for s in CITATIONS if s in cites[i]]  # in the table's order
        records.append(record)
    return records


def other_record(rng, firm_id, segment, report):
    csr = report == "CSR"
    record = {"id": firm_id, "segment": segment, "report": report,
              "listed": ["HK"] if rng.random() < (0.25 if csr else 0.08) else [],
              "assurance": "none", "strategy": csr and rng.random() < 0.2,
              "governance": csr and rng.random() < 0.3, "kpi_table": False}
    if csr and rng.random() < 0.4:
        record["kpi_table"] = True
        record["kpi_dimensions"] = rng.randint(6, 30)
    record["materiality_matrix"] = False
    if csr:
        pool = [GBT, CBA, GRI, SDG] if segment in ("consumer_finance", "private_bank") else [GBT, GRI, SDG]
        record["standards"] = sorted(rng.sample(pool, rng.randint(1, 2)), key=list(CITATIONS).index)
    else:
        record["standards"] = []
    return record


def output_path(argv=None):
    """TARGET, or the same path under --out-dir DIR (which the generator check, ctest
    tools.generators_reproduce_committed_data, compares with the committed file)."""
    relative = os.path.relpath(TARGET, ROOT)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out-dir", metavar="DIR", default=ROOT,
                        help=f"write DIR/{relative}, not the repository's file")
    target = os.path.join(os.path.abspath(parser.parse_args(argv).out_dir), relative)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    return target


def main():
    target = output_path()
    rng = random.Random(SEED)
    with open(MATRIX_SAMPLE, encoding="utf-8") as f:
        matrix_firms = [{"id": c["id"], "segment": c["segment"], "matrix": True}
                        for c in json.load(f)["companies"]]
    assert len(matrix_firms) == 23
    # The 24th ESG report has no materiality matrix; it is a technology-business service provider
    # (11 ESG reports there, 10 matrices in the matrix sample).
    esg = matrix_firms + [{"id": "F24", "segment": "tech_business_service_provider", "matrix": False}]
    for segment, _, _, esg_count, _ in SEGMENTS:
        assert sum(f["segment"] == segment for f in esg) == esg_count, segment
    records = esg_records(rng, esg)

    next_id = 25
    for report_kind in ("CSR", "none"):
        for segment, _, firms, esg_count, csr_count in SEGMENTS:
            count = csr_count if report_kind == "CSR" else firms - esg_count - csr_count
            for _ in range(count):
                records.append(other_record(rng, "F%d" % next_id, segment, report_kind))
                next_id += 1
    assert len(records) == 150

    document = {
        "meta": {
            "synthetic": True, "generator": "tools/make_disclosure_sample.py", "seed": SEED,
            "description": "SYNTHETIC firm records: 150 invented fintech firms whose disclosure "
                           "statistics reproduce the published counts of the iResearch 2024 report "
                           "(segments, standards, content of the 24 ESG reports). Not real firms' data.",
        },
        "segments": [{"id": s[0], "name": s[1]} for s in SEGMENTS],
        "firms": records,
    }
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    with open(target + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(target + ".tmp", target)


if __name__ == "__main__":
    main()
