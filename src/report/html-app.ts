/**
 * The HTML report's script (plain ES2017, no dependencies). It reads the
 * embedded JSON (`#data`), renders one page of the file table at a time and a
 * file's diff only when its row is opened, so 20,000 files stay responsive.
 */
export const APP_JS = String.raw`(function () {
"use strict";
var D = JSON.parse(document.getElementById("data").textContent);
var files = D.files, rules = D.rules, cats = D.cats, PAGE = D.pageSize;
var state = { rule: -1, cat: -1, q: "", sort: "r", dir: -1, page: 0, open: {} };
function $(id) { return document.getElementById(id); }
function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
function share(f) { return f.i ? f.r / f.i : 0; }
function fmt(n) { return n.toLocaleString("en-US"); }
function pct(x) { return (100 * x).toFixed(1) + "%"; }
function ruleIndex(id) { for (var i = 0; i < rules.length; i++) if (rules[i].id === id) return i; return -1; }

var rs = $("rule-filter"), cs = $("cat-filter");
rules.forEach(function (r, i) { var o = el("option", null, r.id); o.value = String(i); rs.appendChild(o); });
cats.forEach(function (c, i) { var o = el("option", null, c); o.value = String(i); cs.appendChild(o); });
rs.addEventListener("change", function () { state.rule = +rs.value; state.page = 0; render(); });
cs.addEventListener("change", function () { state.cat = +cs.value; state.page = 0; render(); });
$("q").addEventListener("input", function () { state.q = this.value.toLowerCase(); state.page = 0; render(); });
$("prev").addEventListener("click", function () { state.page--; render(); });
$("next").addEventListener("click", function () { state.page++; render(); });
Array.prototype.forEach.call(document.querySelectorAll(".bar"), function (b) {
  function pick() {
    var r = b.getAttribute("data-rule"), c = b.getAttribute("data-category");
    if (r != null) { var i = ruleIndex(r); rs.value = String(state.rule === i ? -1 : i); rs.dispatchEvent(new Event("change")); }
    else { var j = cats.indexOf(c); cs.value = String(state.cat === j ? -1 : j); cs.dispatchEvent(new Event("change")); }
  }
  b.addEventListener("click", pick);
  b.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
});
Array.prototype.forEach.call(document.querySelectorAll("th[data-sort]"), function (th) {
  th.addEventListener("click", function () {
    var k = th.getAttribute("data-sort");
    if (state.sort === k) state.dir = -state.dir; else { state.sort = k; state.dir = k === "p" ? 1 : -1; }
    render();
  });
});

function hidden(ruleIdx) { return (state.rule >= 0 && ruleIdx !== state.rule) || (state.cat >= 0 && rules[ruleIdx].c !== state.cat); }
function shown(f) {
  return (state.rule < 0 || f.u.indexOf(state.rule) >= 0) && (state.cat < 0 || f.c.indexOf(state.cat) >= 0) &&
    (!state.q || f.p.toLowerCase().indexOf(state.q) >= 0);
}
function key(f) { return state.sort === "p" ? f.p : state.sort === "s" ? share(f) : state.sort === "n" ? f.n : f.r; }

function diffView(f) {
  var box = el("div", "diff");
  if (!f.h.length) box.appendChild(el("div", "sep", f.g ? "the content guard left this file unchanged" : "nothing removed"));
  f.h.forEach(function (h, hi) {
    if (hi > 0) box.appendChild(el("div", "sep", "\u22ef"));
    var n = h[0];
    h[1].forEach(function (row) {
      var line = el("div", "row");
      line.appendChild(el("span", "ln", String(n++)));
      if (typeof row[0] === "string") { line.appendChild(document.createTextNode(row[0])); box.appendChild(line); return; }
      row[0].forEach(function (s) {
        if (s[1] < 0) { line.appendChild(document.createTextNode(s[0])); return; }
        var r = rules[s[1]], off = hidden(s[1]);
        if (s[2] && !off) line.appendChild(el("span", "lbl", r.id));
        var m = el("mark", off ? "muted" : null, s[0] === "\n" ? "\u21b5" : s[0]);
        m.setAttribute("data-rule", r.id);
        m.title = r.id + (r.d ? ": " + r.d : "") + (r.s ? " (" + r.s + ")" : "");
        line.appendChild(m);
      });
      box.appendChild(line);
    });
  });
  if (f.t) box.appendChild(el("div", "sep", f.t + " more hunk(s) left out to keep this report small: run  boilerstrip diff " + f.p));
  return box;
}

function fileRow(f) {
  var tr = el("tr", "file");
  tr.setAttribute("data-path", f.p);
  tr.setAttribute("data-rules", f.u.map(function (i) { return rules[i].id; }).join(" "));
  var name = el("td"); name.appendChild(el("span", null, f.p));
  if (f.g) name.appendChild(el("div", "guard", "guarded: " + f.g));
  tr.appendChild(name);
  tr.appendChild(el("td", "num", fmt(f.r)));
  tr.appendChild(el("td", "num", pct(share(f))));
  tr.appendChild(el("td", "num", fmt(f.n)));
  var rc = el("td");
  f.u.forEach(function (i) { if (!hidden(i)) rc.appendChild(el("span", "chip", rules[i].id)); });
  tr.appendChild(rc);
  tr.addEventListener("click", function () { state.open[f.p] = !state.open[f.p]; render(); });
  return tr;
}

function render() {
  var list = files.filter(shown).sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * state.dir; });
  var pages = Math.max(1, Math.ceil(list.length / PAGE));
  state.page = Math.max(0, Math.min(state.page, pages - 1));
  var tb = $("rows");
  tb.textContent = "";
  list.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (f) {
    tb.appendChild(fileRow(f));
    if (state.open[f.p]) { var tr = el("tr", "detail"), td = el("td"); td.colSpan = 5; td.appendChild(diffView(f)); tr.appendChild(td); tb.appendChild(tr); }
  });
  $("count").textContent = fmt(list.length) + " of " + fmt(files.length) + " files";
  $("page").textContent = "page " + (state.page + 1) + " of " + pages;
  $("prev").disabled = state.page === 0;
  $("next").disabled = state.page >= pages - 1;
  Array.prototype.forEach.call(document.querySelectorAll(".bar"), function (b) {
    var r = b.getAttribute("data-rule"), c = b.getAttribute("data-category");
    var any = r != null ? state.rule >= 0 : state.cat >= 0;
    var on = r != null ? any && rules[state.rule].id === r : any && cats[state.cat] === c;
    b.classList.toggle("on", on);
    b.classList.toggle("dim", any && !on);
  });
}

(function flagged() {
  var list = files.filter(function (f) { return f.g || share(f) >= D.flagShare; })
    .sort(function (a, b) { return share(b) - share(a); });
  var box = $("flagged");
  if (!list.length) { box.hidden = true; return; }
  box.appendChild(el("strong", null, list.length + " file(s) lost " + pct(D.flagShare) + " or more of their bytes, or were left unchanged by the content guard: check them first"));
  var ul = el("ul");
  list.slice(0, 20).forEach(function (f) {
    var li = el("li"), a = el("a", null, f.p);
    a.href = "#files";
    a.addEventListener("click", function () { $("q").value = f.p; state.q = f.p.toLowerCase(); state.open[f.p] = true; state.page = 0; render(); });
    li.appendChild(a);
    li.appendChild(el("span", "muted", " \u2014 " + pct(share(f)) + " removed" + (f.g ? "; guarded: " + f.g : "")));
    ul.appendChild(li);
  });
  if (list.length > 20) ul.appendChild(el("li", "muted", (list.length - 20) + " more: sort the table by share"));
  box.appendChild(ul);
})();
render();
})();`;
