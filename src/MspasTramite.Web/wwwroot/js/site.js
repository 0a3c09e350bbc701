// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so screen readers announce the problems first.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
        summary.focus();
    }

    // Narrow the municipality list to the department chosen. Without script the full list,
    // grouped by department, still works and the server checks the pair.
    var department = document.getElementById("Input_Department");
    var municipality = document.getElementById("Input_Municipality");
    if (department && municipality) {
        var all = Array.prototype.slice.call(municipality.querySelectorAll("optgroup"));
        var placeholder = municipality.querySelector("option[value='']");
        var filter = function () {
            var chosen = department.value;
            var selected = municipality.value;
            all.forEach(function (group) { group.remove(); });
            all.forEach(function (group) {
                var first = group.querySelector("option");
                var code = first ? first.value.split("-")[0] : "";
                if (!chosen || code === chosen) {
                    municipality.appendChild(group);
                }
            });
            municipality.value = selected;
            if (municipality.value !== selected && placeholder) {
                municipality.value = "";
            }
        };
        department.addEventListener("change", filter);
        filter();
    }
});
