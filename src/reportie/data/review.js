/* reportie review page: label filter, table filter, jump-target flashing. No network, no libraries. */
(function () {
  "use strict";

  function each(selector, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  // A span split around a crossing span keeps its id on the first piece; the other pieces
  // carry data-ref="<id>". The text a link points at is all the pieces together.
  function pieces(target) {
    var list = [target];
    if (target && target.id) {
      each('[data-ref="' + CSS.escape(target.id) + '"]', function (el) { list.push(el); });
    }
    return list;
  }

  // Record what the URL fragment points at (body[data-target-id], body[data-target-text]),
  // so that tests and analysts can check that a link lands on the right text.
  function recordTarget() {
    var target = document.querySelector(":target");
    var body = document.body;
    each(".flash-cont", function (el) { el.classList.remove("flash-cont"); });
    if (!target) {
      body.removeAttribute("data-target-id");
      body.removeAttribute("data-target-text");
      return;
    }
    var parts = pieces(target);
    parts.slice(1).forEach(function (el) {
      // restart the animation on the continuation pieces
      void el.offsetWidth;
      el.classList.add("flash-cont");
    });
    body.setAttribute("data-target-id", target.id);
    body.setAttribute("data-target-text", parts.map(function (el) { return el.textContent; }).join(""));
  }

  // Legend: a checkbox per entity label switches its highlight on and off.
  function setupLegend() {
    each(".legend input[data-label]", function (box) {
      box.addEventListener("change", function () {
        var label = box.getAttribute("data-label");
        each('mark.ent[data-label="' + CSS.escape(label) + '"]', function (m) {
          m.classList.toggle("off", !box.checked);
        });
      });
    });
    each(".legend input[data-kind=dates]", function (box) {
      box.addEventListener("change", function () {
        each(".text .date", function (d) { d.style.textDecoration = box.checked ? "" : "none"; });
      });
    });
  }

  // Filter box: hides side-table rows that do not contain the typed text.
  function setupFilter() {
    var input = document.getElementById("row-filter");
    if (!input) { return; }
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      each("table.filterable tbody tr", function (tr) {
        var hit = !q || tr.textContent.toLowerCase().indexOf(q) >= 0;
        tr.classList.toggle("hidden", !hit);
      });
    });
  }

  function start() {
    setupLegend();
    setupFilter();
    recordTarget();
  }

  window.addEventListener("hashchange", recordTarget);
  // the fragment is resolved (and :target set) once the document has finished loading
  window.addEventListener("load", recordTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
