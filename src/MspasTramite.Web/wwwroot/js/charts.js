// Draws every <canvas data-chart="ID"> from the JSON in <script type="application/json" id="ID">:
// {"type": "bar" | "line", "labels": [...], "datasets": [{"label": "...", "data": [...]}], "yLabel": "..."}.
// Loaded only on pages that have a chart (Pages/Shared/_Chart.cshtml), after Chart.js. The table
// beside each chart carries the same figures: without script, or with a screen reader, nothing is lost.
(function () {
    "use strict";
    if (typeof window.Chart !== "function") {
        return;
    }

    // The site's blue first; then colours that stay apart for the common colour blindnesses (Okabe–Ito).
    var colours = ["#0b3d91", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#4a4a4a"];
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var locale = document.documentElement.lang || "es-GT";
    // The page's own type and text colour, not Chart.js's Helvetica and grey.
    var body = window.getComputedStyle(document.body);
    window.Chart.defaults.font.family = body.fontFamily;
    window.Chart.defaults.color = body.color;

    function read(id) {
        var source = document.getElementById(id);
        if (!source || source.type !== "application/json") {
            return null;
        }
        try {
            return JSON.parse(source.textContent);
        } catch (e) {
            return null;
        }
    }

    function draw(canvas) {
        var spec = read(canvas.getAttribute("data-chart"));
        if (!spec || (spec.type !== "bar" && spec.type !== "line") || !Array.isArray(spec.labels) || !Array.isArray(spec.datasets)) {
            return;
        }
        var line = spec.type === "line";
        var datasets = spec.datasets.map(function (d, i) {
            var colour = colours[i % colours.length];
            return {
                label: String(d.label || ""),
                data: Array.isArray(d.data) ? d.data : [],
                backgroundColor: colour,
                borderColor: colour,
                borderWidth: line ? 2 : 0,
                pointRadius: line ? 3 : 0,
                fill: false,
                tension: 0
            };
        });
        var y = { beginAtZero: true, ticks: { precision: 0 } };
        if (spec.yLabel) {
            y.title = { display: true, text: String(spec.yLabel) };
        }
        new window.Chart(canvas, {
            type: spec.type,
            data: { labels: spec.labels.map(String), datasets: datasets },
            options: {
                responsive: true,
                // The box's height comes from the stylesheet (.chart), so a phone gets a chart it can read.
                maintainAspectRatio: false,
                animation: reduceMotion ? false : undefined,
                locale: locale,
                plugins: {
                    legend: { display: datasets.length > 1, position: "bottom" }
                },
                scales: {
                    x: { ticks: { autoSkip: true, maxRotation: 0 } },
                    y: y
                }
            }
        });
    }

    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
})();
