// Drawing redaction regions on page images: fills the hidden fields of #redact-form with the
// page number and the region as fractions of the page (top-left origin).
(function () {
  "use strict";
  var form = document.getElementById("redact-form");
  if (!form) return;
  var field = function (name) { return form.querySelector("[name=" + name + "]"); };
  var note = document.getElementById("redact-selection");
  var submit = document.getElementById("redact-submit");
  var current = null;

  function clamp(v) { return Math.max(0, Math.min(1, v)); }

  document.querySelectorAll(".redact-page").forEach(function (figure) {
    var canvas = figure.querySelector(".redact-canvas");
    var page = figure.getAttribute("data-page");
    var start = null, box = null;

    function point(event) {
      var r = canvas.getBoundingClientRect();
      var e = event.touches ? event.touches[0] : event;
      return { x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) };
    }
    function draw(a, b) {
      var x0 = Math.min(a.x, b.x), y0 = Math.min(a.y, b.y);
      var x1 = Math.max(a.x, b.x), y1 = Math.max(a.y, b.y);
      box.style.left = x0 * 100 + "%"; box.style.top = y0 * 100 + "%";
      box.style.width = (x1 - x0) * 100 + "%"; box.style.height = (y1 - y0) * 100 + "%";
      return [x0, y0, x1, y1];
    }
    function down(event) {
      event.preventDefault();
      if (current) current.remove();
      start = point(event);
      box = document.createElement("div");
      box.className = "redact-box redact-new";
      canvas.appendChild(box);
      current = box;
      draw(start, start);
    }
    function move(event) { if (start) { event.preventDefault(); draw(start, point(event)); } }
    function up(event) {
      if (!start) return;
      var end = event.changedTouches ? point({ clientX: event.changedTouches[0].clientX,
        clientY: event.changedTouches[0].clientY }) : point(event);
      var rect = draw(start, end);
      start = null;
      if (rect[2] - rect[0] < 0.003 || rect[3] - rect[1] < 0.003) { box.remove(); return; }
      field("page").value = page;
      field("x0").value = rect[0].toFixed(5); field("y0").value = rect[1].toFixed(5);
      field("x1").value = rect[2].toFixed(5); field("y1").value = rect[3].toFixed(5);
      field("source").value = "drawn";
      note.textContent = note.getAttribute("data-selected").replace("%s", Number(page) + 1);
      submit.disabled = false;
      field("reason").focus();
    }
    canvas.addEventListener("mousedown", down);
    canvas.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
    canvas.addEventListener("touchstart", down, { passive: false });
    canvas.addEventListener("touchmove", move, { passive: false });
    canvas.addEventListener("touchend", up);
  });
})();
