(function () {
  "use strict";
  /* Sort the roster table by a column: a header button sorts ascending, again
     descending. A cell's data-sort is its key: numbers by value before text, text
     case-insensitively, no value (empty) last. Ties keep the roster's order (urgent
     first). Written without the characters that XML would need escaped in a script, so
     the page stays well-formed XML. The page works without this script. */
  var table = document.getElementById("roster");
  if (!table) { return; }
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var number = /^-?[0-9]+(\.[0-9]+)?$/;
  var original = Array.prototype.slice.call(body.rows);

  function key(row, column) {
    var cell = row.cells[column];
    var text = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (text === "") { return [2, 0, ""]; }
    if (number.test(text)) { return [0, Number(text), ""]; }
    return [1, 0, text.toLowerCase()];
  }

  function compare(a, b) {
    for (var i = 0; i !== a.length; i += 1) {
      if (a[i] !== b[i]) { return b[i] > a[i] ? -1 : 1; }
    }
    return 0;
  }

  function sortBy(column, descending) {
    var keyed = original.map(function (row, index) {
      return { row: row, key: key(row, column), index: index };
    });
    keyed.sort(function (a, b) {
      var order;
      if (a.key[0] === 2 || b.key[0] === 2) { order = a.key[0] - b.key[0]; }
      else { order = descending ? compare(b.key, a.key) : compare(a.key, b.key); }
      return order === 0 ? a.index - b.index : order;
    });
    keyed.forEach(function (item) { body.appendChild(item.row); });
  }

  Array.prototype.forEach.call(heads, function (head, column) {
    var button = head.querySelector("button[data-sort]");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var descending = head.getAttribute("aria-sort") === "ascending";
      sortBy(column, descending);
      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", descending ? "descending" : "ascending");
    });
  });
})();
