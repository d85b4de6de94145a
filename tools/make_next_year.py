#!/usr/bin/env python3
"""Generates the built-in sample data/samples/fintech-2025.json (SYNTHETIC): "next year" of
fintech-2024, for `materia compare`.

What changes, by construction:
  * two real moves: every firm rates 应对气候变化 (addressing-climate-change) near the top of both
    axes and 8 more firms list it; every firm rates 助力乡村振兴 (supporting-rural-revitalization)
    near the bottom and 9 of the 12 firms listing it drop it;
  * the firms: F07 and F21 are gone, F24 is new (F03's assessment, re-rated);
  * everything else is noise: each rating moves by a uniform draw in [-0.3, 0.3] (1-5 scale).
Deterministic: the same seed gives the same bytes. Run from the repository root:
    /usr/bin/python3 tools/make_next_year.py [--out PATH]
"""
import argparse
import copy
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "data", "samples", "fintech-2024.json")
TAXONOMY = os.path.join(ROOT, "data", "taxonomies", "fintech-2024.json")
TARGET = os.path.join(ROOT, "data", "samples", "fintech-2025.json")
SEED = 2025
RISES, FALLS = "addressing-climate-change", "supporting-rural-revitalization"


def names_of(taxonomy, issue_id):
    """Every way the sample may write the issue: its names, spaced or not, and its aliases."""
    issue = next(i for i in taxonomy["issues"] if i["id"] == issue_id)
    names = {issue["name_zh"], issue["name_en"]}
    names |= {a["name"] for a in taxonomy["aliases"] if a["target"] == issue_id}
    return issue, {n.replace(" ", "").lower() for n in names}


def is_issue(name, keys):
    return name.replace(" ", "").lower() in keys


def rating(rng, value, low=1.0, high=5.0):
    return round(min(high, max(low, value)), 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=TARGET)
    args = parser.parse_args()
    rng = random.Random(SEED)
    with open(SOURCE, encoding="utf-8") as f:
        sample = json.load(f)
    with open(TAXONOMY, encoding="utf-8") as f:
        taxonomy = json.load(f)
    rises, rise_keys = names_of(taxonomy, RISES)
    _, fall_keys = names_of(taxonomy, FALLS)

    firms = [c for c in sample["companies"] if c["id"] not in ("F07", "F21")]
    newcomer = copy.deepcopy(next(c for c in sample["companies"] if c["id"] == "F03"))
    newcomer["id"], newcomer["name"] = "F24", "Synthetic firm F24"
    firms.append(newcomer)

    adds_climate = 8
    drops_rural = 9
    for firm in firms:
        issues = []
        for entry in firm["issues"]:
            entry = dict(entry)
            if is_issue(entry["name"], fall_keys):
                if drops_rural > 0:
                    drops_rural -= 1
                    continue
                entry["stakeholder"] = rating(rng, 1.3 + rng.uniform(0, 0.5))
                entry["business"] = rating(rng, 1.2 + rng.uniform(0, 0.5))
            elif is_issue(entry["name"], rise_keys):
                entry["stakeholder"] = rating(rng, 4.6 + rng.uniform(0, 0.4))
                entry["business"] = rating(rng, 4.5 + rng.uniform(0, 0.5))
            else:
                entry["stakeholder"] = rating(rng, entry["stakeholder"] + rng.uniform(-0.3, 0.3))
                entry["business"] = rating(rng, entry["business"] + rng.uniform(-0.3, 0.3))
            issues.append(entry)
        if adds_climate > 0 and not any(is_issue(e["name"], rise_keys) for e in issues):
            adds_climate -= 1
            issues.append({"name": rises["name_zh"],
                           "stakeholder": rating(rng, 4.6 + rng.uniform(0, 0.4)),
                           "business": rating(rng, 4.5 + rng.uniform(0, 0.5))})
        firm["issues"] = issues

    sample["companies"] = firms
    sample["meta"] = {
        "synthetic": True,
        "generator": "tools/make_next_year.py",
        "seed": SEED,
        "description": "SYNTHETIC sample: fintech-2024 one year on, for materia compare. "
                       "Addressing climate change rises and supporting rural revitalization falls "
                       "in every firm; F07 and F21 left, F24 joined; every other rating moves by "
                       "noise of at most 0.3. Not real firms' data.",
    }
    # the layout of tools/make_sample.py: one line per listing
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("{\n")
        for key in ("meta", "taxonomy", "scale"):
            out.write(f' "{key}": {json.dumps(sample[key], ensure_ascii=False)},\n')
        out.write(' "companies": [\n')
        for i, firm in enumerate(firms):
            issues = ",\n".join("   " + json.dumps(e, ensure_ascii=False) for e in firm["issues"])
            attrs = json.dumps({k: v for k, v in firm.items() if k != "issues"}, ensure_ascii=False)
            out.write(f'  {attrs[:-1]}, "issues": [\n{issues}\n  ]}}')
            out.write(",\n" if i + 1 < len(firms) else "\n")
        out.write(" ]\n}\n")


if __name__ == "__main__":
    main()
