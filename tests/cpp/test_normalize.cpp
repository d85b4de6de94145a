// Name resolution against the fintech-2024 taxonomy: a table of variants of every kind, the
// keep-apart pairs, names that must stay unmatched; the synonym graph's conflict errors; fuzzy
// scoring against a brute-force oracle; the review round trip; open-vocabulary clustering.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "base/csv.hpp"
#include "materia/materia.hpp"
#include "normalize/structure.hpp"

namespace {

using materia::MatchKind;

const materia::Normalizer& fintech() {
  static const materia::Normalizer normalizer(materia::Taxonomy::builtin("fintech-2024"));
  return normalizer;
}

struct NameCase {
  const char* input;
  const char* id;  // "" = must stay unmatched
  MatchKind match;
  const char* kind;  // which variant kind the row covers
};

// clang-format off
const NameCase kCases[] = {
  // canonical names (exact)
  {"数据安全与隐私保护", "data-security-and-privacy-protection", MatchKind::exact, "canonical"},
  {"科技创新", "technological-innovation", MatchKind::exact, "canonical"},
  {"合规经营", "compliant-operations", MatchKind::exact, "canonical"},
  {"内控合规", "internal-control-and-compliance", MatchKind::exact, "canonical topic"},
  {"消费者权益保护", "consumer-rights-protection", MatchKind::exact, "canonical topic"},
  // spaces from line breaks, as the report's table prints names
  {"数据安全与 隐私保护", "data-security-and-privacy-protection", MatchKind::exact, "space"},
  {"员工培训 与发展", "employee-training-and-development", MatchKind::exact, "space"},
  {"促进行业发 展与共赢", "industry-development-and-mutual-benefit", MatchKind::exact, "space"},
  {"推动行业生态 发展与实践社 会责任", "industry-ecosystem-development-and-social-responsibility", MatchKind::exact, "space"},
  {"温室气体排 放与管理", "greenhouse-gas-emissions-management", MatchKind::exact, "space"},
  {"信息安全管 理", "information-security-management", MatchKind::exact, "space"},
  {"举报人保护 政策及程序", "whistleblower-protection-policy-and-procedures", MatchKind::exact, "space"},
  {"数据安全与\n隐私保护", "data-security-and-privacy-protection", MatchKind::exact, "line break"},
  {"数据安全与\u3000隐私保护", "data-security-and-privacy-protection", MatchKind::exact, "ideographic space"},
  {" 科技赋能 ", "technology-empowerment", MatchKind::exact, "space"},
  {"ESG 治理", "esg-governance", MatchKind::exact, "space"},
  // full-width / half-width, case
  {"ＥＳＧ治理", "esg-governance", MatchKind::exact, "full-width"},
  {"esg治理", "esg-governance", MatchKind::exact, "case"},
  {"员工平等机会，多元化及包容性", "equal-opportunity-diversity-and-inclusion", MatchKind::exact, "full-width comma"},
  {"员工平等机会,多元化,包容性", "equal-opportunity-diversity-and-inclusion", MatchKind::exact, "half-width comma"},
  {"响应“双碳”战略", "responding-to-the-dual-carbon-strategy", MatchKind::exact, "quotation marks"},
  {"《数据治理》", "data-governance", MatchKind::exact, "title marks"},
  {"DATA SECURITY AND PRIVACY PROTECTION", "data-security-and-privacy-protection", MatchKind::exact, "case"},
  {"  Risk   management  ", "risk-management", MatchKind::exact, "space"},
  // traditional characters (Hong Kong and Taiwan), typed by hand
  {"數據安全與隱私保護", "data-security-and-privacy-protection", MatchKind::exact, "traditional"},
  {"員工培訓與發展", "employee-training-and-development", MatchKind::exact, "traditional"},
  {"應對氣候變化", "addressing-climate-change", MatchKind::exact, "traditional"},
  {"發展普惠金融", "developing-inclusive-finance", MatchKind::exact, "traditional"},
  {"商業道德與反腐倡廉", "business-ethics-and-anti-corruption", MatchKind::exact, "traditional"},
  {"知識產權保護", "intellectual-property-protection", MatchKind::exact, "traditional"},
  {"供應鏈管理", "supply-chain-management", MatchKind::exact, "traditional"},
  {"職業健康與安全", "occupational-health-and-safety", MatchKind::exact, "traditional"},
  // Taiwan's own terms (OpenCC TWPhrasesRev, as tw2sp): 資訊 is Taiwan's 信息, 網路 its 网络
  {"資訊安全管理", "information-security-management", MatchKind::exact, "Taiwan term"},
  {"廢棄物管理", "waste-management", MatchKind::exact, "traditional"},
  {"客戶服務", "customer-service", MatchKind::exact, "traditional"},
  {"風險管理", "risk-management", MatchKind::exact, "traditional"},
  {"合規經營", "compliant-operations", MatchKind::exact, "traditional"},
  {"溫室氣體排放與管理", "greenhouse-gas-emissions-management", MatchKind::exact, "traditional"},
  {"反洗錢及合規管理", "anti-money-laundering-and-compliance", MatchKind::exact, "traditional"},
  {"僱傭", "employment", MatchKind::exact, "traditional (HK variant)"},
  {"僱傭與多元化", "employment-and-diversity", MatchKind::exact, "traditional (HK variant)"},
  {"透明度和風險管理", "transparency-and-risk-management", MatchKind::exact, "traditional"},
  {"消費者權益保護", "consumer-rights-protection", MatchKind::exact, "traditional topic"},
  {"內控合規", "internal-control-and-compliance", MatchKind::exact, "traditional topic"},
  {"資料安全與隱私保護", "data-security-and-privacy-protection", MatchKind::exact, "Taiwan phrasing (folded by TWPhrasesRev)"},
  {"智慧風控", "intelligent-risk-control", MatchKind::exact, "Taiwan phrasing (folded by TWPhrasesRev)"},
  // connector words
  {"员工培训和发展", "employee-training-and-development", MatchKind::exact, "connector"},
  {"员工培训及发展", "employee-training-and-development", MatchKind::exact, "connector"},
  {"员工培训、发展", "employee-training-and-development", MatchKind::exact, "connector"},
  {"员工培训&发展", "employee-training-and-development", MatchKind::exact, "connector"},
  {"透明度与风险管理", "transparency-and-risk-management", MatchKind::exact, "connector"},
  {"透明度及风险管理", "transparency-and-risk-management", MatchKind::exact, "connector"},
  {"反洗钱与合规管理", "anti-money-laundering-and-compliance", MatchKind::exact, "connector"},
  {"雇佣和多元化", "employment-and-diversity", MatchKind::exact, "connector"},
  {"合规经营及风险管理", "compliance-and-risk-management", MatchKind::exact, "connector"},
  {"员工平等机会、多元化和包容性", "equal-opportunity-diversity-and-inclusion", MatchKind::exact, "connector"},
  {"数据安全隐私保护", "data-security-and-privacy-protection", MatchKind::alias, "connector dropped (alias)"},
  {"员工健康安全", "employee-health-and-safety", MatchKind::alias, "connector dropped (alias)"},
  {"Business ethics & anti-corruption", "business-ethics-and-anti-corruption", MatchKind::exact, "connector"},
  {"Employment & diversity", "employment-and-diversity", MatchKind::exact, "connector"},
  {"Transparency & risk management", "transparency-and-risk-management", MatchKind::exact, "connector"},
  {"Diversity, Equity, and Inclusion", "diversity-equity-and-inclusion", MatchKind::exact, "connector (Oxford comma)"},
  {"Diversity, equity & inclusion", "diversity-equity-and-inclusion", MatchKind::exact, "connector"},
  // English names and English aliases
  {"Data security and privacy protection", "data-security-and-privacy-protection", MatchKind::exact, "English"},
  {"Corporate governance", "corporate-governance", MatchKind::exact, "English"},
  {"Supply chain management", "supply-chain-management", MatchKind::exact, "English"},
  {"Employment", "employment", MatchKind::exact, "English"},
  {"Transparency", "transparency", MatchKind::exact, "English"},
  {"Compliant operations", "compliant-operations", MatchKind::exact, "English"},
  {"Climate change", "addressing-climate-change", MatchKind::alias, "English alias"},
  {"Anti-money laundering", "anti-money-laundering-and-compliance", MatchKind::alias, "English alias"},
  {"DATA PRIVACY AND SECURITY", "data-security-and-privacy-protection", MatchKind::alias, "English alias"},
  {"Consumer protection", "consumer-rights-protection", MatchKind::alias, "English alias of a topic"},
  {"金融消费者权益保护", "consumer-rights-protection", MatchKind::alias, "synonym of a topic"},
  {"risk-management", "risk-management", MatchKind::exact, "issue id"},
  // fuzzy: typos and extra words
  {"Custmer service", "customer-service", MatchKind::fuzzy, "typo"},
  {"Risk managment", "risk-management", MatchKind::fuzzy, "typo"},
  {"Suply chain management", "supply-chain-management", MatchKind::fuzzy, "typo"},
  {"Corporate govrnance", "corporate-governance", MatchKind::fuzzy, "typo"},
  {"Employee trainning and development", "employee-training-and-development", MatchKind::fuzzy, "typo"},
  {"数据安全与隐私保户", "data-security-and-privacy-protection", MatchKind::fuzzy, "typo"},
  {"员工培训与发展计划", "employee-training-and-development", MatchKind::fuzzy, "extra word"},
  {"应对气候变化问题", "addressing-climate-change", MatchKind::fuzzy, "extra word"},
  {"信息安全管理体系", "information-security-management", MatchKind::fuzzy, "extra word"},
  {"发展绿色金融业务", "developing-green-finance", MatchKind::fuzzy, "extra word"},
  {"数字化普惠金融", "digital-inclusive-finance", MatchKind::fuzzy, "extra character"},
  {"雇佣与多元", "employment-and-diversity", MatchKind::fuzzy, "truncated"},
  {"數據安全與隱私保户", "data-security-and-privacy-protection", MatchKind::fuzzy, "traditional + typo"},
  // keep-apart pairs: each name is its own issue, never the other's
  {"信息安全管理", "information-security-management", MatchKind::exact, "keep apart"},
  {"合规经营与风险管理", "compliance-and-risk-management", MatchKind::exact, "keep apart"},
  {"雇佣", "employment", MatchKind::exact, "keep apart"},
  {"雇佣与多元化", "employment-and-diversity", MatchKind::exact, "keep apart"},
  {"透明度", "transparency", MatchKind::exact, "keep apart"},
  {"透明度和风险管理", "transparency-and-risk-management", MatchKind::exact, "keep apart"},
  {"合规经营管理", "", MatchKind::unmatched, "keep apart: between 合规经营 and 合规经营与风险管理"},
  {"雇佣管理", "employment", MatchKind::fuzzy, "trailing noun 管理 added; never 雇佣与多元化"},
  {"负责任营销与标识", "", MatchKind::unmatched, "ambiguous between two issues"},
  // must stay unmatched
  {"火星移民", "", MatchKind::unmatched, "unrelated"},
  {"Quantum teleportation", "", MatchKind::unmatched, "unrelated"},
  {"ESG", "", MatchKind::unmatched, "too short"},
  {"管理", "", MatchKind::unmatched, "too generic"},
  {"安全", "", MatchKind::unmatched, "too generic"},
  {"金融", "", MatchKind::unmatched, "too generic"},
  {"信息安全", "information-security-management", MatchKind::fuzzy, "trailing noun 管理 dropped"},
  {"资訊安全管理", "", MatchKind::unmatched, "Taiwan phrasing OpenCC does not produce"},
  {"", "", MatchKind::unmatched, "empty"},
};
// clang-format on

TEST(Normalize, VariantTable) {
  ASSERT_GE(std::size(kCases), 80u);
  for (const NameCase& c : kCases) {
    auto r = fintech().resolve(c.input);
    EXPECT_EQ(r.id, c.id) << c.kind << ": \"" << c.input << "\" -> " << r.reason;
    EXPECT_EQ(r.match, c.match) << c.kind << ": \"" << c.input << "\" -> " << r.reason;
    if (c.match == MatchKind::exact || c.match == MatchKind::alias) {
      EXPECT_EQ(r.score, 1.0) << c.input;
    }
    if (c.match == MatchKind::fuzzy) {
      EXPECT_GE(r.score, fintech().options().threshold) << c.input;
      EXPECT_LT(r.score, 1.0) << c.input;
      ASSERT_FALSE(r.candidates.empty());
      EXPECT_EQ(r.candidates[0].id, c.id);
      if (r.runner_up()) {
        EXPECT_GE(r.score - r.runner_up()->score, fintech().options().margin) << c.input;
      }
      EXPECT_TRUE(r.reason.find("similar to") != std::string::npos ||
                  r.reason.find("same words as") != std::string::npos)
          << r.reason;
    }
    if (c.match == MatchKind::unmatched) {
      EXPECT_EQ(r.issue, -1) << c.input;
    }
  }
}

TEST(Normalize, EveryPrintedNameOfTheReportIsExact) {
  std::ifstream in(std::string(MATERIA_SOURCE_DIR) + "/data/sources/fintech-2024-issues.csv");
  std::stringstream text;
  text << in.rdbuf();
  auto records = materia::detail::parse_csv(text.str(), ',', "issues.csv");
  ASSERT_EQ(records.size(), 92u);
  const auto& taxonomy = fintech().taxonomy();
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& f = records[i].fields;
    const std::string& zh = f[0];
    const std::string printed = f.size() > 4 && !f[4].empty() ? f[4] : zh;
    auto index = std::find_if(taxonomy.issues.begin(), taxonomy.issues.end(),
                              [&](const materia::Issue& issue) { return issue.name_zh == zh; });
    ASSERT_NE(index, taxonomy.issues.end()) << zh;
    for (const std::string& name : {zh, printed, f[1]}) {
      auto r = fintech().resolve(name);
      EXPECT_EQ(r.match, MatchKind::exact) << name;
      EXPECT_EQ(r.id, index->id) << name;
    }
  }
}

