// Match keys (text.hpp): each folding step on hand-written inputs, idempotence, thread safety,
// invalid UTF-8 with its byte offset, and names of 0 and 10,000 characters.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include <unicode/utf8.h>

#include "materia/error.hpp"
#include "materia/model/taxonomy.hpp"
#include "materia/text/text.hpp"

namespace {

using materia::fold_key;

TEST(FoldKey, NfkcAndFullCaseFolding) {
  EXPECT_EQ(fold_key("ＥＳＧ治理"), "esg治理");  // full-width letters
  EXPECT_EQ(fold_key("ESG治理"), "esg治理");
  EXPECT_EQ(fold_key("Straße"), "strasse");             // full case folding: ß -> ss
  EXPECT_EQ(fold_key("ΣΊΣΥΦΟΣ"), fold_key("σίσυφος"));  // final sigma folds like sigma
  EXPECT_EQ(fold_key("议题０００１"), "议题0001");      // full-width digits
  EXPECT_EQ(fold_key("ﬁnance"), "finance");             // compatibility ligature
}

TEST(FoldKey, TraditionalBecomesSimplified) {
  EXPECT_EQ(fold_key("數據安全與隱私保護"), "数据安全&隐私保护");
  EXPECT_EQ(fold_key("員工培訓與發展"), "员工培训&发展");
  EXPECT_EQ(fold_key("僱傭"), "雇佣");            // Hong Kong form of 雇佣
  EXPECT_EQ(fold_key("綫上服務"), "线上服务");    // Hong Kong variant 綫
  EXPECT_EQ(fold_key("臺灣"), fold_key("台湾"));  // Taiwan variant
  EXPECT_EQ(fold_key("資訊安全"), "信息安全");    // Taiwan term (TWPhrasesRev)
  EXPECT_EQ(fold_key("网络安全"), fold_key("網路安全"));
  EXPECT_EQ(fold_key("资讯"), "资讯");  // simplified text is never rewritten by term
  EXPECT_EQ(materia::to_simplified("應對氣候變化"), "应对气候变化");
}

TEST(FoldKey, WhitespaceNextToCjkIsRemovedElsewhereCollapsed) {
  EXPECT_EQ(fold_key("数据安全与 隐私保护"), fold_key("数据安全与隐私保护"));
  EXPECT_EQ(fold_key("促进行业发 展与共赢"), fold_key("促进行业发展与共赢"));  // inside a word
  EXPECT_EQ(fold_key("ESG 治理"), "esg治理");
  EXPECT_EQ(fold_key("议题 0001"), "议题0001");
  EXPECT_EQ(fold_key("  Risk \t  management \n"), "risk management");
  EXPECT_EQ(fold_key("数据安全与\u3000隐私保护"),
            fold_key("数据安全与隐私保护"));        // ideographic space
  EXPECT_EQ(fold_key("ESG\u00A0治理"), "esg治理");  // no-break space
  EXPECT_EQ(fold_key("数据安全\u200B与隐私保护"),
            fold_key("数据安全与隐私保护"));  // zero-width space
  EXPECT_EQ(fold_key("data\nsecurity"), "data security");
}

TEST(FoldKey, PunctuationUnified) {
  EXPECT_EQ(fold_key("员工平等机会，多元化及包容性"), fold_key("员工平等机会、多元化及包容性"));
  EXPECT_EQ(fold_key("响应“双碳”战略"), "响应双碳战略");  // quotation marks dropped
  EXPECT_EQ(fold_key("《数据治理》"), "数据治理");        // title marks dropped
  EXPECT_EQ(fold_key("【ESG】治理"), "[esg]治理");
  EXPECT_EQ(fold_key("anti—fraud"), "anti-fraud");   // em dash
  EXPECT_EQ(fold_key("anti－fraud"), "anti-fraud");  // full-width hyphen-minus
  EXPECT_EQ(fold_key("（ESG）治理"), "(esg)治理");   // full-width parentheses
  EXPECT_EQ(fold_key("women’s rights"), "womens rights");
}

TEST(FoldKey, ConnectorsFoldedForTheKeyOnly) {
  const std::string key = fold_key("透明度和风险管理");
  EXPECT_EQ(key, "透明度&风险管理");
  for (const char* variant :
       {"透明度与风险管理", "透明度及风险管理", "透明度、风险管理", "透明度&风险管理",
        "透明度以及风险管理", "透明度 和 风险管理", "透明度/风险管理"})
    EXPECT_EQ(fold_key(variant), key) << variant;
  EXPECT_EQ(fold_key("Transparency and risk management"), "transparency & risk management");
  EXPECT_EQ(fold_key("Transparency & Risk Management"), "transparency & risk management");
  EXPECT_EQ(fold_key("Diversity, equity, and inclusion"), "diversity & equity & inclusion");
  EXPECT_EQ(fold_key("Diversity, equity and inclusion"), "diversity & equity & inclusion");
}

TEST(FoldKey, ConnectorCharactersInsideWordsStay) {
  // Dictionary segmentation keeps 参与, 普及, 和谐 whole; a connector at an end connects nothing.
  EXPECT_EQ(fold_key("员工参与"), "员工参与");
  EXPECT_EQ(fold_key("普及金融知识"), "普及金融知识");
  EXPECT_EQ(fold_key("和谐社区"), "和谐社区");
  EXPECT_EQ(fold_key("助力产业链碳中和"), "助力产业链碳中和");
  EXPECT_EQ(fold_key("brand"), "brand");  // "and" only as a whole word
  EXPECT_EQ(fold_key("and"), "and");
}

TEST(FoldKey, SkippingUnchangedTextNeverSkipsAConversion) {
  // fold_key converts only text holding a "witness" character of OpenCC's dictionaries. Were a
  // convertible text skipped, its key would differ from the key of its converted form. Checked
  // for every CJK unified ideograph alone and for every two-character piece of the taxonomy's
  // names and aliases in their traditional forms.
  for (UChar32 c = 0x4E00; c <= 0x9FFF; ++c) {
    char buffer[4];
    std::string one;
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, c, error);
    ASSERT_FALSE(error);
    one.assign(buffer, static_cast<std::size_t>(length));
    ASSERT_EQ(fold_key(one), fold_key(materia::to_simplified(one))) << one;
  }
  auto taxonomy = materia::Taxonomy::builtin("fintech-2024");
  std::vector<std::string> texts;
  for (const auto& alias : taxonomy.aliases)
    texts.push_back(alias.name);
  for (const auto& text : texts) {
    std::u32string chars;
    for (std::size_t i = 0; i < text.size();) {
      UChar32 c;
      U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, text.size(), c);
      chars.push_back(static_cast<char32_t>(c));
    }
    for (std::size_t i = 0; i + 1 < chars.size(); ++i) {
      std::string piece;
      for (std::size_t k = i; k < i + 2; ++k) {
        char buffer[4];
        int32_t length = 0;
        UBool error = false;
        U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, static_cast<UChar32>(chars[k]),
                  error);
        ASSERT_FALSE(error);
        piece.append(buffer, static_cast<std::size_t>(length));
      }
      EXPECT_EQ(fold_key(piece), fold_key(materia::to_simplified(piece))) << piece;
    }
  }
}

