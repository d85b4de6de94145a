#!/usr/bin/env python3
"""Generates the built-in sample dataset data/samples/fintech-2024.json (SYNTHETIC).

23 firms (the report's 23 ESG reports with a materiality matrix), each listing 10-40 of the 91
issues of the fintech-2024 taxonomy with both matrix axes on a 1-5 scale. The data is invented,
not the firms' real matrices; it is calibrated so that
  * the number of firms listing each issue puts it in the report's attention tier
    (tier 1: 12-23 firms, tier 2: 6-11, tier 3: 1-5; `--method attention --tiers counts:26,23,42`
    reproduces the published tiers 91/91), and
  * after topic roll-up, the five items highest on both axes are the report's five
    (数据安全与隐私保护, 科技创新, 消费者权益保护, 发展普惠金融, 内控合规).
Names are written the way real reports write them: with the line-break spaces of the report's
printed table, and in English or traditional Chinese (OpenCC s2hk) for firms with bilingual
(Hong Kong) reports.

Deterministic: the same seed gives the same bytes. Run from the repository root:
    /usr/bin/python3 tools/make_sample.py [--out-dir DIR]
"""
import argparse
import json
import os
import random
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAXONOMY = os.path.join(ROOT, "data", "taxonomies", "fintech-2024.json")
SOURCE = os.path.join(ROOT, "data", "sources", "fintech-2024-issues.csv")
TARGET = os.path.join(ROOT, "data", "samples", "fintech-2024.json")
SEED = 2024

SEGMENTS = ["it_service_provider"] * 7 + ["tech_business_service_provider"] * 10 + \
           ["consumer_finance"] * 3 + ["private_bank"] * 3
BILINGUAL = {"F05", "F12", "F19"}  # Hong Kong listed: bilingual reports, English issue names

# The report's five (docs/method.md, step 6): high on both axes, listed by nearly every firm.
TOP_ISSUES = {"数据安全与隐私保护": (4.75, 4.70), "科技创新": (4.65, 4.80), "发展普惠金融": (4.70, 4.55)}
# The children that carry their topic to the top (roll-up takes the best child).
TOP_CHILDREN = {"合规经营": (4.60, 4.65), "客户服务": (4.70, 4.50)}


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


def read_csv():
    import csv
    with open(SOURCE, encoding="utf-8") as f:
        return {row["name_zh"]: row for row in csv.DictReader(f)}


def realize(attention, sizes, rng):
    """Which firms list which issue: a bipartite graph with the given degrees (greedy by the
    largest remaining capacity, which realizes any graphical degree sequence)."""
    remaining = list(sizes)
    lists = [[] for _ in sizes]
    for issue, count in sorted(attention.items(), key=lambda kv: (-kv[1], kv[0])):
        firms = sorted(range(len(sizes)), key=lambda f: (-remaining[f], rng.random()))[:count]
        if any(remaining[f] <= 0 for f in firms):
            return None
        for f in firms:
            remaining[f] -= 1
            lists[f].append(issue)
    return lists if all(r == 0 for r in remaining) else None