TEST(Normalize, EveryBuiltInAliasResolvesToItsTarget) {
  const auto& taxonomy = fintech().taxonomy();
  ASSERT_GE(taxonomy.aliases.size(), 100u);
  std::set<std::string> kinds;
  for (const auto& alias : taxonomy.aliases) {
    kinds.insert(alias.kind);
    auto r = fintech().resolve(alias.name);
    EXPECT_TRUE(r.match == MatchKind::exact || r.match == MatchKind::alias) << alias.name;
    EXPECT_EQ(r.id, alias.target) << alias.name << " (" << alias.kind << ")";
  }
  // Every issue and topic has its Hong Kong form (OpenCC s2hk) among the aliases or equal to it.
  EXPECT_TRUE(kinds.count("traditional-hk") && kinds.count("traditional-tw-phrases") &&
              kinds.count("english") && kinds.count("connector"));
}

TEST(Normalize, CanonicalNameAlwaysWinsAndFuzzyNeverCrossesKeptApartPairs) {
  const std::pair<const char*, const char*> pairs[] = {{"信息安全管理", "数据安全与隐私保护"},
                                                       {"合规经营", "合规经营与风险管理"},
                                                       {"雇佣", "雇佣与多元化"},
                                                       {"透明度", "透明度和风险管理"}};
  // Perturb each name (a character added, dropped or replaced); the result is its own issue or
  // unmatched, never the partner.
  const char* extras[] = {"体系", "工作", "问题", "情况"};
  for (auto [a, b] : pairs) {
    auto ra = fintech().resolve(a), rb = fintech().resolve(b);
    ASSERT_EQ(ra.match, MatchKind::exact);
    ASSERT_EQ(rb.match, MatchKind::exact);
    ASSERT_NE(ra.id, rb.id);
    for (auto [name, self, other] :
         {std::tuple{std::string(a), ra.id, rb.id}, std::tuple{std::string(b), rb.id, ra.id}}) {
      for (const char* extra : extras) {
        auto r = fintech().resolve(name + extra);
        EXPECT_NE(r.id, other) << name + extra << ": " << r.reason;
      }
      auto chars = materia::fold_key(name);
      auto dropped =
          fintech().resolve(name.substr(0, name.size() - 3));  // last CJK character dropped
      EXPECT_NE(dropped.id, other) << name << ": " << dropped.reason;
    }
  }
}

