// Show the exemption fields only when the category is "exempt", and the hard-copy location only
// when a hard copy exists. The server validates either way; this only keeps the form short.
(function () {
  function toggle() {
    var category = document.getElementById("id_category");
    var form = document.getElementById("id_form");
    var exempt = category && category.value === "exempt";
    ["exemption_ground", "exemption_until"].forEach(function (name) {
      var field = document.getElementById("field-" + name);
      if (field) field.hidden = !exempt;
    });
    var hard = document.getElementById("field-hard_copy_location");
    if (hard && form) hard.hidden = form.value === "soft";
  }
  document.addEventListener("DOMContentLoaded", function () {
    ["id_category", "id_form"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) el.addEventListener("change", toggle);
    });
    toggle();
  });
})();
