"""report.html in headless Chromium: one mark per issue in each matrix, every issue in the table,
labels that do not overlap as the browser lays them out, and a screenshot for people to look at.

The page is copied with a measuring script appended (the report itself is not changed); Chromium
runs it and --dump-dom returns the measurements."""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

chromium, out_dir, shots = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(shots, exist_ok=True)
with open(f"{out_dir}/issues.csv", encoding="utf-8-sig", newline="") as issues_csv:
    expected_ids = [row["议题编号"] for row in csv.DictReader(issues_csv)]  # --lang zh: "id"
assert len(expected_ids) == 91

MEASURE = r"""
<script>
(function(){
function rects(svg){
  var labels=Array.from(svg.querySelectorAll('text.mx-label'));
  var marks=Array.from(svg.querySelectorAll('.mx-mark circle'));
  var overlaps=[],covers=[],wider=[];
  var boxes=labels.map(function(t){return t.getBBox();});
  for(var i=0;i<boxes.length;i++){
    var a=boxes[i];
    for(var j=i+1;j<boxes.length;j++){var b=boxes[j];
      if(a.x<b.x+b.width-0.5&&b.x<a.x+a.width-0.5&&a.y<b.y+b.height-0.5&&b.y<a.y+a.height-0.5)
        overlaps.push([labels[i].textContent,labels[j].textContent]);}
    marks.forEach(function(c){
      var cx=c.cx.baseVal.value,cy=c.cy.baseVal.value,r=c.r.baseVal.value;
      var px=Math.max(a.x,Math.min(cx,a.x+a.width)),py=Math.max(a.y+1,Math.min(cy,a.y+a.height-1));
      if((px-cx)*(px-cx)+(py-cy)*(py-cy)<(r-0.5)*(r-0.5))
        covers.push([labels[i].textContent,c.parentNode.dataset.issue]);});
    var planned=parseFloat(labels[i].dataset.box.split(' ')[2]);
    if(labels[i].getComputedTextLength()>planned+0.5)
      wider.push([labels[i].textContent,labels[i].getComputedTextLength(),planned]);
  }
  return {marks:Array.from(svg.querySelectorAll('[data-issue]')).map(function(e){return e.dataset.issue;}),
          labels:labels.length,overlaps:overlaps,covers:covers,wider:wider,
          font:getComputedStyle(labels[0]).fontFamily};
}
var out={dm:rects(document.getElementById('double-materiality')),
         composite:rects(document.getElementById('composite')),
         table:Array.from(document.querySelectorAll('#issue-table tbody tr')).map(function(r){return r.dataset.issue;}),
         coverage:document.querySelectorAll('#coverage tbody tr').length,
         external:Array.from(document.querySelectorAll('[src],link[href]')).length};
var th=document.querySelector('#issue-table thead th:nth-child(6)');th.click();
out.sorted_ascending=Array.from(document.querySelectorAll('#issue-table tbody tr td:nth-child(6)'))
  .map(function(td){return parseFloat(td.dataset.v);});
th.click();
var pre=document.createElement('pre');pre.id='materia-test';pre.textContent=JSON.stringify(out);
document.body.appendChild(pre);
})();
</script>
"""

work = tempfile.mkdtemp(prefix="materia-chromium-")
try:
    page = open(f"{out_dir}/report.html", encoding="utf-8").read()
    assert "</body>" in page
    harness = os.path.join(work, "harness.html")
    open(harness, "w", encoding="utf-8").write(page.replace("</body>", MEASURE + "</body>"))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
             "--user-data-dir=" + os.path.join(work, "profile")]
    dom = subprocess.run([chromium, *flags, "--virtual-time-budget=5000", "--dump-dom",
                          "file://" + harness], capture_output=True, timeout=120, text=True).stdout
    match = re.search(r'<pre id="materia-test">(.*?)</pre>', dom, re.S)
    assert match, "the measuring script did not run:\n" + dom[-2000:]
    result = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&")
                        .replace("&lt;", "<").replace("&gt;", ">"))

    for chart in ("dm", "composite"):
        marks = result[chart]["marks"]
        assert sorted(marks) == sorted(expected_ids), f"{chart}: one mark per issue"
        assert len(set(marks)) == len(marks), f"{chart}: a mark twice"
        assert result[chart]["labels"] >= 85, result[chart]["labels"]
        assert not result[chart]["overlaps"], f"{chart}: labels overlap: {result[chart]['overlaps']}"
        assert not result[chart]["covers"], f"{chart}: labels cover marks: {result[chart]['covers']}"
        assert not result[chart]["wider"], f"{chart}: text wider than planned: {result[chart]['wider']}"
        assert "Noto Sans CJK SC" in result[chart]["font"], result[chart]["font"]
    assert result["table"] == expected_ids, "the table lists every issue in rank order"
    assert result["coverage"] == 91
    assert result["external"] == 0, "nothing is fetched"
    scores = result["sorted_ascending"]
    assert scores == sorted(scores) and len(scores) == 91, "clicking a header sorts the table"

    for name, size in (("report.png", "1200,13000"),):
        subprocess.run([chromium, *flags, "--window-size=" + size,
                        "--screenshot=" + os.path.join(shots, name), "file://" + os.path.abspath(
                            f"{out_dir}/report.html")], capture_output=True, timeout=120, check=True)
    for chart in ("double_materiality", "composite"):
        subprocess.run([chromium, *flags, "--window-size=980,860",
                        "--screenshot=" + os.path.join(shots, chart + ".png"),
                        "file://" + os.path.abspath(f"{out_dir}/{chart}.svg")],
                       capture_output=True, timeout=120, check=True)
    for name in ("report.png", "double_materiality.png", "composite.png"):
        assert os.path.getsize(os.path.join(shots, name)) > 20000, name
    print(f"chromium: 91 marks per matrix, 91 table rows, {result['dm']['labels']}+"
          f"{result['composite']['labels']} labels without overlap; screenshots in {shots}")
finally:
    shutil.rmtree(work, ignore_errors=True)