// The branch-and-bound search must give the same best issue and score as comparing the name with
// every key of the synonym graph (canonical names, English names, ids, aliases). With the default
// threshold (> 0.5) only keys sharing an n-gram are candidates, so scores above 0.5 must agree;
// with a threshold <= 0.5 every key is scored and all must agree.
void check_against_oracle(const materia::Normalizer& normalizer, double floor) {
  const auto& taxonomy = normalizer.taxonomy();
  std::vector<std::pair<std::string, std::string>> keys;  // key, issue id
  for (const auto& issue : taxonomy.issues)
    for (const auto* text : {&issue.name_zh, &issue.name_en, &issue.id})
      if (!text->empty()) keys.emplace_back(materia::fold_key(*text), issue.id);
  for (const auto& alias : taxonomy.aliases)
    keys.emplace_back(materia::fold_key(alias.name), alias.target);
  std::mt19937 rng(7);
  std::vector<std::string> names;
  for (const auto& issue : taxonomy.issues) {
    std::string zh = issue.name_zh;
    names.push_back(zh + "工作");
    if (zh.size() > 6) names.push_back(zh.substr(3));
    std::string en = issue.name_en;
    en[rng() % en.size()] = 'x';
    names.push_back(en);
  }
  int checked = 0;
  for (const auto& name : names) {
    auto r = normalizer.resolve(name);
    if (r.match == MatchKind::exact || r.match == MatchKind::alias) continue;
    // An issue's score: its best key by similarity or by a structural match.
    const auto query = materia::detail::key_structure(r.key);
    std::map<std::string, double> best;
    for (const auto& [key, id] : keys) {
      double score = materia::key_similarity(r.key, key);
      if (auto match =
              materia::detail::structural_match(query, materia::detail::key_structure(key)))
        score = std::max(score, match->score);
      best[id] = std::max(best[id], score);
    }
    double top = 0;
    for (const auto& [id, score] : best)
      top = std::max(top, score);
    if (r.reason.find("too general") != std::string::npos)
      continue;  // the taxonomy's generic names
    if (top <= floor) {
      EXPECT_LE(r.score, floor) << name;
      continue;
    }
    ASSERT_FALSE(r.candidates.empty()) << name;
    EXPECT_NEAR(r.candidates[0].score, top, 1e-12) << name;
    EXPECT_NEAR(best[r.candidates[0].id], top, 1e-12) << name;
    double second = 0;
    for (const auto& [id, score] : best)
      if (id != r.candidates[0].id) second = std::max(second, score);
    if (second > floor) {
      ASSERT_GT(r.candidates.size(), 1u) << name;
      EXPECT_NEAR(r.candidates[1].score, second, 1e-12) << name;
    }
    ++checked;
  }
  EXPECT_GT(checked, 150);
}

