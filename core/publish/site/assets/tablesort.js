// Click a column header of a list table to sort by it (again to reverse). Local, no CDN.
document.addEventListener("click", function (event) {
  var th = event.target.closest(".md-typeset table thead th");
  if (!th) return;
  var table = th.closest("table"), body = table.tBodies[0], index = Array.prototype.indexOf.call(th.parentNode.children, th);
  var ascending = th.getAttribute("aria-sort") !== "ascending";
  Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  var rows = Array.prototype.slice.call(body.rows);
  rows.sort(function (a, b) {
    var x = a.cells[index].textContent.trim(), y = b.cells[index].textContent.trim();
    return (ascending ? 1 : -1) * x.localeCompare(y, "zh-Hans-CN", {numeric: true});
  });
  rows.forEach(function (row) { body.appendChild(row); });
});
