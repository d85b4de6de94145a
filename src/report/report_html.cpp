// report.html: one self-contained page (inline SVG, CSS and a little JS; nothing fetched).
#include <algorithm>
#include <cmath>
#include <string>

#include "analyze/result_table.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/output/output.hpp"
#include "materia/report/report.hpp"
#include "materia/stats/stats.hpp"
#include "materia/version.hpp"
#include "report/report_common.hpp"
#include "report/report_svg.hpp"

namespace materia {

namespace {

using report_detail::display_name;
using report_detail::fixed;
using report_detail::percent;
using report_detail::replace_all;
using report_detail::Words;
using report_detail::words;

constexpr std::string_view kStyle = R"css(
:root{--ink:#14213d;--text:#27313d;--muted:#5c6670;--line:#dde2e8;--soft:#f4f6f9;--accent:#e08a1e;
--e:#2f9e62;--s:#2f6db5;--g:#e08a1e}
*{box-sizing:border-box}
body{margin:0;background:#eef1f5;color:var(--text);font:14px/1.55 FONTS}
main{max-width:1080px;margin:0 auto;padding:0 0 48px}
header.cover{background:linear-gradient(120deg,#14213d 0%,#1f3a63 70%,#2b4f7e 100%);color:#fff;
padding:40px 48px 34px}
header.cover .eyebrow{font-size:12px;letter-spacing:.12em;text-transform:uppercase;opacity:.75}
header.cover h1{margin:6px 0 8px;font-size:30px;font-weight:700;letter-spacing:.01em}
header.cover p{margin:0;opacity:.85}
.notice{margin:18px 48px 0;padding:10px 14px;border-left:4px solid var(--accent);background:#fff7ea;
color:#6b4a12;font-size:13px}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:22px 48px 0}
.kpi{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.kpi .v{font-size:26px;font-weight:700;color:var(--ink);line-height:1.2}
.kpi .k{font-size:12px;color:var(--muted)}
.kpi.wide{grid-column:span 4;display:flex;gap:18px;align-items:baseline;flex-wrap:wrap}
.kpi.wide ol{margin:0;padding:0;list-style:none;display:flex;gap:10px;flex-wrap:wrap}
.kpi.wide li{background:var(--soft);border-radius:16px;padding:3px 12px;font-weight:600;color:var(--ink)}
.kpi.wide li b{color:var(--accent);margin-right:6px}
section{background:#fff;margin:22px 48px 0;border:1px solid var(--line);border-radius:8px;
padding:22px 26px}
section h2{margin:0 0 4px;font-size:19px;color:var(--ink)}
section h2 .no{color:var(--accent);margin-right:8px}
p.hint{margin:0 0 14px;color:var(--muted);font-size:13px}
figure{margin:14px 0 0;text-align:center}
figure svg{max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
#issue-table td{white-space:nowrap}#issue-table td:nth-child(3){white-space:normal}
th{background:var(--soft);color:var(--ink);font-weight:600;position:sticky;top:0;z-index:1}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th{white-space:nowrap}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th::after{content:"\2195";opacity:.3;margin-left:4px;font-size:11px}
table.sortable th[aria-sort=ascending]::after{content:"\2191";opacity:.9}
table.sortable th[aria-sort=descending]::after{content:"\2193";opacity:.9}
tbody tr:hover,tr.hl{background:#fff4e3}
.en{display:block;color:var(--muted);font-size:11px;line-height:1.25}
.tier{display:inline-block;min-width:26px;text-align:center;border-radius:10px;color:#fff;
font-weight:700;font-size:12px;padding:0 6px}
.esg{display:inline-block;width:22px;text-align:center;border-radius:4px;color:#fff;font-weight:700;
font-size:12px}
.esg.E{background:var(--e)}.esg.S{background:var(--s)}.esg.G{background:var(--g)}.esg.U{background:#8d949e}
.bar{display:inline-block;height:8px;background:#c7d2e0;border-radius:4px;vertical-align:middle;
margin-right:6px}
.chip{display:inline-block;margin:2px 4px 2px 0;padding:1px 8px;border-radius:11px;background:var(--soft);
border:1px solid var(--line);font-size:12.5px;white-space:nowrap}
.chip small{color:var(--muted);margin-left:4px}
.chip.fuzzy{background:#fff1dc;border-color:#f0b461}
.chip.unmatched{background:#fde8e6;border-color:#e79a92}
.badge{display:inline-block;font-size:10.5px;padding:0 5px;border-radius:3px;margin-left:4px;
background:#e6ebf1;color:#44505c;text-transform:uppercase;letter-spacing:.03em}
.badge.fuzzy{background:#e08a1e;color:#fff}
.badge.unstable{background:#c0392b;color:#fff;text-transform:none}
td.influential small{color:var(--muted)}
.scroll{overflow:auto;max-height:720px;border:1px solid var(--line);border-radius:6px}
table.heat{width:auto;font-size:12px}
table.heat th,table.heat td{border:1px solid #fff;padding:0}
table.heat thead th{height:92px;vertical-align:bottom;background:#fff}
table.heat thead th span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;
padding:4px 2px;font-weight:500;color:var(--muted);white-space:nowrap}
table.heat th.name{position:sticky;left:0;background:#fff;z-index:2;padding:2px 10px 2px 4px;
font-weight:500;white-space:nowrap;text-align:left}
table.heat td.c{width:20px;min-width:20px;height:18px}
table.heat td.total{padding:0 6px;color:var(--muted);text-align:right;background:#fff}
.h0{background:#f1f3f6}.h1{background:#14213d}.h2{background:#2b4f7e}.h3{background:#5b7fae}
.h4{background:#97b0d0}.h5{background:#cad7e8}
.legend{display:flex;gap:6px;align-items:center;font-size:12px;color:var(--muted);margin:10px 0 0}
.legend i{display:inline-block;width:16px;height:12px;border-radius:2px}
dl.params{display:grid;grid-template-columns:260px 1fr;gap:6px 18px;margin:10px 0 0}
dl.params dt{color:var(--muted)}dl.params dd{margin:0;color:var(--ink);font-weight:500}
footer{margin:22px 48px 0;color:var(--muted);font-size:12px;text-align:right}
@media print{body{background:#fff}section,.kpi{break-inside:avoid;border-color:#ccc}
.scroll{max-height:none;overflow:visible}}
)css";

// Sorting (click a header) and linking (hover a mark: its label, its twin and its row light up).
constexpr std::string_view kScript = R"js(
(function(){
document.querySelectorAll('table.sortable').forEach(function(table){
  var heads=table.querySelectorAll('thead th');
  heads.forEach(function(th,col){th.addEventListener('click',function(){
    var asc=th.getAttribute('aria-sort')!=='ascending';
    heads.forEach(function(h){h.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    var num=th.dataset.type==='num',body=table.tBodies[0],rows=Array.from(body.rows);
    rows.sort(function(a,b){
      var x=a.cells[col].dataset.v,y=b.cells[col].dataset.v;
      if(num){x=parseFloat(x);y=parseFloat(y);if(isNaN(x))x=-Infinity;if(isNaN(y))y=-Infinity;}
      return (x<y?-1:x>y?1:0)*(asc?1:-1);});
    rows.forEach(function(r){body.appendChild(r);});});});});
function mark(id,on){
  document.querySelectorAll('[data-issue="'+id+'"],[data-label-for="'+id+'"]').forEach(function(e){
    e.classList.toggle('hl',on);});}
document.querySelectorAll('svg .mx-mark').forEach(function(g){
  g.addEventListener('mouseenter',function(){mark(g.dataset.issue,true);});
  g.addEventListener('mouseleave',function(){mark(g.dataset.issue,false);});});
})();
)js";

std::string quadrant_word(const std::string& quadrant, const Words& w) {
  if (quadrant == "both") return std::string(w.quadrant_both);
  if (quadrant == "stakeholder") return std::string(w.quadrant_stakeholder);
  if (quadrant == "business") return std::string(w.quadrant_business);
  if (quadrant == "neither") return std::string(w.quadrant_neither);
  return quadrant;
}

std::string category_chip(Category category) {
  std::string code(category_code(category));
  return "<span class=\"esg " + (code.empty() ? std::string("U") : code) + "\">" +
         (code.empty() ? std::string("–") : code) + "</span>";
}

std::string tier_badge(int tier, int tiers) {
  return "<span class=\"tier\" style=\"background:" + report_detail::tier_colour(tier, tiers) +
         "\">" + std::to_string(tier) + "</span>";
}

std::string td_num(const std::string& shown, const std::string& sort_value) {
  return "<td class=\"num\" data-v=\"" + sort_value + "\">" + shown + "</td>";
}

std::string section_head(int number, std::string_view title, std::string_view hint) {
  std::string html = "<h2><span class=\"no\">" + std::to_string(number) + "</span>" +
                     xml_escape(title) + "</h2>\n";
  if (!hint.empty()) html += "<p class=\"hint\">" + xml_escape(hint) + "</p>\n";
  return html;
}

std::string ranking_table(const Result& result, const ReportOptions& options, int tiers) {
  const Words& w = words(options.language);
  std::string html = "<table class=\"sortable\" id=\"issue-table\">\n<thead><tr>";
  struct Head {
    std::string_view text;
    bool numeric;
  };
  const Head heads[] = {{w.rank, true},
                        {w.tier, true},
                        {w.issue, false},
                        {w.category, false},
                        {w.attention_share, true},
                        {w.score, true},
                        {w.importance, true},
                        {w.stakeholder, true},
                        {w.business, true},
                        {w.quadrant, false}};
  for (const auto& h : heads)
    html += std::string("<th") + (h.numeric ? " class=\"num\" data-type=\"num\"" : "") + ">" +
            xml_escape(h.text) + "</th>";
  const bool bootstrap = result.bootstrap_replicates > 0, influence = result.leave_one_out;
  if (bootstrap)
    html += "<th class=\"num\" data-type=\"num\">" + xml_escape(w.rank_interval) +
            "</th><th class=\"num\" data-type=\"num\">" + xml_escape(w.p_tier) + "</th>";
  if (influence) html += "<th>" + xml_escape(w.influential_firm) + "</th>";
  html += "</tr></thead>\n<tbody>\n";
  for (const auto& issue : result.issues) {
    const std::string& shown = display_name(issue, options.language);
    const std::string& other = options.language == ReportLanguage::en ? issue.name : issue.name_en;
    html += "<tr data-issue=\"" + xml_escape(issue.id) + "\">";
    html += td_num(std::to_string(issue.rank), std::to_string(issue.rank));
    html += "<td class=\"num\" data-v=\"" + std::to_string(issue.tier) + "\">" +
            tier_badge(issue.tier, tiers) + "</td>";
    html +=
        "<td data-v=\"" + xml_escape(shown) + "\">" + xml_escape(shown) +
        (other.empty() || other == shown ? ""
                                         : "<span class=\"en\">" + xml_escape(other) + "</span>") +
        "</td>";
    html += "<td data-v=\"" + std::string(category_code(issue.category)) + "\">" +
            category_chip(issue.category) + "</td>";
    double share = std::isfinite(issue.attention_share) ? issue.attention_share : 0.0;
    html += "<td class=\"num\" data-v=\"" + fixed(issue.attention_share, 6) +
            "\"><span class=\"bar\" style=\"width:" + fixed(share * 48, 1) + "px\"></span>" +
            std::to_string(issue.attention) + "/" + std::to_string(result.companies) + "</td>";
    html += td_num(fixed(issue.score, 4), fixed(issue.score, 8));
    html += td_num(fixed(issue.importance, 3), fixed(issue.importance, 8));
    html += td_num(fixed(issue.stakeholder, 3), fixed(issue.stakeholder, 8));
    html += td_num(fixed(issue.business, 3), fixed(issue.business, 8));
    html += "<td data-v=\"" + xml_escape(issue.quadrant) + "\">" +
            xml_escape(quadrant_word(issue.quadrant, w)) + "</td>";
    if (bootstrap) {
      html += "<td class=\"num interval\" data-v=\"" + fixed(issue.rank_low, 2) + "\">" +
              rank_text(issue.rank_low, 1) + "–" + rank_text(issue.rank_high, 1) + "</td>";
      const bool unstable = tier_unstable(issue);
      html +=
          "<td class=\"num p-tier\" data-v=\"" + fixed(own_tier_probability(issue), 4) + "\">" +
          percent(own_tier_probability(issue), 0) +
          (unstable ? "<span class=\"badge unstable\">" + xml_escape(w.unstable) + "</span>" : "") +
          "</td>";
    }
    if (influence) {
      html += "<td class=\"influential\" data-v=\"" + xml_escape(issue.influential_firm) + "\">";
      if (!issue.influential_firm.empty())
        html += xml_escape(issue.influential_firm) + " <small>(" +
                (issue.influential_shift > 0 ? "+" : "") + rank_text(issue.influential_shift, 1) +
                ")</small>";
      html += "</td>";
    }
    html += "</tr>\n";
  }
  html += "</tbody></table>\n";
  if (bootstrap) {
    const auto unstable =
        std::count_if(result.issues.begin(), result.issues.end(),
                      [](const IssueResult& issue) { return tier_unstable(issue); });
    html += "<p class=\"hint\" id=\"stability-note\">" +
            xml_escape(replace_all(replace_all(std::string(w.stability_note), "{b}",
                                               std::to_string(result.bootstrap_replicates)),
                                   "{n}", std::to_string(unstable))) +
            "</p>\n";
  }
  if (influence)
    html += "<p class=\"hint\" id=\"influence-note\">" + xml_escape(w.influence_note) + "</p>\n";
  return html;
}

// Kendall's W over the firms, Friedman's test, and the most and least typical firms.
std::string agreement_section(const Agreement& agreement, const ReportOptions& options) {
  const Words& w = words(options.language);
  const Concordance& c = agreement.concordance;
  auto firm_list = [&](auto begin, auto end) {
    std::string chips;
    for (auto it = begin; it != end; ++it)
      chips += "<span class=\"chip\">" + xml_escape(it->id) + "<small>ρ " + fixed(it->rho, 2) +
               "</small></span>";
    return chips;
  };
  const std::size_t shown = std::min<std::size_t>(3, agreement.typicality.size() / 2);
  const auto& firms = agreement.typicality;
  std::string html = "<dl class=\"params\" id=\"agreement-figures\">";
  html += "<dt>" + xml_escape(w.kendall_w) + "</dt><dd id=\"kendall-w\">" + fixed(c.w, 3) + "</dd>";
  html += "<dt>" + xml_escape(w.friedman) + "</dt><dd>χ² " + fixed(c.chi_square, 1) + ", df " +
          fixed(c.df, 0) + ", p " +
          (c.p_value < 1e-4 ? std::string("&lt; 0.0001") : fixed(c.p_value, 4)) + "</dd>";
  if (shown > 0) {
    html += "<dt>" + xml_escape(w.most_typical) + "</dt><dd id=\"most-typical\">" +
            firm_list(firms.begin(), firms.begin() + static_cast<std::ptrdiff_t>(shown)) + "</dd>";
    html += "<dt>" + xml_escape(w.least_typical) + "</dt><dd id=\"least-typical\">" +
            firm_list(firms.rbegin(), firms.rbegin() + static_cast<std::ptrdiff_t>(shown)) +
            "</dd>";
  }
  html += "</dl>\n";
  return html;
}

std::string topics_table(const Result& result, const ReportOptions& options, int tiers) {
  const Words& w = words(options.language);
  std::string html = "<table id=\"topic-table\"><thead><tr><th>" + xml_escape(w.topic) +
                     "</th><th>" + xml_escape(w.issue) + "</th><th class=\"num\">" +
                     xml_escape(w.stakeholder) + "</th><th class=\"num\">" +
                     xml_escape(w.business) + "</th><th class=\"num\">" + xml_escape(w.tier) +
                     "</th></tr></thead><tbody>\n";
  for (const auto& topic : result.topics) {
    std::string children;
    for (const auto& child_id : topic.children)
      if (const IssueResult* child = result.find(child_id))
        children += "<span class=\"chip\">" + xml_escape(display_name(*child, options.language)) +
                    "</span>";
    html += "<tr data-topic=\"" + xml_escape(topic.id) + "\"><td><b>" +
            xml_escape(display_name(topic, options.language)) + "</b> " +
            category_chip(topic.category) + "</td><td>" + children + "</td>" +
            td_num(fixed(topic.stakeholder, 3), "") + td_num(fixed(topic.business, 3), "") +
            "<td class=\"num\">" + tier_badge(topic.tier, tiers) + "</td></tr>\n";
  }
  html += "</tbody></table>\n";
  return html;
}

std::string review_table(const Result& result, const ReportOptions& options) {
  const Words& w = words(options.language);
  std::optional<Normalizer> normalizer;
  if (options.taxonomy) normalizer.emplace(*options.taxonomy);
  std::string rows;
  for (const auto& issue : result.issues) {
    const auto names = report_detail::firms_per_name(issue, result);
    bool variant =
        names.size() > 1 || (names.size() == 1 && result.names[names[0].first] != issue.name);
    if (!variant) continue;
    std::string chips, matches;
    bool fuzzy = false;
    for (const auto& [name, count] : names) {
      const std::string& raw = result.names.at(name);
      std::string kind;
      std::string reason;
      if (normalizer) {
        Resolution resolution = normalizer->resolve(raw);
        kind = std::string(match_kind_name(resolution.match));
        reason = resolution.reason;
        if (resolution.match == MatchKind::fuzzy) {
          fuzzy = true;
          reason = std::string(w.review_flag_fuzzy) + " (" + fixed(resolution.score, 2) + ")" +
                   (reason.empty() ? "" : ": " + reason);
        }
      }
      chips += "<span class=\"chip" + (kind == "fuzzy" || kind == "unmatched" ? " " + kind : "") +
               "\"" + (reason.empty() ? "" : " title=\"" + xml_escape(reason) + "\"") + ">" +
               xml_escape(raw) + "<small>×" + std::to_string(count) + "</small>" +
               (kind.empty() || kind == "exact"
                    ? ""
                    : "<span class=\"badge " + kind + "\">" + kind + "</span>") +
               "</span>";
    }
    rows += std::string("<tr data-issue=\"") + xml_escape(issue.id) + "\"" +
            (fuzzy ? " class=\"flag-fuzzy\"" : "") + "><td><b>" +
            xml_escape(display_name(issue, options.language)) + "</b><span class=\"en\">" +
            xml_escape(issue.id) + "</span></td><td>" + chips + "</td><td class=\"num\">" +
            std::to_string(names.size()) + "</td></tr>\n";
  }
  if (rows.empty()) return "<p>" + xml_escape(w.review_none) + "</p>\n";
  return "<table id=\"review-table\"><thead><tr><th>" + xml_escape(w.review_canonical) +
         "</th><th>" + xml_escape(w.review_names) +
         "</th><th class=\"num\">#</th></tr></thead><tbody>\n" + rows + "</tbody></table>\n";
}

std::string coverage_heatmap(const Result& result, const ReportOptions& options) {
  const Words& w = words(options.language);
  const std::size_t firm_count = std::min(result.firms.size(), options.max_heatmap_firms);
  const std::size_t issue_count = std::min(result.issues.size(), options.max_heatmap_issues);
  std::string html;
  if (firm_count < result.firms.size())
    html +=
        "<p class=\"hint\">" +
        xml_escape(replace_all(replace_all(std::string(w.coverage_cut), "{shown}",
                                           std::to_string(firm_count) + " " + std::string(w.firms)),
                               "{total}", std::to_string(result.firms.size()))) +
        "</p>";
  if (issue_count < result.issues.size())
    html += "<p class=\"hint\">" +
            xml_escape(replace_all(
                replace_all(std::string(w.coverage_cut), "{shown}",
                            std::to_string(issue_count) + " " + std::string(w.issues_word)),
                "{total}", std::to_string(result.issues.size()))) +
            "</p>";
  html +=
      "<div class=\"scroll\"><table class=\"heat\" id=\"coverage\"><thead><tr><th "
      "class=\"name\"></th>";
  for (std::size_t f = 0; f < firm_count; ++f) {
    const auto& firm = result.firms[f];
    html += "<th title=\"" +
            xml_escape(firm.name.empty() ? firm.id : firm.name + " · " + firm.segment) +
            "\"><span>" + xml_escape(firm.id) + "</span></th>";
  }
  html += "<th><span>Σ</span></th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < issue_count; ++i) {
    const IssueResult& issue = result.issues[i];
    const std::string& shown = display_name(issue, options.language);
    std::vector<const Listing*> by_firm(firm_count, nullptr);
    for (const auto& listing : issue.listings)
      if (listing.firm < firm_count) by_firm[listing.firm] = &listing;
    html += "<tr data-issue=\"" + xml_escape(issue.id) + "\"><th class=\"name\">" +
            xml_escape(shown) + "</th>";
    for (std::size_t f = 0; f < firm_count; ++f) {
      const auto& firm = result.firms[f];
      const Listing* listing = by_firm[f];
      if (!listing) {
        html += "<td class=\"c h0\" title=\"" +
                xml_escape(firm.id + " · " + shown + " · " + std::string(w.coverage_not_listed)) +
                "\"></td>";
        continue;
      }
      // Quintile of the firm's own list: 1 = its top fifth.
      double listed = static_cast<double>(std::max<std::size_t>(firm.listed, 1));
      int bucket =
          std::clamp(static_cast<int>(std::ceil(5.0 * listing->rank / listed - 1e-9)), 1, 5);
      html += "<td class=\"c h" + std::to_string(bucket) + "\" title=\"" +
              xml_escape(firm.id + " · " + shown + " · " + std::string(w.rank) + " " +
                         fixed(listing->rank, listing->rank == std::floor(listing->rank) ? 0 : 1) +
                         "/" + std::to_string(firm.listed) + " · “" +
                         result.names.at(listing->name) + "”") +
              "\"></td>";
    }
    html += "<td class=\"total\">" + std::to_string(issue.attention) + "</td></tr>\n";
  }
  html += "</tbody><tfoot><tr><th class=\"name\">Σ</th>";
  for (std::size_t f = 0; f < firm_count; ++f)
    html += "<td class=\"total\" style=\"padding:0;text-align:center\">" +
            std::to_string(result.firms[f].listed) + "</td>";
  html += "<td></td></tr></tfoot></table></div>\n";
  html += "<div class=\"legend\"><span>" + xml_escape(w.coverage_top) +
          "</span><i class=\"h1\"></i><i class=\"h2\"></i><i class=\"h3\"></i><i class=\"h4\"></i>"
          "<i class=\"h5\"></i><span>" +
          xml_escape(w.coverage_bottom) +
          "</span><i class=\"h0\" style=\"margin-left:14px\"></i><span>" +
          xml_escape(w.coverage_not_listed) + "</span></div>\n";
  return html;
}

std::string method_section(const Result& result, const ReportOptions& options) {
  const Words& w = words(options.language);
  auto row = [](std::string_view key, const std::string& value) {
    return "<dt>" + xml_escape(key) + "</dt><dd>" + value + "</dd>";
  };
  std::string breaks;
  for (double b : result.tier_breaks)
    breaks += (breaks.empty() ? "" : " · ") + fixed(b, 4);
  std::string html = "<dl class=\"params\">";
  std::string_view description = report_detail::method_description(result.method, options.language);
  html += row(w.method, "<code>" + xml_escape(result.method) + "</code>" +
                            (description.empty() ? "" : " — " + xml_escape(description)));
  html += row(w.tiers_spec, "<code>" + xml_escape(result.tiers) + "</code>");
  html += row(w.tier_breaks, breaks.empty() ? "–" : breaks);
  html += row(w.gvf, fixed(result.gvf, 3));
  html += row(w.direction, xml_escape(result.higher_is_better ? w.higher_better : w.lower_better));
  html += row(w.companies, std::to_string(result.companies));
  html += row(w.universe, std::to_string(result.universe));
  html +=
      row(w.taxonomy,
          xml_escape(result.taxonomy) +
              (result.taxonomy_version.empty() ? "" : " " + xml_escape(result.taxonomy_version)));
  html += row(w.thresholds,
              fixed(result.stakeholder_threshold, 2) + " / " + fixed(result.business_threshold, 2));
  html += row(w.version, xml_escape(version_string()));
  if (!result.warnings.empty()) {
    std::string list;
    for (const auto& warning : result.warnings)
      list += xml_escape(warning) + "<br>";
    html += row(w.warnings, list);
  }
  html += "</dl>\n";
  return html;
}

}  // namespace

namespace report_detail {

std::string page_style() {
  return replace_all(std::string(kStyle), "FONTS", std::string(kFontStack));
}

std::string_view page_script() {
  return kScript;
}

}  // namespace report_detail

std::string report_html(const Result& result, const ReportOptions& options) {
  detail::require_listings(result, "the HTML report (its review table and coverage heatmap)");
  const Words& w = words(options.language);
  const int tiers = std::max(1, report_detail::tier_count(result));
  std::string html;
  html.reserve(512 * 1024);
  html += "<!DOCTYPE html>\n<html lang=\"";
  html += options.language == ReportLanguage::en ? "en" : "zh-CN";
  html +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"materia " +
      version_string() + "\">\n<title>" + xml_escape(w.report_title) + " · " +
      xml_escape(result.taxonomy) + "</title>\n<style>" +
      replace_all(std::string(kStyle), "FONTS", std::string(report_detail::kFontStack)) +
      "</style>\n</head>\n<body>\n<main>\n";

  // Cover.
  html += "<header class=\"cover\"><div class=\"eyebrow\">materia · " +
          xml_escape(result.taxonomy) +
          (result.taxonomy_version.empty() ? "" : " " + xml_escape(result.taxonomy_version)) +
          "</div><h1>" + xml_escape(w.report_title) + "</h1><p>" +
          xml_escape(report_detail::subtitle(result, options, options.source)) + "</p></header>\n";
  if (result.synthetic_input)
    html += "<div class=\"notice\" id=\"synthetic-notice\">" + xml_escape(w.synthetic_notice) +
            "</div>\n";

  // Key figures.
  std::vector<int> per_tier(static_cast<std::size_t>(tiers), 0);
  for (const auto& issue : result.issues)
    if (issue.tier >= 1) ++per_tier[static_cast<std::size_t>(issue.tier - 1)];
  std::string tier_text;
  for (int count : per_tier)
    tier_text += (tier_text.empty() ? "" : " / ") + std::to_string(count);
  html += "<div class=\"kpis\">";
  html += "<div class=\"kpi\"><div class=\"v\">" + std::to_string(result.companies) +
          "</div><div class=\"k\">" + xml_escape(w.key_firms) + "</div></div>";
  html += "<div class=\"kpi\"><div class=\"v\">" + std::to_string(result.issues.size()) +
          "</div><div class=\"k\">" + xml_escape(w.key_issues) + "</div></div>";
  html += "<div class=\"kpi\"><div class=\"v\">" + std::to_string(result.names.size()) + " → " +
          std::to_string(result.issues.size()) + "</div><div class=\"k\">" +
          xml_escape(w.key_names) + "</div></div>";
  html += "<div class=\"kpi\"><div class=\"v\">" + tier_text + "</div><div class=\"k\">" +
          xml_escape(w.key_tiers) + "</div></div>";
  std::vector<const IssueResult*> top = double_materiality_ranking(result);
  if (!top.empty()) {
    html += "<div class=\"kpi wide\"><div class=\"k\">" + xml_escape(w.key_top5) +
            "</div><ol id=\"top-five\">";
    for (std::size_t i = 0; i < std::min<std::size_t>(5, top.size()); ++i)
      html += "<li><b>" + std::to_string(i + 1) + "</b>" +
              xml_escape(display_name(*top[i], options.language)) + "</li>";
    html += "</ol></div>";
  }
  html += "</div>\n";

  int number = 0;
  html += "<section id=\"matrices\">" + section_head(++number, w.section_matrices, "") +
          "<figure>" + double_materiality_svg(result, options) + "</figure>\n<figure>" +
          composite_svg(result, options) + "</figure>\n</section>\n";
  html += "<section id=\"ranking\">" + section_head(++number, w.section_table, w.table_hint) +
          ranking_table(result, options, tiers) + "</section>\n";
  if (!result.topics.empty())
    html += "<section id=\"topics\">" + section_head(++number, w.section_topics, "") +
            topics_table(result, options, tiers) + "</section>\n";
  if (result.companies >= 2 && result.issues.size() >= 2)
    html += "<section id=\"agreement\">" +
            section_head(++number, w.section_agreement, w.agreement_hint) +
            agreement_section(firm_agreement(result), options) + "</section>\n";
  html += "<section id=\"review\">" + section_head(++number, w.section_review, w.review_hint) +
          review_table(result, options) + "</section>\n";
  html += "<section id=\"coverage-section\">" +
          section_head(++number, w.section_coverage, w.coverage_hint) +
          coverage_heatmap(result, options) + "</section>\n";
  html += "<section id=\"method\">" + section_head(++number, w.section_method, "") +
          method_section(result, options) + "</section>\n";
  html +=
      "<footer>" + xml_escape(w.generated_by) + " " + xml_escape(version_string()) + "</footer>\n";
  html += "</main>\n<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace materia