TEST(Normalize, FuzzyScoresEqualABruteForceOracle) {
  check_against_oracle(fintech(), 0.5);
}

TEST(Normalize, FuzzyScoresEqualABruteForceOracleAtALowThreshold) {
  materia::NormalizeOptions low;
  low.threshold = 0.4;
  check_against_oracle(materia::Normalizer(materia::Taxonomy::builtin("fintech-2024"), {}, low),
                       -1.0);
}

TEST(Normalize, KeySimilarityProperties) {
  const char* keys[] = {
      "数据安全&隐私保护", "信息安全管理", "risk management", "risk managment", "雇佣", "", "a"};
  for (const char* a : keys)
    for (const char* b : keys) {
      double s = materia::key_similarity(a, b);
      EXPECT_GE(s, 0.0);
      EXPECT_LE(s, 1.0);
      EXPECT_DOUBLE_EQ(s, materia::key_similarity(b, a)) << a << " / " << b;
      EXPECT_EQ(s == 1.0, std::string(a) == b) << a << " / " << b;
    }
  // Hand-computed: 雇佣&多元 vs 雇佣&多元化. Bigrams {雇佣, 多元} and {雇佣, 多元, 元化}: Dice
  // 2*2/5 = 0.8; edit distance 1 over 6 code points: 5/6. Score (0.8 + 5/6) / 2.
  EXPECT_NEAR(materia::key_similarity("雇佣&多元", "雇佣&多元化"), (0.8 + 5.0 / 6.0) / 2, 1e-12);
  // Latin: "ab" vs "ac": features {ab, #ab, ab#} and {ac, #ac, ac#} share none: Dice 0; edit 1/2.
  EXPECT_NEAR(materia::key_similarity("ab", "ac"), 0.25, 1e-12);
}

TEST(Normalize, ThresholdAndMarginAreConfigurable) {
  materia::NormalizeOptions loose;
  loose.threshold = 0.70;
  materia::Normalizer normalizer(materia::Taxonomy::builtin("fintech-2024"), {}, loose);
  auto r = normalizer.resolve("清洁技术发展机遇");  // 0.708 against 清洁技术机遇
  EXPECT_EQ(r.match, MatchKind::fuzzy);
  EXPECT_EQ(r.id, "opportunities-in-clean-technology");
  EXPECT_EQ(fintech().resolve("清洁技术发展机遇").match, MatchKind::unmatched);
  materia::NormalizeOptions off;
  off.fuzzy = false;
  materia::Normalizer exact_only(materia::Taxonomy::builtin("fintech-2024"), {}, off);
  EXPECT_EQ(exact_only.resolve("Custmer service").match, MatchKind::unmatched);
  EXPECT_THROW(materia::Normalizer(materia::Taxonomy::builtin("fintech-2024"), {}, {1.5}),
               materia::Error);
}

TEST(Normalize, ResolveAllInternsAndMatchesResolve) {
  std::vector<std::string> names = {"數據安全與隱私保護", "Custmer service", "數據安全與隱私保護",
                                    "火星移民", "雇佣"};
  auto all = fintech().resolve_all(names);
  ASSERT_EQ(all.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto one = fintech().resolve(names[i]);
    EXPECT_EQ(all[i].id, one.id);
    EXPECT_EQ(all[i].match, one.match);
    EXPECT_EQ(all[i].score, one.score);
  }
}

// A name written as the taxonomy writes it is resolved with the key the build folded: the same
// resolution, field for field, as folding it again (resolve_key(name, fold_key(name))). Every
// text of the fintech taxonomy, with an alias over it so that the alias path is taken too.
TEST(Normalize, VerbatimTaxonomyTextsResolveAsTheirFoldedKeys) {
  const materia::Taxonomy taxonomy = materia::Taxonomy::builtin("fintech-2024");
  materia::Alias alias;
  alias.name = "customer care";
  alias.target = taxonomy.issues.front().id;
  const materia::Normalizer normalizer(taxonomy, {alias});
  std::size_t texts = 0;
  for (const auto& issue : taxonomy.issues)
    for (const std::string* text : {&issue.name_zh, &issue.name_en, &issue.id}) {
      if (text->empty()) continue;
      ++texts;
      const materia::Resolution cached = normalizer.resolve(*text);
      const materia::Resolution folded = normalizer.resolve_key(*text, materia::fold_key(*text));
      EXPECT_EQ(cached.key, folded.key) << *text;
      EXPECT_EQ(cached.match, folded.match) << *text;
      EXPECT_EQ(cached.issue, folded.issue) << *text;
      EXPECT_EQ(cached.id, folded.id) << *text;
      EXPECT_EQ(cached.reason, folded.reason) << *text;
      EXPECT_EQ(cached.score, folded.score) << *text;
      EXPECT_EQ(cached.candidates.size(), folded.candidates.size()) << *text;
    }
  EXPECT_GT(texts, 250u);
  // A text that differs from the taxonomy's only by case or width is folded as before.
  EXPECT_EQ(normalizer.resolve("CUSTOMER CARE").id, taxonomy.issues.front().id);
}

TEST(Normalize, ConcurrentResolutionGivesTheSameAnswers) {
  std::vector<std::string> names;
  for (const NameCase& c : kCases)
    names.push_back(c.input);
  std::vector<materia::Resolution> expected;
  for (const auto& name : names)
    expected.push_back(fintech().resolve(name));
  std::vector<std::vector<materia::Resolution>> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round)
        for (std::size_t i = 0; i < names.size(); ++i)
          got[t].push_back(fintech().resolve(names[(i + t * 7) % names.size()]));
    });
  for (auto& thread : threads)
    thread.join();
  for (std::size_t t = 0; t < got.size(); ++t)
    for (std::size_t k = 0; k < got[t].size(); ++k) {
      const auto& e = expected[(k % names.size() + t * 7) % names.size()];
      EXPECT_EQ(got[t][k].id, e.id);
      EXPECT_EQ(got[t][k].score, e.score);
      EXPECT_EQ(got[t][k].reason, e.reason);
    }
}

