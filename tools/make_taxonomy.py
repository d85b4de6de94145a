#!/usr/bin/env python3
"""Builds data/taxonomies/fintech-2024.json from data/sources/fintech-2024-issues.csv.

The 91 issues, their E/S/G categories and English names come from the source table (the report's
issues; our category assignment and translations). The two roll-up topics come from step 6 of the
report's method (docs/method.md); the choice of their children is documented in docs/method.md ("Topic roll-up").

Aliases: traditional forms of every issue and topic from OpenCC's `opencc` command (package
opencc), connector-free variants, and a short reviewed list of English names (EXTRA_ALIASES).

Run from the repository root:  /usr/bin/python3 tools/make_taxonomy.py [--out-dir DIR]
"""
import argparse
import csv
import json
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "data", "sources", "fintech-2024-issues.csv")
TARGET = os.path.join(ROOT, "data", "taxonomies", "fintech-2024.json")

TOPICS = [
    {
        "id": "consumer-rights-protection",
        "name_zh": "消费者权益保护",
        "name_en": "Consumer rights protection",
        "category": "S",
        # issues about how customers are served, sold to and protected
        "children": ["客户服务", "负责任营销", "反欺诈保护", "负责任产品营销及标识", "服务响应及处理效率",
                     "负责任的产品及服务", "负责任的消费金融"],
    },
    {
        "id": "internal-control-and-compliance",
        "name_zh": "内控合规",
        "name_en": "Internal control and compliance",
        "category": "G",
        # the four named in docs/method.md, step 6, plus the issue that merges two of them
        "children": ["合规经营", "风险管理", "内控管理体系", "反洗钱及合规管理", "合规经营与风险管理"],
    },
]


# English names that bilingual (Hong Kong listed) reports use besides the taxonomy's own, and a
# few Chinese synonyms of the roll-up topics. Each one is a judgement: only names that cannot
# reasonably mean another issue of the taxonomy (e.g. no bare "Health and safety", which could be
# employee or occupational health and safety).
EXTRA_ALIASES = [
    ("Data privacy and security", "data-security-and-privacy-protection", "english"),
    ("Data security and privacy", "data-security-and-privacy-protection", "english"),
    ("Privacy and data security", "data-security-and-privacy-protection", "english"),
    ("Technology innovation", "technological-innovation", "english"),
    ("Public welfare", "philanthropy-and-public-welfare", "english"),
    ("Philanthropy", "philanthropy-and-public-welfare", "english"),
    ("Employee development and training", "employee-training-and-development", "english"),
    ("Employee rights and interests", "protection-of-employee-rights", "english"),
    ("Business ethics", "business-ethics-and-anti-corruption", "english"),
    ("Anti-corruption", "business-ethics-and-anti-corruption", "english"),
    ("Climate change", "addressing-climate-change", "english"),
    ("Inclusive finance", "developing-inclusive-finance", "english"),
    ("Green finance", "developing-green-finance", "english"),
    ("Rural revitalization", "supporting-rural-revitalization", "english"),
    ("Intellectual property rights", "intellectual-property-protection", "english"),
    ("Anti-money laundering", "anti-money-laundering-and-compliance", "english"),
    ("Diversity and inclusion", "diversity-equity-and-inclusion", "english"),
    ("Information security", "information-security-management", "english"),
    ("Energy saving", "energy-conservation", "english"),
    ("GHG emissions", "greenhouse-gas-emissions-management", "english"),
    ("ESG management", "esg-governance", "english"),
    ("Corporate culture", "building-corporate-culture", "english"),
    ("Investor relations", "investor-communication", "english"),
    ("Stakeholder engagement", "stakeholder-communication", "english"),
    ("Whistleblower protection", "whistleblower-protection-policy-and-procedures", "english"),
    ("Child labour and forced labour", "preventing-child-and-forced-labour", "english"),
    ("Information disclosure", "strengthening-information-disclosure", "english"),
    ("Consumer protection", "consumer-rights-protection", "english"),
    ("Financial consumer protection", "consumer-rights-protection", "english"),
    ("金融消费者权益保护", "consumer-rights-protection", "synonym"),
    ("内部控制与合规", "internal-control-and-compliance", "synonym"),
]

# Issues the report keeps apart although their names are close: name matching sends a name close
# to both of a pair to review (docs/method.md, "Keeping near misses apart").
KEEP_APART = [
    ("员工健康与安全", "职业健康与安全"),
    ("员工健康与安全", "健康与安全的工作环境"),
    ("职业健康与安全", "健康与安全的工作环境"),
    ("信息安全管理", "数据安全与隐私保护"),
    ("绿色消费金融", "绿色低碳生活"),
    ("绿色消费金融", "负责任的消费金融"),
    ("合规经营", "合规经营与风险管理"),
    ("风险管理", "合规经营与风险管理"),
    ("风险管理", "透明度和风险管理"),
    ("透明度", "透明度和风险管理"),
    ("雇佣", "雇佣与多元化"),
    ("供应商管理", "供应链管理"),
    ("供应链管理", "可持续供应链"),
    ("负责任营销", "负责任产品营销及标识"),
]

