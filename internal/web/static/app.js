// tiendo — the only script: a filter box over long checkbox lists (the
// cooperating agencies), matching without diacritics as people type on
// phones. Pages work without it.
"use strict";
(function () {
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("data-filter"));
    if (!list) return;
    box.hidden = false;
    box.addEventListener("input", function () {
      var q = fold(box.value.trim());
      list.querySelectorAll("label.check").forEach(function (label) {
        var input = label.querySelector("input");
        label.hidden = q !== "" && !(input && input.checked) && fold(label.textContent).indexOf(q) < 0;
      });
    });
  });
})();