TEST(Normalize, InvalidUtf8AndExtremeLengths) {
  try {
    fintech().resolve("数据\xFF");
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    EXPECT_NE(e.message().find("byte offset 6"), std::string::npos) << e.message();
  }
  auto empty = fintech().resolve("");
  EXPECT_EQ(empty.match, MatchKind::unmatched);
  EXPECT_EQ(empty.reason, "the name is empty");
  std::string long_name;
  while (long_name.size() < 30000)
    long_name += "数据安全与隐私保护";  // 10,000+ characters
  auto r = fintech().resolve(long_name.substr(0, 30000));
  EXPECT_EQ(r.match, MatchKind::unmatched);
  EXPECT_LT(r.score, 0.75);
  auto latin = fintech().resolve(std::string(10000, 'x'));
  EXPECT_EQ(latin.match, MatchKind::unmatched);
}

// ------------------------------------------------------------------------------------------------
// The synonym graph.

std::string error_of(const std::vector<materia::Alias>& aliases) {
  try {
    materia::Normalizer n(materia::Taxonomy::builtin("fintech-2024"), aliases);
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    return e.what();
  }
  return "";
}

TEST(SynonymGraph, AliasChainsAndTopics) {
  std::vector<materia::Alias> aliases = {
      {"隐私合规", "数据合规", "user", "a.csv:2"},
      {"数据合规", "data-security-and-privacy-protection", "user", "a.csv:3"},
      {"投诉处理", "消费者权益保护", "user", "a.csv:4"}};
  materia::Normalizer n(materia::Taxonomy::builtin("fintech-2024"), aliases);
  auto r = n.resolve("隱私合規");  // traditional form of an alias of an alias
  EXPECT_EQ(r.match, MatchKind::alias);
  EXPECT_EQ(r.id, "data-security-and-privacy-protection");
  EXPECT_EQ(n.resolve("投诉处理").id,
            "consumer-rights-protection");  // an alias to a topic, by name
}

TEST(SynonymGraph, JoiningTwoIssuesIsAnErrorThatPrintsTheChain) {
  std::string message = error_of({{"合规", "compliant-operations", "user", "a.csv:2"},
                                  {"合规", "compliance-and-risk-management", "user", "a.csv:3"}});
  EXPECT_NE(message.find("compliant-operations"), std::string::npos) << message;
  EXPECT_NE(message.find("compliance-and-risk-management"), std::string::npos) << message;
  EXPECT_NE(message.find("a.csv:2"), std::string::npos) << message;
  EXPECT_NE(message.find("a.csv:3"), std::string::npos) << message;
  EXPECT_NE(message.find("\"合规\""), std::string::npos) << message;

  // Three hops: 雇佣 <- 用工 <- 人员 -> 雇佣与多元化.
  message = error_of({{"用工", "雇佣", "user", "b.csv:2"},
                      {"人员", "用工", "user", "b.csv:3"},
                      {"人员", "employment-and-diversity", "user", "b.csv:4"}});
  for (const char* part : {"\"用工\"", "\"人员\"", "b.csv:2", "b.csv:3", "b.csv:4", "employment",
                           "employment-and-diversity"})
    EXPECT_NE(message.find(part), std::string::npos) << part << " in " << message;

  // An alias named like another canonical issue would steal it: the canonical name wins, error.
  message = error_of({{"透明度", "transparency-and-risk-management", "user", "c.csv:2"}});
  EXPECT_NE(message.find("transparency-and-risk-management"), std::string::npos) << message;
  // Joining an issue to a topic is an error too (aliases may target a topic, not merge into one).
  message = error_of({{"Customer service", "consumer-rights-protection", "user", "d.csv:2"}});
  EXPECT_NE(message.find("issues or topics"), std::string::npos) << message;
}

TEST(SynonymGraph, AliasThatLeadsNowhereIsAnError) {
  std::string message = error_of({{"火星", "月球", "user", "e.csv:2"}});
  EXPECT_NE(message.find("lead to no issue"), std::string::npos) << message;
  EXPECT_NE(message.find("月球"), std::string::npos) << message;
  message = error_of({{"a\xFF", "risk-management", "user", "e.csv:3"}});
  EXPECT_NE(message.find("e.csv:3"), std::string::npos) << message;
  EXPECT_NE(message.find("byte offset 1"), std::string::npos) << message;
}

TEST(SynonymGraph, TaxonomyWithTwoIssuesOfOneKeyIsRejected) {
  auto taxonomy = materia::Taxonomy::from_json_text(
      R"({"name":"t","issues":[{"id":"a","name_zh":"数据安全与隐私保护"},{"id":"b","name_zh":"數據安全及隱私保護"}]})",
      "t.json");
  try {
    materia::Normalizer n(taxonomy);
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_NE(std::string(e.what()).find("same match key"), std::string::npos) << e.what();
  }
}

// ------------------------------------------------------------------------------------------------
// Alias files and the review loop.

TEST(AliasFiles, CsvAndJson) {
  auto csv = materia::parse_aliases(
      "name,target\n数据合规,data-security-and-privacy-protection\n\"A, B\",risk-management\n",
      "x.csv", false);
  ASSERT_EQ(csv.size(), 2u);
  EXPECT_EQ(csv[1].name, "A, B");
  EXPECT_EQ(csv[1].source, "x.csv:3");
  auto json = materia::parse_aliases(
      R"({"aliases":[{"name":"数据合规","target":"data-governance"}]})", "y.json", true);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0].target, "data-governance");
  auto array = materia::parse_aliases(R"([{"name":"n","target":"t","kind":"k"}])", "z.json", true);
  EXPECT_EQ(array[0].kind, "k");
  EXPECT_THROW(materia::parse_aliases("alias,issue\nx,y\n", "bad.csv", false), materia::Error);
  EXPECT_THROW(materia::parse_aliases("name,target\nx,\n", "bad.csv", false), materia::Error);
  EXPECT_THROW(materia::parse_aliases(R"([{"name":"n"}])", "bad.json", true), materia::Error);
}

