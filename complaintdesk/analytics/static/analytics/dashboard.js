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
    if (chart.kind === "pareto") {
      return {
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
        xAxis: { type: "category", data: chart.labels,
                 axisLabel: { interval: 0, rotate: 30, width: 90, overflow: "truncate" } },
        yAxis: [{ type: "value", minInterval: 1 },
                { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
        series: [
          { name: chart.series[0].name, type: "bar", data: chart.series[0].values },
          { name: chart.series[1].name, type: "line", yAxisIndex: 1, data: chart.series[1].values },
        ],
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
    // Two measures of different units (money, days): the second on an axis of its own.
    const values = chart.dual ? [counts, { type: "value", minInterval: 1, position: lying ? "top" : "right" }] : counts;
    return {
      tooltip: tooltip,
      legend: many ? { bottom: 0 } : undefined,
      grid: { left: 8, right: 16, top: chart.dual ? 32 : 16, bottom: many ? 40 : 8, containLabel: true },
      xAxis: lying ? values : names,
      yAxis: lying ? names : values,
      series: chart.series.map(function (series, index) {
        const drawn = { name: series.name, type: lying ? "bar" : chart.kind, data: series.values };
        if (chart.dual && index > 0) drawn[lying ? "xAxisIndex" : "yAxisIndex"] = 1;
        return drawn;
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
        // A bar whose series have complaints of their own (met on time, late) goes to the
        // part clicked; any other to the bar's whole queue.
        const parts = chart.part_links[clicked.dataIndex] || [];
        const address = parts[clicked.seriesIndex] || chart.links[clicked.dataIndex];
        if (address) window.location.assign(address);
      });
      window.addEventListener("resize", function () { drawn.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
