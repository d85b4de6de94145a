#!/usr/bin/env python3
"""`materia analyze --format json` against docs/schema/result.schema.json, in every variant.

    check_results.py --cli build/materia --work DIR

Every --method (with its options), bootstrap and leave-one-out, topics and each roll-up, the axis
and threshold options, the composite matrix, every kind of tier spec, coordinates, ranks, levels
and bare names, weight-0 firms (null values), the open vocabulary, CSV input, aliases and fuzzy
matches (warnings), and -o: each output must be valid. Each variant must also show what it
varies (the method it asked for, the bootstrap block, ...), so a variant that silently ran
something else does not pass.
"""
import argparse
import json
import os
import sys

from schema_common import (SOURCE_DIR, Failures, first_error, load_schema, loads_strict, run_cli,
                           validator)

SAMPLE = ["--sample", "fintech-2024"]
METHODS = ["attention", "borda", "borda-normalized", "dowdall", "mean-rank", "median-rank",
           "geomean-rank", "rra", "stuart", "mc4", "copeland", "schulze", "kemeny",
           "plackett-luce"]

# Small datasets for what the sample does not show.
EDGE = {
    # weight 0: an issue only it lists has importance null (and null axes under positions)
    "weight-zero.json": {"companies": [
        {"id": "A", "weight": 0, "issues": ["x", "y"]},
        {"id": "B", "issues": ["y", "z"]}]},
    # every kind of ordering, declared scales, not_assessed, a topic with bootstrap
    "kinds.json": {"taxonomy": "fintech-2024", "scale": [1, 5], "companies": [
        {"id": "C", "issues": [{"name": "科技创新", "stakeholder": 3, "business": 4},
                               {"name": "风险管理", "stakeholder": 5, "business": 2}]},
        {"id": "R", "unlisted": "not_assessed",
         "issues": [{"name": "客户服务", "rank": 1}, {"name": "合规经营", "rank": 2}]},
        {"id": "L", "scale": {"min": 0, "max": 10},
         "issues": [{"name": "风险管理", "level": "high"}, {"name": "客户服务", "level": 2}]},
        {"id": "N", "weight": 2, "issues": ["科技创新", "合规经营", "客户服务"]}]},
    # a topic named by a firm itself: an issue row of its own, and a topic row without children
    "topic-named.json": {"taxonomy": "fintech-2024", "companies": [
        {"id": "A", "issues": ["内控合规", "科技创新"]},
        {"id": "B", "issues": ["科技创新", "客户服务"]}]},
    # an inline taxonomy, an English-only issue, a fuzzy match (a warning)
    "inline.json": {"taxonomy": {
        "name": "tiny", "version": "1",
        "topics": [{"id": "t", "name_en": "Topic", "category": "S"}],
        "issues": [{"id": "privacy", "name_zh": "隐私保护", "category": "S", "parent": "t"},
                   {"id": "innovation", "name_en": "Innovation"},
                   {"id": "customer-service", "name_en": "Customer service", "parent": "t"}]},
        "companies": [{"id": "F1", "issues": ["隐私保护", "Innovation", "Custmer service"]},
                      {"id": "F2", "issues": ["Customer service", "隐私保护"]}]},
}
CSV = "firm,issue,stakeholder,business,weight\nF1,climate,4,3,1\nF1,privacy,2,5,1\n" \
      "F2,privacy,3,3,2\nF2,governance,5,4,2\n"
ALIASES = "name,target\n顾客服务热线,customer-service\n"
DROP_ALIASES = "name,target,kind\n绿色 消费金融,,drop\n"