TEST(AliasFiles, ReviewRoundTrip) {
  const std::vector<std::string> names = {"清洁技术发展机遇", "Custmer service", "资源高效利用",
                                          "火星移民", "普惠金融"};
  std::vector<materia::ReviewItem> items;
  for (const auto& name : names)
    items.push_back({fintech().resolve(name), {"F01", "F07"}});
  std::string csv = materia::write_review_csv(items, 3);
  auto records = materia::detail::parse_csv(csv, ',', "review.csv");
  ASSERT_EQ(records.size(), names.size() + 1);
  const auto& header = records[0].fields;
  ASSERT_EQ(header.back(), "decision");
  ASSERT_EQ(header[4], "candidate_1");
  EXPECT_EQ(records[1].fields[0], "清洁技术发展机遇");
  EXPECT_EQ(records[1].fields[4], "opportunities-in-clean-technology");
  EXPECT_EQ(records[1].fields[header.size() - 4], "F01; F07");
  EXPECT_EQ(header[header.size() - 3], "name_en");
  EXPECT_EQ(header[header.size() - 2], "category");
  // The user decides: candidate 1, an id, "none", a canonical name, and leaves one undecided.
  const char* decisions[] = {"1", "customer-service", "none", "", "发展普惠金融"};
  std::string edited;
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto fields = records[i].fields;
    if (i > 0) fields.back() = decisions[i - 1];
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (k > 0) edited += ',';
      edited += materia::detail::csv_field(fields[k]);
    }
    edited += "\n";
  }
  auto aliases = materia::parse_aliases(edited, "review.csv", false);
  ASSERT_EQ(aliases.size(), 3u);
  EXPECT_EQ(aliases[0].target, "opportunities-in-clean-technology");
  EXPECT_EQ(aliases[0].source, "review.csv:2");
  materia::Normalizer reviewed(materia::Taxonomy::builtin("fintech-2024"), aliases);
  EXPECT_EQ(reviewed.resolve("清洁技术发展机遇").match, MatchKind::alias);
  EXPECT_EQ(reviewed.resolve("清洁技术发展机遇").id, "opportunities-in-clean-technology");
  EXPECT_EQ(reviewed.resolve("Custmer service").match, MatchKind::alias);
  EXPECT_EQ(reviewed.resolve("普惠金融").id, "developing-inclusive-finance");
  EXPECT_EQ(reviewed.resolve("资源高效利用").match, MatchKind::unmatched);  // decision "none"
  EXPECT_EQ(reviewed.resolve("火星移民").match, MatchKind::unmatched);      // undecided
  // A decision number with no candidate is an error naming the line.
  std::string bad = "input,decision\n信息安全,2\n";
  try {
    materia::parse_aliases(bad, "r.csv", false);
    FAIL();
  } catch (const materia::Error& e) {
    EXPECT_NE(std::string(e.what()).find("r.csv:2"), std::string::npos) << e.what();
  }
}

// ------------------------------------------------------------------------------------------------
// Analyze: fuzzy matches warn, --strict refuses them, aliases silence them, unmatched is an error.

materia::Dataset small_dataset(const std::vector<std::vector<std::string>>& lists) {
  materia::Dataset dataset;
  dataset.source = "mem.json";
  dataset.taxonomy = materia::Taxonomy::builtin("fintech-2024");
  for (std::size_t f = 0; f < lists.size(); ++f) {
    materia::FirmAssessment firm;
    firm.id = std::string("F").append(std::to_string(f + 1));
    for (const auto& name : lists[f]) {
      materia::Entry entry;
      entry.name = name;
      firm.entries.push_back(entry);
    }
    dataset.firms.push_back(firm);
  }
  return dataset;
}

TEST(AnalyzeNames, FuzzyMatchWarnsStrictRefusesAliasSilences) {
  auto dataset = small_dataset(
      {{"客户服务", "风险管理"}, {"Custmer service", "數據安全與隱私保護"}, {"Custmer service"}});
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse("quantile:2");
  auto result = materia::analyze(dataset, options);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("Custmer service"), std::string::npos) << result.warnings[0];
  EXPECT_NE(result.warnings[0].find("fuzzily"), std::string::npos);
  EXPECT_NE(result.warnings[0].find("F2, F3"), std::string::npos) << result.warnings[0];
  EXPECT_EQ(result.warning_kinds, std::vector{materia::WarningKind::fuzzy_match});
  const auto* service = result.find("customer-service");
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->attention, 3);
  EXPECT_EQ(service->merged_names, (std::vector<std::string>{"Custmer service", "客户服务"}));

  options.strict = true;
  try {
    materia::analyze(dataset, options);
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.context().firm, "F2");
    EXPECT_EQ(e.context().issue, "Custmer service");
  }
  options.aliases = {{"Custmer service", "customer-service", "user", "a.csv:2"}};
  auto strict_ok = materia::analyze(dataset, options);
  EXPECT_TRUE(strict_ok.warnings.empty());
}

TEST(AnalyzeNames, UnmatchedNameIsAnErrorWithItsClosestCandidate) {
  auto dataset = small_dataset({{"客户服务", "清洁技术发展机遇"}});
  try {
    materia::analyze(dataset, {});
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.context().issue, "清洁技术发展机遇");
    EXPECT_NE(e.message().find("清洁技术机遇"), std::string::npos) << e.message();
  }
}

TEST(AnalyzeNames, OpenVocabularyAliasesMergeNames) {
  auto dataset = small_dataset({{"员工关怀", "数据安全"}, {"員工關懷", "隐私保护"}});
  dataset.taxonomy = materia::Taxonomy::open_vocabulary();
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse("quantile:2");
  auto plain = materia::analyze(dataset, options);
  EXPECT_EQ(plain.issues.size(), 3u);  // 员工关怀 = 員工關懷 by key
  options.aliases = {{"隐私保护", "数据安全", "user", "a.csv:2"}};
  auto merged = materia::analyze(dataset, options);
  ASSERT_EQ(merged.issues.size(), 2u);
  const auto* security = merged.find("数据安全");
  ASSERT_NE(security, nullptr);
  EXPECT_EQ(security->attention, 2);
}

