// Draws the dashboard's charts from the figures the page carries (a JSON script element, so
// the Content-Security-Policy needs no inline script), and sends a click on a bar or slice
// to the queue of the complaints behind it.
(function () {
  "use strict";

  function option(chart) {
    if (chart.empty) {
      return { title: { text: chart.empty, left: "center", top: "middle",
                        textStyle: { fontSize: 14, fontWeight: "normal", color: "#6b7280" } } };
    }
    const tooltip = { trigger: chart.kind === "pie" ? "item" : "axis" };
    if (chart.kind === "pie") {
      return {
        tooltip: tooltip,
        legend: { bottom: 0, type: "scroll" },
        series: [{
          type: "pie",
          radius: ["35%", "65%"],
          data: chart.labels.map(function (label, i) {
            return { name: label, value: chart.series[0].values[i] };
          }),
        }],
      };
    }
    const many = chart.series.length > 1;
    const lying = chart.kind === "hbar";
    const names = {
      type: "category",
      data: chart.labels,
      // Lying bars list the largest first, at the top.
      inverse: lying,
      axisLabel: lying ? { width: 150, overflow: "truncate" } : { hideOverlap: true },
    };
    const counts = { type: "value", minInterval: 1 };
    return {
      tooltip: tooltip,
      legend: many ? { bottom: 0 } : undefined,
      grid: { left: 8, right: 16, top: 16, bottom: many ? 40 : 8, containLabel: true },
      xAxis: lying ? counts : names,
      yAxis: lying ? names : counts,
      series: chart.series.map(function (series) {
        return { name: series.name, type: lying ? "bar" : chart.kind, data: series.values };
      }),
    };
  }

  function draw() {
    const source = document.getElementById("dashboard-charts");
    if (!source || !window.echarts) return;
    JSON.parse(source.textContent).forEach(function (chart) {
      const element = document.querySelector('[data-chart="' + chart.key + '"]');
      if (!element) return;
      const drawn = window.echarts.init(element, null, { renderer: "canvas" });
      drawn.setOption(option(chart));
      drawn.on("click", function (clicked) {
        const address = chart.links[clicked.dataIndex];
        if (address) window.location.assign(address);
      });
      window.addEventListener("resize", function () { drawn.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
