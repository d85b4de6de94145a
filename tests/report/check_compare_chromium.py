"""compare.html or benchmark.html in headless Chromium: a mark for every issue the page's table
lists (the slope chart: every shown issue, the others counted in its caption), labels that overlap
neither each other nor a mark as the browser lays them out, and a screenshot.

    check_compare_chromium.py DIR KIND [--chromium PATH] [--shots DIR]

KIND is "compare" (DIR holds compare.html, slope.svg, arrows.svg) or "benchmark" (benchmark.html,
benchmark.svg). As check_chromium.py does, the page is copied with a measuring script appended and
Chromium's --dump-dom returns the measurements."""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument("dir")
parser.add_argument("kind", choices=("compare", "benchmark"))
parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
parser.add_argument("--shots", default=None, help="screenshot folder (default DIR/screenshots)")
args = parser.parse_args()
assert args.chromium, "chromium not found"
shots = args.shots or os.path.join(args.dir, "screenshots")
os.makedirs(shots, exist_ok=True)
page_name = "compare.html" if args.kind == "compare" else "benchmark.html"
charts = ["slope", "arrows"] if args.kind == "compare" else ["benchmark"]

MEASURE = r"""
<script>
(function(){
function measure(svg){
  var labels=Array.from(svg.querySelectorAll('text.mx-label'));
  var marks=Array.from(svg.querySelectorAll('.mx-mark circle'));
  var overlaps=[],covers=[],wider=[];
  var boxes=labels.map(function(t){return t.getBBox();});
  for(var i=0;i<boxes.length;i++){
    var a=boxes[i];
    for(var j=i+1;j<boxes.length;j++){var b=boxes[j];
      if(a.x<b.x+b.width-0.5&&b.x<a.x+a.width-0.5&&a.y<b.y+b.height-0.5&&b.y<a.y+a.height-0.5)
        overlaps.push([labels[i].textContent,labels[j].textContent,[a.x,a.y,a.width,a.height],[b.x,b.y,b.width,b.height]]);}
    marks.forEach(function(c){
      var cx=c.cx.baseVal.value,cy=c.cy.baseVal.value,r=c.r.baseVal.value;
      var px=Math.max(a.x,Math.min(cx,a.x+a.width)),py=Math.max(a.y+1,Math.min(cy,a.y+a.height-1));
      if((px-cx)*(px-cx)+(py-cy)*(py-cy)<(r-0.5)*(r-0.5))
        covers.push([labels[i].textContent,c.parentNode.dataset.issue]);});
    var planned=parseFloat(labels[i].dataset.box.split(' ')[2]);
    if(labels[i].getComputedTextLength()>planned+0.5)
      wider.push([labels[i].textContent,labels[i].getComputedTextLength(),planned]);
  }
  var hidden=svg.querySelector('.cmp-hidden');
  return {marks:Array.from(svg.querySelectorAll('g.mx-mark')).map(function(e){return e.dataset.issue;}),
          significant:Array.from(svg.querySelectorAll('g.mx-mark[data-significant=true]')).map(
            function(e){return e.dataset.issue;}),
          hidden:hidden?parseInt(hidden.dataset.hidden):0,
          firm_points:svg.querySelectorAll('circle.bm-firm').length,
          labels:labels.length,overlaps:overlaps,covers:covers,wider:wider,
          font:labels.length?getComputedStyle(labels[0]).fontFamily:''};
}
var out={charts:{},
         table:Array.from(document.querySelectorAll('#issue-table tbody tr')).map(function(r){return r.dataset.issue;}),
         significant:Array.from(document.querySelectorAll('#issue-table tbody tr.sig')).map(function(r){return r.dataset.issue;}),
         external:Array.from(document.querySelectorAll('[src],link[href]')).length};
CHARTS.forEach(function(id){var svg=document.getElementById(id);out.charts[id]=svg?measure(svg):null;});
var pre=document.createElement('pre');pre.id='materia-test';pre.textContent=JSON.stringify(out);
document.body.appendChild(pre);
})();
</script>
""".replace("CHARTS", json.dumps(charts))

