/* Sortable tables for zongjie: tables marked data-zj-sortable sort by any column.
   Own script, no library, no network: the site runs on a closed intranet. */
(function () {
  "use strict";
  function cellValue(row, index, numeric) {
    var cell = row.children[index];
    var raw = cell ? (cell.getAttribute("data-sort") || cell.textContent) : "";
    if (numeric) { var n = parseFloat(raw); return isNaN(n) ? -Infinity : n; }
    return raw.trim();
  }
  function sortBy(table, th) {
    var headers = Array.prototype.slice.call(th.parentNode.children);
    var index = headers.indexOf(th);
    var numeric = th.querySelector("[data-numeric]") !== null;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator("zh-Hans-CN");
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var d = numeric ? x - y : collator.compare(x, y);
      return ascending ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function mount(root) {
    root.querySelectorAll("[data-zj-print]").forEach(function (button) {
      button.onclick = function () { window.print(); };
    });
    root.querySelectorAll("table[data-zj-sortable] th button.zj-sort").forEach(function (button) {
      if (button.dataset.zjMounted) return;
      button.dataset.zjMounted = "1";
      button.addEventListener("click", function () {
        sortBy(button.closest("table"), button.closest("th"));
      });
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { mount(document); });  // Material instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", function () { mount(document); });
  }
})();