TEST(ClusterNames, GroupsVariantsAndKeepsOthersApart) {
  std::vector<std::string> names = {"数据安全与隐私保护", "数据安全与 隐私保护",
                                    "數據安全與隱私保護", "数据安全和隐私保护",
                                    "数据安全与隐私保户", "员工培训与发展",
                                    "员工培训与发展",     "员工培训及发展",
                                    "火星移民",           "雇佣",
                                    "雇佣与多元化"};
  auto clusters = materia::cluster_names(names, {}, 0.75);
  ASSERT_EQ(clusters.size(), 5u);
  EXPECT_EQ(clusters[0].name, "数据安全与隐私保护");
  EXPECT_EQ(clusters[0].members.size(), 5u);
  EXPECT_EQ(clusters[0].members[0].input, "数据安全与隐私保护");
  EXPECT_EQ(clusters[1].name, "员工培训与发展");  // used twice: the representative
  EXPECT_EQ(clusters[1].members.size(), 2u);
  std::set<std::string> singles;
  for (std::size_t c = 2; c < clusters.size(); ++c)
    singles.insert(clusters[c].name);
  EXPECT_EQ(singles, (std::set<std::string>{"火星移民", "雇佣", "雇佣与多元化"}));
  // An alias joins what similarity would not.
  auto joined = materia::cluster_names(names, {{"雇佣", "雇佣与多元化", "user", ""}}, 0.75);
  EXPECT_EQ(joined.size(), 4u);
  // Deterministic whatever the input order.
  std::vector<std::string> reversed(names.rbegin(), names.rend());
  auto again = materia::cluster_names(reversed, {}, 0.75);
  ASSERT_EQ(again.size(), clusters.size());
  for (std::size_t c = 0; c < clusters.size(); ++c)
    EXPECT_EQ(again[c].id, clusters[c].id);
}

// ------------------------------------------------------------------------------------------------
// Review decisions "new" and "drop", and alias targets by name.

TEST(ReviewDecisions, NewAndDropRowsBecomeAliasesOfThoseKinds) {
  const std::string review =
      "input,key,match,score,candidate_1,firms,name_en,category,decision\n"
      "元宇宙伦理,,unmatched,0.19,technology-ethics,F1,Metaverse ethics,g,new\n"
      "太空探索,,unmatched,0,,F1,,,DROP\n"
      "火星移民,,unmatched,0,,F2,,,none\n"
      "Quantum readiness,,unmatched,0,,F3,,,new\n";
  auto aliases = materia::parse_aliases(review, "r.csv", false);
  ASSERT_EQ(aliases.size(), 3u);  // "none" decides nothing
  EXPECT_EQ(aliases[0].kind, "new");
  EXPECT_EQ(aliases[0].name_en, "Metaverse ethics");
  EXPECT_EQ(aliases[0].category, materia::Category::governance);
  EXPECT_EQ(aliases[0].source, "r.csv:2");
  EXPECT_EQ(aliases[1].kind, "drop");
  EXPECT_EQ(aliases[1].name, "太空探索");
  EXPECT_EQ(aliases[2].kind, "new");

  materia::Normalizer n(materia::Taxonomy::builtin("fintech-2024"), aliases);
  const std::size_t built_in = materia::Taxonomy::builtin("fintech-2024").issues.size();
  ASSERT_EQ(n.taxonomy().issues.size(), built_in + 2);
  const materia::Issue& metaverse = n.taxonomy().issues[built_in];
  EXPECT_EQ(metaverse.id, "metaverse-ethics");  // from the English name
  EXPECT_EQ(metaverse.name_zh, "元宇宙伦理");
  EXPECT_EQ(metaverse.name_en, "Metaverse ethics");
  const materia::Issue& quantum = n.taxonomy().issues[built_in + 1];
  EXPECT_EQ(quantum.id, "quantum-readiness");  // an English name is the English name
  EXPECT_EQ(quantum.name_zh, "");
  EXPECT_EQ(quantum.name_en, "Quantum readiness");
  EXPECT_EQ(quantum.category, materia::Category::unspecified);

  auto r = n.resolve("元宇宙伦理");
  EXPECT_EQ(r.match, MatchKind::exact);
  EXPECT_EQ(r.id, "metaverse-ethics");
  EXPECT_EQ(n.resolve("Metaverse Ethics").id, "metaverse-ethics");  // its English name
  EXPECT_EQ(n.resolve("元宇宙倫理").id, "metaverse-ethics");        // folds to it
  auto dropped = n.resolve("太空探索");
  EXPECT_EQ(dropped.match, MatchKind::dropped);
  EXPECT_EQ(dropped.id, "");
  EXPECT_NE(dropped.reason.find("r.csv:3"), std::string::npos) << dropped.reason;
  EXPECT_EQ(n.resolve("火星移民").match, MatchKind::unmatched);
  // Without the decisions, nothing changes.
  EXPECT_EQ(fintech().resolve("元宇宙伦理").match, MatchKind::unmatched);
}