TEST(FoldKey, IsIdempotent) {
  for (const char* name :
       {"數據安全與隱私保護", "ＥＳＧ 治理", "Diversity, Equity, and Inclusion",
        "员工平等机会，多元化及包容性", "响应“双碳”战略", "  a   b  ", "data-security-and-privacy",
        "【ESG】治理", "助力产业链碳中和", "透明度 & 风险管理", "Straße 与 Data", "薴麻"}) {
    std::string once = fold_key(name);
    EXPECT_EQ(fold_key(once), once) << name;
  }
}

TEST(FoldKey, RejectsInvalidUtf8WithTheByteOffset) {
  auto offset_of = [](const std::string& text) -> std::string {
    try {
      fold_key(text);
    } catch (const materia::Error& e) {
      EXPECT_EQ(e.kind(), materia::ErrorKind::input);
      return e.message();
    }
    return "no error";
  };
  EXPECT_NE(offset_of("ab\xFF"
                      "cd")
                .find("byte offset 2"),
            std::string::npos);
  EXPECT_NE(offset_of("数\xE6\x8D").find("byte offset 3"), std::string::npos);      // truncated 据
  EXPECT_NE(offset_of("\xC0\xAF").find("byte offset 0"), std::string::npos);        // overlong '/'
  EXPECT_NE(offset_of("ok\xED\xA0\x80").find("byte offset 2"), std::string::npos);  // surrogate
  EXPECT_NE(offset_of("ab\xFF").find("0xFF"), std::string::npos);
}

TEST(FoldKey, EmptyAndVeryLongNames) {
  EXPECT_EQ(fold_key(""), "");
  EXPECT_EQ(fold_key(std::string(10000, ' ')), "");
  std::string latin(10000, 'A');
  EXPECT_EQ(fold_key(latin), std::string(10000, 'a'));
  std::string cjk;
  for (int i = 0; i < 10000; ++i)
    cjk += (i % 2 ? "數" : "据");
  std::string key = fold_key(cjk);
  std::string expected;
  for (int i = 0; i < 10000; ++i)
    expected += (i % 2 ? "数" : "据");
  EXPECT_EQ(key, expected);
}

TEST(FoldKey, ThreadSafeAndDeterministic) {
  const std::vector<std::string> names = {"數據安全與隱私保護", "員工培訓與發展",
                                          "ＥＳＧ 治理",        "Transparency and risk management",
                                          "僱傭與多元化",       "透明度及风险管理"};
  std::vector<std::string> expected;
  for (const auto& n : names)
    expected.push_back(fold_key(n));
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round)
        for (const auto& n : names)
          got[t].push_back(fold_key(n));
    });
  for (auto& thread : threads)
    thread.join();
  for (const auto& list : got)
    for (std::size_t i = 0; i < list.size(); ++i)
      EXPECT_EQ(list[i], expected[i % names.size()]);
}

}  // namespace

// prepare_folding loads the dictionaries ahead of the first fold: from several threads at once,
// while others fold, it changes no key.
TEST(FoldKey, ConcurrentPreparingAndFoldingGiveTheSameKeys) {
  const std::vector<std::string> names = {"資訊安全", "數據安全與 隱私保護", "ＥＳＧ 治理",
                                          "参与社区", "Climate & Energy"};
  const std::vector<std::string> expected = {"信息安全", "数据安全&隐私保护", "esg治理", "参与社区",
                                             "climate & energy"};
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> keys(4);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      if (t % 2 == 0) {
        materia::prepare_folding();
      } else {
        for (const auto& name : names)
          keys[static_cast<std::size_t>(t / 2)].push_back(materia::fold_key(name));
      }
    });
  for (auto& thread : threads)
    thread.join();
  for (const auto& folded : keys)
    EXPECT_EQ(folded, expected);
  materia::prepare_folding();  // again: nothing to do
  EXPECT_EQ(materia::fold_key(names[0]), expected[0]);
}