def variants(work):
    """(label, arguments, check of the parsed output or None)."""
    def method_is(name):
        return lambda d: d["method"] == name
    out = [("plain", SAMPLE, lambda d: d["topics"] and "bootstrap" not in d),
           ("bootstrap + leave-one-out",
            SAMPLE + ["--bootstrap", "50", "--seed", "1", "--leave-one-out"],
            lambda d: d["bootstrap"]["replicates"] == 50 and d["leave_one_out"]
            and any("influential_firm" in i for i in d["issues"])),
           ("leave-one-out", SAMPLE + ["--leave-one-out"], lambda d: d["leave_one_out"])]
    for method in METHODS:
        out.append((f"--method {method}", SAMPLE + ["--method", method], method_is(method)))
    out += [
        ("rra top cutoff", SAMPLE + ["--method", "rra", "--rra-top-cutoff"], method_is("rra")),
        ("rra exact", SAMPLE + ["--method", "rra", "--rra-exact"], method_is("rra")),
        ("kemeny + bootstrap", SAMPLE + ["--method", "kemeny", "--bootstrap", "20"],
         lambda d: "kemeny" in d and "bootstrap" in d),
        ("stuart + leave-one-out", SAMPLE + ["--method", "stuart", "--leave-one-out"],
         method_is("stuart")),
        ("--axes positions", SAMPLE + ["--axes", "positions"],
         lambda d: d["matrix"]["axes"] == "positions"),
        ("--axes method, --axis-tiers quantile:3", SAMPLE + ["--axes", "method",
                                                             "--axis-tiers", "quantile:3"],
         lambda d: d["matrix"]["threshold_rule"] == "quantile:3"),
        ("fixed thresholds, material both",
         SAMPLE + ["--stakeholder-threshold", "0.5", "--business-threshold", "0.6",
                   "--material", "both", "--borderline-band", "0.1"],
         lambda d: d["matrix"]["threshold_rule"] == "fixed" and d["matrix"]["material"] == "both"),
        ("one fixed threshold", SAMPLE + ["--stakeholder-threshold", "0"],
         lambda d: d["thresholds"]["stakeholder"] == 0),
        ("composite top 29", SAMPLE + ["--composite-top", "29"],
         lambda d: d["matrix"]["composite_top"] == 29
         and any(i["composite"] is None for i in d["issues"])),
        ("composite top 10 (a cut through a tie)", SAMPLE + ["--composite-top", "10"],
         lambda d: d["warnings"]),
        ("composite thresholds", SAMPLE + ["--composite-attention-threshold", "0.5",
                                           "--composite-importance-threshold", "1"],
         lambda d: d["matrix"]["composite_thresholds"]["importance"] == 1),
        ("roll-up mean", SAMPLE + ["--roll-up", "mean"], lambda d: d["matrix"]["roll_up"] == "mean"),
        ("roll-up weight + bootstrap", SAMPLE + ["--roll-up", "weight", "--bootstrap", "10"],
         lambda d: d["matrix"]["roll_up"] == "weight"),
        ("--combine product", SAMPLE + ["--combine", "product"], None),
        ("--combine distance", SAMPLE + ["--combine", "distance"], None),
        ("--universe 200", SAMPLE + ["--universe", "200"], lambda d: d["universe"] == 200),
        ("--method attention --tiers counts", SAMPLE + ["--method", "attention",
                                                        "--tiers", "counts:26,23,42"],
         lambda d: d["tiers"] == "counts:26,23,42"),
        ("--threads 1", SAMPLE + ["--threads", "1", "--bootstrap", "5", "--leave-one-out"], None),
    ]
    for tiers in ["shares:0.3,0.3,0.4", "thresholds:0.9,0.5", "quantile:4", "fisher:auto",
                  "jenks:3", "equal:3", "headtail", "headtail:0.3", "fisher:1"]:
        out.append((f"--tiers {tiers}", SAMPLE + ["--tiers", tiers], None))
    sample_file = os.path.join(SOURCE_DIR, "data", "samples", "fintech-2024.json")
    out.append(("open vocabulary (--taxonomy none)", [sample_file, "--taxonomy", "none"],
                lambda d: d["taxonomy"] == "none" and not d["topics"]))
    for name in EDGE:
        path = os.path.join(work, name)
        out.append((name, [path], None))
        out.append((f"{name} --axes positions --bootstrap 20 --leave-one-out",
                    [path, "--axes", "positions", "--bootstrap", "20", "--leave-one-out"], None))
        out.append((f"{name} --method median-rank --composite-top 1",
                    [path, "--method", "median-rank", "--composite-top", "1"], None))
    out.append(("weight 0 gives nulls", [os.path.join(work, "weight-zero.json"), "--axes",
                                         "positions"],
                lambda d: any(i["importance"] is None and i["stakeholder"] is None
                              and i["quadrant"] == "" for i in d["issues"])))
    out.append(("a topic named itself", [os.path.join(work, "topic-named.json")],
                lambda d: any(t["children"] == [] for t in d["topics"])
                and any(i["id"] == "internal-control-and-compliance" for i in d["issues"])))
    out.append(("fuzzy match warns", [os.path.join(work, "inline.json")],
                lambda d: any("fuzzily" in w for w in d["warnings"])))
    out.append(("CSV input", [os.path.join(work, "long.csv"), "--method", "copeland"], None))
    out.append(("aliases", SAMPLE + ["--aliases", os.path.join(work, "aliases.csv"), "--strict"],
                None))
    out.append(("a dropped name", SAMPLE + ["--aliases", os.path.join(work, "drop.csv")],
                lambda d: "绿色 消费金融" in d["dropped_names"]))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    for name, document in EDGE.items():
        with open(os.path.join(args.work, name), "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False)
    with open(os.path.join(args.work, "long.csv"), "w", encoding="utf-8") as f:
        f.write(CSV)
    with open(os.path.join(args.work, "aliases.csv"), "w", encoding="utf-8") as f:
        f.write(ALIASES)
    with open(os.path.join(args.work, "drop.csv"), "w", encoding="utf-8") as f:
        f.write(DROP_ALIASES)
    result = validator(load_schema("result.schema.json"))
    failures = Failures()
    seen_fields = set()
    for label, arguments, check in variants(args.work):
        code, out, err = run_cli(args.cli, ["analyze", *arguments, "--format", "json"])
        if not failures.check(code == 0, f"{label}: exit {code}: {err.strip()}"):
            continue
        document = loads_strict(out)
        error = first_error(result, document)
        failures.check(error is None, f"{label}: {error}")
        if check is not None:
            failures.check(bool(check(document)), f"{label}: the output does not show the variant")
        seen_fields.update(document)
        for row in document["issues"] + document["topics"]:
            seen_fields.update(f"row.{key}" for key in row)
    # -o writes the same bytes as standard output
    target = os.path.join(args.work, "result.json")
    code, _, err = run_cli(args.cli, ["analyze", *SAMPLE, "--format", "json", "-o", target])
    if failures.check(code == 0, f"-o: exit {code}: {err.strip()}"):
        with open(target, encoding="utf-8") as f:
            written = f.read()
        failures.check(written == run_cli(args.cli, ["analyze", *SAMPLE, "--format", "json"])[1],
                       "-o wrote other bytes than standard output")
    # the variants together show every optional field the schema knows
    schema = load_schema("result.schema.json")
    optional = {k for k in schema["properties"] if k not in schema["required"]}
    row = schema["$defs"]["issue_row"]
    optional |= {f"row.{k}" for k in row["properties"] if k not in row["required"]}
    optional |= {"row.children"}
    missing = optional - seen_fields
    failures.check(not missing, f"no variant wrote the optional fields {sorted(missing)}")
    failures.finish("schema.results")


if __name__ == "__main__":
    sys.exit(main())