work = tempfile.mkdtemp(prefix="materia-chromium-")
try:
    page = open(os.path.join(args.dir, page_name), encoding="utf-8").read()
    assert "</body>" in page
    harness = os.path.join(work, "harness.html")
    open(harness, "w", encoding="utf-8").write(page.replace("</body>", MEASURE + "</body>"))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
             "--user-data-dir=" + os.path.join(work, "profile")]
    dom = subprocess.run([args.chromium, *flags, "--virtual-time-budget=5000", "--dump-dom",
                          "file://" + harness], capture_output=True, timeout=120, text=True).stdout
    match = re.search(r'<pre id="materia-test">(.*?)</pre>', dom, re.S)
    assert match, "the measuring script did not run:\n" + dom[-2000:]
    result = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&")
                        .replace("&lt;", "<").replace("&gt;", ">"))

    expected = result["table"]
    assert expected and len(set(expected)) == len(expected), "the table lists each issue once"
    assert result["external"] == 0, "nothing is fetched"
    for chart in charts:
        m = result["charts"][chart]
        assert m is not None, f"{chart}: not in the page"
        marks = m["marks"]
        assert len(set(marks)) == len(marks), f"{chart}: a mark twice"
        assert set(marks) <= set(expected), f"{chart}: a mark for an issue not in the table"
        if chart == "slope":
            # The slope chart shows the top issues and every significant move; its caption counts
            # the rest.
            assert len(marks) + m["hidden"] == len(expected), (chart, len(marks), m["hidden"])
            assert set(result["significant"]) <= set(marks), f"{chart}: a significant move missing"
        else:
            assert sorted(marks) == sorted(expected), f"{chart}: one mark per issue"
        if args.kind == "compare":
            assert sorted(m["significant"]) == sorted(set(result["significant"]) & set(marks)), \
                f"{chart}: significant marks differ from the table's"
        # Every firm point is labelled (benchmark); most issues are (compare).
        wanted = m["firm_points"] if chart == "benchmark" else min(len(marks), 20)
        assert m["labels"] >= wanted, (chart, m["labels"], wanted)
        assert not m["overlaps"], f"{chart}: labels overlap: {m['overlaps']}"
        assert not m["covers"], f"{chart}: labels cover marks: {m['covers']}"
        assert not m["wider"], f"{chart}: text wider than planned: {m['wider']}"
        assert "Noto Sans CJK SC" in m["font"], m["font"]

    url = "file://" + os.path.abspath(os.path.join(args.dir, page_name))
    page_shot = os.path.join(shots, args.kind + ".png")
    subprocess.run([args.chromium, *flags, "--window-size=1200,5200", "--screenshot=" + page_shot,
                    url], capture_output=True, timeout=120, check=True)
    files = [page_shot]
    for chart in charts:
        svg_text = open(os.path.join(args.dir, chart + ".svg"), encoding="utf-8").read()
        size = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg_text)
        width, height = (int(float(v)) + 1 for v in size.groups())
        shot = os.path.join(shots, chart + ".png")
        subprocess.run([args.chromium, *flags, f"--window-size={width},{height}",
                        "--screenshot=" + shot,
                        "file://" + os.path.abspath(os.path.join(args.dir, chart + ".svg"))],
                       capture_output=True, timeout=120, check=True)
        files.append(shot)
    for shot in files:
        assert os.path.getsize(shot) > 20000, shot
    print(f"chromium {args.kind}: " + "; ".join(
        f"{c}: {len(result['charts'][c]['marks'])} marks, {result['charts'][c]['labels']} labels"
        for c in charts) + f", no overlap; screenshots in {shots}")
finally:
    shutil.rmtree(work, ignore_errors=True)
