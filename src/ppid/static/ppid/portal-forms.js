// Portal forms (request, tracking, objection). Loaded as a file because the Content-Security-
// Policy allows no inline script. After a failed submission the focus goes to the error summary;
// on the request form only the fields that apply are shown. The server validates either way.
(function () {
  var summary = document.getElementById("error-summary");
  var form = document.getElementById("request-form");
  if (form) {
    var checked = function (name) {
      var el = form.querySelector("input[name=" + name + "]:checked");
      return el ? el.value : "";
    };
    var update = function () {
      var delivery = document.getElementById("field-delivery_method");
      if (delivery) delivery.hidden = checked("obtain_method") === "view";
      var kind = checked("requester_kind");
      form.querySelectorAll(".id-help").forEach(function (el) {
        el.hidden = kind !== "" && el.getAttribute("data-kind") !== kind;
      });
      var number = document.getElementById("id_id_number");
      if (number) number.inputMode = kind === "person" ? "numeric" : "text";
    };
    form.addEventListener("change", update);
    update();
  }
  if (summary) summary.focus();
})();