TEST(ReviewDecisions, BadDecisionsAreErrorsNamingTheLine) {
  auto message_of = [](const std::function<void()>& body) {
    try {
      body();
    } catch (const materia::Error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  std::string m = message_of([] {
    materia::parse_aliases("input,category,decision\n元宇宙伦理,X,new\n", "r.csv", false);
  });
  EXPECT_NE(m.find("r.csv:2"), std::string::npos) << m;
  EXPECT_NE(m.find("unknown category \"X\""), std::string::npos) << m;
  m = message_of([] {
    materia::parse_aliases(R"([{"name":"a","target":"risk-management","category":"E"}])", "a.json",
                           true);
  });
  EXPECT_NE(m.find("need the decision (or kind) \"new\""), std::string::npos) << m;
  // A new issue may not take the id of one the taxonomy has.
  m = message_of([] {
    materia::Normalizer(materia::Taxonomy::builtin("fintech-2024"),
                        {{"客户服务体系", "customer-service", "new", "a.csv:2"}});
  });
  EXPECT_NE(m.find("a.csv:2"), std::string::npos) << m;
  EXPECT_NE(m.find("\"customer-service\" is an id of taxonomy \"fintech-2024\""), std::string::npos)
      << m;
  // A name that is already an issue's cannot be a new one: the chain names both.
  m = message_of([] {
    materia::Normalizer(materia::Taxonomy::builtin("fintech-2024"),
                        {{"客户服务", "", "new", "a.csv:3"}});
  });
  EXPECT_NE(m.find("customer-service"), std::string::npos) << m;
  // JSON aliases of kind new and drop need no target.
  auto json = materia::parse_aliases(
      R"([{"name":"太空探索","kind":"drop"},{"name":"x","kind":"new","name_en":"X y","category":"S"}])",
      "o.json", true);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_TRUE(json[0].is_drop());
  EXPECT_EQ(json[1].category, materia::Category::social);
}

TEST(ReviewDecisions, AnalysisRanksTheNewIssueAndCountsTheDropped) {
  // F1 lists four names; 太空探索 is dropped, so F1 ranks three and F3 two (universe 3).
  materia::Dataset dataset =
      small_dataset({{"数据安全与隐私保护", "客户服务", "元宇宙伦理", "太空探索"},
                     {"客户服务", "元宇宙伦理", "数据安全与隐私保护"},
                     {"太空探索", "数据安全与隐私保护", "客户服务"}});
  materia::AnalyzeOptions options;
  options.strict = true;
  EXPECT_THROW(materia::analyze(dataset, options), materia::Error);  // unmatched names
  materia::Alias metaverse{"元宇宙伦理", "", "new", "r.csv:2"};
  metaverse.name_en = "Metaverse ethics";
  options.aliases = {metaverse, {"太空探索", "", "drop", "r.csv:3"}};
  options.tiers = materia::TierSpec::parse("quantile:2");
  const materia::Result result = materia::analyze(dataset, options);
  EXPECT_EQ(result.universe, 3u);
  ASSERT_EQ(result.issues.size(), 3u);
  // borda-normalized, N = 3: v = (N - r + 1) / N; unlisted under bottom: (N - k + 1) / (2N).
  const materia::IssueResult* added = result.find("metaverse-ethics");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->name, "元宇宙伦理");
  EXPECT_EQ(added->name_en, "Metaverse ethics");
  EXPECT_EQ(added->attention, 2);
  EXPECT_NEAR(added->score, (1.0 / 3 + 2.0 / 3 + 1.0 / 3) / 3, 1e-12);
  EXPECT_NEAR(result.find("data-security-and-privacy-protection")->score, (1 + 1.0 / 3 + 1) / 3,
              1e-12);
  EXPECT_NEAR(result.find("customer-service")->score, (2.0 / 3 + 1 + 2.0 / 3) / 3, 1e-12);
  EXPECT_EQ(result.dropped_names, std::vector<std::string>{"太空探索"});
  ASSERT_EQ(result.firms.size(), 3u);
  EXPECT_EQ(result.firms[0].listed, 3u);
  EXPECT_EQ(result.firms[2].listed, 2u);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(result.warning_kinds[0], materia::WarningKind::dropped_names);
  EXPECT_NE(result.warnings[0].find("\"太空探索\" (2 listings)"), std::string::npos)
      << result.warnings[0];
  // A firm left with no name is an error naming it.
  dataset.firms.push_back({});
  dataset.firms.back().id = "F4";
  dataset.firms.back().entries.push_back({});
  dataset.firms.back().entries.back().name = "太空探索";
  try {
    materia::analyze(dataset, options);
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.context().firm, "F4");
    EXPECT_NE(std::string(e.what()).find("dropped"), std::string::npos) << e.what();
  }
}

TEST(TaxonomyAliases, TargetsMayBeNamesButNotAmbiguousOnes) {
  const std::string issues =
      R"("issues":[{"id":"a","name_zh":"数据安全","name_en":"Data security"},)"
      R"({"id":"b","name_zh":"客户服务","name_en":"Customer service"}])";
  auto taxonomy = materia::Taxonomy::from_json_text(
      R"({"name":"t",)" + issues +
          R"(,"aliases":[{"name":"信息安全","target":"数据安全"},{"name":"Client service","target":"customer SERVICE"}]})",
      "t.json");
  materia::Normalizer n(taxonomy);
  EXPECT_EQ(n.resolve("信息安全").id, "a");
  EXPECT_EQ(n.resolve("Client service").id, "b");
  auto message_of = [&](const std::string& aliases) {
    try {
      materia::Taxonomy::from_json_text(R"({"name":"t",)" + issues + aliases + "}", "t.json");
    } catch (const materia::Error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  std::string m = message_of(R"(,"aliases":[{"name":"x","target":"火星"}])");
  EXPECT_NE(m.find("t.json"), std::string::npos) << m;
  EXPECT_NE(m.find("neither an id nor a name"), std::string::npos) << m;
  // Two issues of one name (a taxonomy the normalizer would refuse too): the alias names both.
  const std::string twice =
      R"({"name":"t","issues":[{"id":"a","name_en":"Safety"},{"id":"b","name_zh":"安全","name_en":"safety"}],)"
      R"("aliases":[{"name":"x","target":"SAFETY"}]})";
  try {
    materia::Taxonomy::from_json_text(twice, "t.json");
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_NE(std::string(e.what()).find("names two issues, \"a\" and \"b\""), std::string::npos)
        << e.what();
  }
}

TEST(ClusterNames, SynonymsOfATaxonomyJoinNamesAcrossLanguages) {
  materia::NormalizeOptions exact_only;
  exact_only.fuzzy = false;
  const materia::Normalizer synonyms(materia::Taxonomy::builtin("fintech-2024"), {}, exact_only);
  const std::vector<std::string> names = {"Data security and privacy protection",
                                          "数据安全与隐私保护",
                                          "數據安全與隱私保護",
                                          "客户服务",
                                          "Customer Service",
                                          "Customer services",
                                          "太空探索",
                                          "Space exploration"};
  auto clusters = materia::cluster_names(names, {}, 0.75, &synonyms);
  std::map<std::string, std::map<std::string, std::string>> via;  // cluster -> member -> via
  for (const auto& cluster : clusters)
    for (const auto& m : cluster.members)
      via[cluster.name][m.input] = m.via;
  // Listed synonyms join across languages, folding joins the traditional form, similarity the
  // plural; names the taxonomy does not know stay apart from their translation.
  using Members = std::map<std::string, std::string>;
  EXPECT_EQ(via.size(), 4u);
  EXPECT_EQ(via["数据安全与隐私保护"],  // its key is used twice: the representative
            (Members{{"数据安全与隐私保护", "representative"},
                     {"數據安全與隱私保護", "same key"},
                     {"Data security and privacy protection", "synonym in fintech-2024"}}));
  EXPECT_EQ(via["Customer Service"],  // one use each: the smallest key
            (Members{{"Customer Service", "representative"},
                     {"客户服务", "synonym in fintech-2024"},
                     {"Customer services", "similarity"}}));
  EXPECT_EQ(via["太空探索"], (Members{{"太空探索", "representative"}}));
  EXPECT_EQ(via["Space exploration"], (Members{{"Space exploration", "representative"}}));
  // Without the synonyms, the languages stay apart.
  EXPECT_EQ(materia::cluster_names(names, {}, 0.75).size(), 6u);
}

}  // namespace
