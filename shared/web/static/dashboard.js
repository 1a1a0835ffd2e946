/* The organizers' dashboards: draws each chart with Chart.js (served from /static/charts)
   from the page's JSON island (#dashboard-data), the same numbers as the table under it.
   Without JavaScript, or without Chart.js, the page shows the tables alone. Once a chart is
   drawn, its table folds into its "Chart data" disclosure. Every bar has its label on an
   axis and the two series over time differ in shape (bars, a dashed line with square
   points) as well as colour, so that nothing is said by colour alone. */
(function () {
  "use strict";
  var island = document.getElementById("dashboard-data");
  if (!island || !window.Chart) {
    return;
  }
  var data = JSON.parse(island.textContent);
  var palette = data.palette;
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  Chart.defaults.font.family = '"Titillium Web", Geneva, Tahoma, sans-serif';
  Chart.defaults.font.size = 14;
  Chart.defaults.color = palette.text;
  Chart.defaults.borderColor = palette.grid;
  Chart.defaults.animation = reduced ? false : { duration: 300 };

  function integerAxis(title) {
    return {
      beginAtZero: true,
      ticks: { precision: 0 },
      title: title ? { display: true, text: title } : { display: false }
    };
  }

  function overTime(chart) {
    var received = chart.series[0];
    var total = chart.series[1];
    return {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: [
          {
            type: "bar",
            label: received.label,
            data: received.values,
            backgroundColor: palette.bar,
            maxBarThickness: 48,
            yAxisID: "y",
            order: 2
          },
          {
            type: "line",
            label: total.label,
            data: total.values,
            borderColor: palette.line,
            backgroundColor: palette.line,
            borderDash: [6, 4],
            borderWidth: 2,
            pointStyle: "rect",
            pointRadius: 4,
            yAxisID: "y2",
            order: 1
          }
        ]
      },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { labels: { usePointStyle: true } } },
        scales: {
          y: integerAxis(received.label),
          y2: Object.assign(integerAxis(total.label), {
            position: "right",
            grid: { drawOnChartArea: false }
          })
        }
      }
    };
  }

  // A long label in lines of a few words, so that it fits beside its bar on a phone.
  function lines(label) {
    var width = window.innerWidth < 576 ? 16 : 28;
    var words = String(label).split(" ");
    var result = [];
    var line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) {
        result.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    result.push(line);
    return result;
  }

  function categories(chart) {
    var series = chart.series[0];
    var counts = integerAxis("");
    var names = { ticks: { autoSkip: false } };
    var options = {
      maintainAspectRatio: false,
      indexAxis: chart.horizontal ? "y" : "x",
      plugins: { legend: { display: false } },
      scales: chart.horizontal ? { x: counts, y: names } : { y: counts, x: names }
    };
    return {
      type: "bar",
      data: {
        labels: chart.horizontal ? chart.labels.map(lines) : chart.labels,
        datasets: [
          {
            label: series.label,
            data: series.values,
            backgroundColor: palette.bar,
            maxBarThickness: 32
          }
        ]
      },
      options: options
    };
  }

  data.charts.forEach(function (chart) {
    var section = document.getElementById("chart-" + chart.id);
    var canvas = section && section.querySelector("canvas");
    if (!canvas) {
      return;
    }
    var box = canvas.parentElement;
    box.hidden = false;
    // Room for every label: a bar per row, each as tall as its label's lines.
    var rows = chart.labels.reduce(function (sum, label) {
      return sum + Math.max(2.5, lines(label).length * 1.3 + 0.8);
    }, 0);
    box.style.position = "relative";
    box.style.height = chart.horizontal ? Math.max(10, rows + 3) + "rem" : "18rem";
    new Chart(canvas, chart.id === "time" ? overTime(chart) : categories(chart));
    var details = section.querySelector("details");
    if (details) {
      details.open = false;
    }
  });
})();