def main():
    target = output_path()
    rng = random.Random(SEED)
    with open(TAXONOMY, encoding="utf-8") as f:
        taxonomy = json.load(f)
    printed = read_csv()
    issues = taxonomy["issues"]
    n_firms = len(SEGMENTS)

    attention = {}
    for issue in issues:
        name, tier = issue["name_zh"], issue["reference_tier"]
        if name in TOP_ISSUES or name in TOP_CHILDREN:
            attention[name] = rng.randint(20, 23)
        elif tier == 1:
            attention[name] = rng.randint(12, 19)
        elif tier == 2:
            attention[name] = rng.randint(6, 11)
        else:
            attention[name] = rng.randint(1, 5)
    total = sum(attention.values())

    # List lengths in [10, 40] summing to the total number of listings.
    while True:
        raw = [rng.uniform(0.3, 1.0) for _ in range(n_firms)]
        sizes = [max(10, min(40, round(total * r / sum(raw)))) for r in raw]
        diff = total - sum(sizes)
        order = list(range(n_firms))
        rng.shuffle(order)
        for f in order:
            step = max(-diff, min(diff, (40 - sizes[f]) if diff > 0 else (10 - sizes[f])))
            sizes[f] += step
            diff -= step
        if diff == 0 and min(sizes) <= 14 and max(sizes) >= 37:
            lists = realize(attention, sizes, rng)
            if lists:
                break

    # Each issue's typical position on the two axes (1-5 scale).
    base = {}
    for issue in issues:
        name, tier = issue["name_zh"], issue["reference_tier"]
        if name in TOP_ISSUES:
            base[name] = TOP_ISSUES[name]
        elif name in TOP_CHILDREN:
            base[name] = TOP_CHILDREN[name]
        else:
            centre = {1: 3.75, 2: 3.35, 3: 3.0}[tier]
            s = centre + rng.uniform(-0.45, 0.45)
            b = centre + rng.uniform(-0.45, 0.45)
            base[name] = (min(s, 4.05), min(b, 4.05))

    by_name = {issue["name_zh"]: issue for issue in issues}
    zh_names = [issue["name_zh"] for issue in issues]
    converted = subprocess.run(["opencc", "-c", "s2hk.json"], input="\n".join(zh_names) + "\n",
                               capture_output=True, text=True, check=True).stdout.split("\n")
    traditional = dict(zip(zh_names, converted))
    companies = []
    for f in range(n_firms):
        firm_id = f"F{f + 1:02d}"
        bias = rng.uniform(-0.2, 0.2)
        entries = []
        names = list(lists[f])
        rng.shuffle(names)
        for name in names:
            s0, b0 = base[name]
            s = min(5.0, max(1.0, round(s0 + bias + rng.gauss(0, 0.18), 1)))
            b = min(5.0, max(1.0, round(b0 + bias + rng.gauss(0, 0.18), 1)))
            if firm_id in BILINGUAL:
                # Hong Kong reports: English and traditional Chinese names alternate (the
                # traditional forms come from OpenCC s2hk; no random draw, so calibration holds)
                written = by_name[name]["name_en"] if len(entries) % 2 == 0 else traditional[name]
            elif rng.random() < 0.3:
                written = printed[name]["name_as_printed"]
            else:
                written = name
            entries.append({"name": written, "stakeholder": s, "business": b})
        companies.append({
            "id": firm_id,
            "name": f"Synthetic firm {firm_id}",
            "segment": SEGMENTS[f],
            "weight": 1.0,
            "unlisted": "bottom",
            "issues": entries,
        })

    dataset = {
        "meta": {
            "synthetic": True,
            "generator": "tools/make_sample.py",
            "seed": SEED,
            "description": "SYNTHETIC sample: 23 invented fintech firms' materiality matrices, "
                           "calibrated to the attention tiers and the double-materiality top five "
                           "of the iResearch 2024 report. Not real firms' data.",
        },
        "taxonomy": "fintech-2024",
        "scale": {"min": 1, "max": 5},
        "companies": companies,
    }
    with open(target, "w", encoding="utf-8") as out:
        out.write("{\n")
        head = {k: dataset[k] for k in ("meta", "taxonomy", "scale")}
        for key, value in head.items():
            out.write(f' "{key}": {json.dumps(value, ensure_ascii=False)},\n')
        out.write(' "companies": [\n')
        for i, company in enumerate(companies):
            issues_json = ",\n".join("   " + json.dumps(e, ensure_ascii=False) for e in company["issues"])
            attrs = {k: v for k, v in company.items() if k != "issues"}
            attrs_json = json.dumps(attrs, ensure_ascii=False)[:-1]
            out.write(f'  {attrs_json}, "issues": [\n{issues_json}\n  ]}}')
            out.write(",\n" if i + 1 < len(companies) else "\n")
        out.write(" ]\n}\n")
    print(f"wrote {target}: {n_firms} firms, list lengths {min(sizes)}-{max(sizes)}, {total} listings")


if __name__ == "__main__":
    main()