# Names too general to be one issue of this taxonomy: never resolved, always for review.
GENERIC = ["金融科技", "Fintech", "金融", "科技", "ESG", "可持续发展", "Sustainability",
           "社会", "环境", "治理", "管理", "发展", "安全", "风险", "员工", "客户", "绿色"]

# Connector words (与/和/及/、) fold to one key already (docs/method.md); the variant a report
# writes without any connector ("数据安全隐私保护") is an alias.
CONNECTORS = ["与", "和", "及", "、"]

# Traditional forms come from OpenCC, not a hand list: Hong Kong (s2hk), Taiwan (s2tw) and Taiwan
# with Taiwanese phrasing (s2twp: 信息 → 資訊, 数据 → 資料). Folding now undoes most Taiwanese
# phrasing itself (TWPhrasesRev, as tw2sp); the aliases keep the taxonomy file self-describing and
# cover the terms the reverse table does not map back.
OPENCC_CONFIGS = [("s2hk.json", "traditional-hk"), ("s2tw.json", "traditional-tw"),
                  ("s2twp.json", "traditional-tw-phrases")]


def opencc_convert(names, config):
    out = subprocess.run(["opencc", "-c", config], input="\n".join(names) + "\n", capture_output=True,
                         text=True, check=True).stdout.split("\n")
    assert len(out) >= len(names), (config, len(out))
    return out[:len(names)]


def generated_aliases(entries):
    """entries: (name_zh, id) pairs of every issue and topic."""
    aliases, seen = [], {name for name, _ in entries}
    names = [name for name, _ in entries]
    for config, kind in OPENCC_CONFIGS:
        for (name, target), converted in zip(entries, opencc_convert(names, config)):
            if converted and converted not in seen:
                seen.add(converted)
                aliases.append({"name": converted, "target": target, "kind": kind})
    for name, target in entries:
        bare = name
        for c in CONNECTORS:
            bare = bare.replace(c, "")
        if bare != name and bare not in seen:
            seen.add(bare)
            aliases.append({"name": bare, "target": target, "kind": "connector"})
    for name, target, kind in EXTRA_ALIASES:
        assert name not in seen, name
        seen.add(name)
        aliases.append({"name": name, "target": target, "kind": kind})
    return aliases


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


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main():
    target = output_path()
    with open(SOURCE, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    parent_of = {}
    for topic in TOPICS:
        for child in topic["children"]:
            assert child not in parent_of, child
            parent_of[child] = topic["id"]
    names = {row["name_zh"] for row in rows}
    for child in parent_of:
        assert child in names, f"topic child {child} is not an issue"
    issues, ids = [], set()
    for row in rows:
        issue = {
            "id": slug(row["name_en"]),
            "name_zh": row["name_zh"],
            "name_en": row["name_en"],
            "category": row["category"],
            "reference_tier": int(row["attention_tier"]),
        }
        if row["name_zh"] in parent_of:
            issue["parent"] = parent_of[row["name_zh"]]
        assert issue["id"] not in ids, issue["id"]
        ids.add(issue["id"])
        issues.append(issue)
    taxonomy = {
        "name": "fintech-2024",
        "version": "2024.1",
        "description": "The 91 material issues of Chinese fintech firms' ESG reports (iResearch, "
                       "Dec 2024), with E/S/G categories and English names, and two roll-up topics "
                       "(docs/method.md, step 6). Generated by tools/make_taxonomy.py.",
        "topics": [{k: t[k] for k in ("id", "name_zh", "name_en", "category")} for t in TOPICS],
        "issues": issues,
        "aliases": generated_aliases([(t["name_zh"], t["id"]) for t in TOPICS] +
                                     [(i["name_zh"], i["id"]) for i in issues]),
    }
    id_of = {i["name_zh"]: i["id"] for i in issues}
    taxonomy["keep_apart"] = [[id_of[a], id_of[b]] for a, b in KEEP_APART]
    taxonomy["generic"] = GENERIC
    with open(target, "w", encoding="utf-8") as f:
        json.dump(taxonomy, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {target}: {len(issues)} issues, {len(TOPICS)} topics, "
          f"{len(taxonomy['aliases'])} aliases")


if __name__ == "__main__":
    main()
