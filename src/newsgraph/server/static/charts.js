/* Charts as inline SVG: events per period stacked by type, and the mean score per period. */
"use strict";
(function () {
  const H = 260, HS = 150, M = { top: 12, right: 12, bottom: 42, left: 44 };

  function width(box) { return Math.max(320, box.clientWidth || 800); }

  function labelEvery(n) { return Math.max(1, Math.ceil(n / 12)); }

  function xAxis(svg, periods, x, band, y0) {
    const axis = ng.svg("g", { class: "axis x-axis" });
    axis.append(ng.svg("line", { x1: M.left, x2: x(periods.length), y1: y0, y2: y0 }));
    const every = labelEvery(periods.length);
    periods.forEach((p, i) => {
      if (i % every) return;
      axis.append(ng.svg("text", { x: x(i) + band / 2, y: y0 + 16, "text-anchor": "middle" }, p));
    });
    svg.append(axis);
  }

  function yAxis(svg, ticks, y, w) {
    const axis = ng.svg("g", { class: "axis y-axis" });
    for (const t of ticks) {
      axis.append(ng.svg("line", { x1: M.left - 4, x2: M.left, y1: y(t), y2: y(t) }));
      axis.append(ng.svg("text", { x: M.left - 7, y: y(t) + 4, "text-anchor": "end" }, t));
    }
    axis.append(ng.svg("line", { x1: M.left, x2: M.left, y1: M.top, y2: y(ticks[0]) }));
    svg.append(axis);
  }

  function stacked(box, data) {
    const hidden = new Set();
    const legend = ng.el("div", { class: "chart-legend" });
    for (const type of data.types) {
      const item = ng.el("button", { type: "button", class: "legend-item t-" + ng.token(type), "data-type": type });
      item.append(ng.el("span", { class: "swatch t-" + ng.token(type) }), document.createTextNode(type));
      item.addEventListener("click", () => {
        if (hidden.has(type)) hidden.delete(type); else hidden.add(type);
        item.classList.toggle("off", hidden.has(type));
        draw();
      });
      legend.append(item);
    }

    function draw() {
      const w = width(box), n = data.periods.length;
      const band = (w - M.left - M.right) / Math.max(1, n);
      const shown = data.types.filter((t) => !hidden.has(t));
      const totals = data.periods.map((_, i) => shown.reduce((s, t) => s + data.counts[t][i], 0));
      const top = Math.max(1, ...totals);
      const barWidth = Math.max(1, Math.min(48, band * 0.8));
      const x = (i) => M.left + i * band;
      const y = (v) => H - M.bottom - (v / top) * (H - M.top - M.bottom);
      const svg = ng.svg("svg", { viewBox: "0 0 " + w + " " + H, role: "img", class: "stacked" });
      yAxis(svg, [0, Math.round(top / 2), top].filter((v, i, a) => a.indexOf(v) === i), y, w);
      const bars = ng.svg("g", { class: "bars" });
      data.periods.forEach((period, i) => {
        let base = 0;
        for (const type of shown) {
          const count = data.counts[type][i];
          if (!count) continue;
          const rect = ng.svg("rect", {
            class: "bar t-" + ng.token(type), "data-type": type, "data-period": period,
            "data-count": count, x: x(i) + (band - barWidth) / 2, width: barWidth,
            y: y(base + count), height: Math.max(0.5, y(base) - y(base + count)),
          });
          rect.append(ng.svg("title", {}, type + " " + period + ": " + count));
          bars.append(rect);
          base += count;
        }
      });
      svg.append(bars);
      xAxis(svg, data.periods, x, band, H - M.bottom);
      box.replaceChildren(svg, legend);
    }
    draw();
  }

  function scoreLine(box, data) {
    const w = width(box), n = data.periods.length;
    const band = (w - M.left - M.right) / Math.max(1, n);
    const x = (i) => M.left + i * band + band / 2;
    const y = (v) => M.top + ((10 - v) / 20) * (HS - M.top - M.bottom);
    const svg = ng.svg("svg", { viewBox: "0 0 " + w + " " + HS, role: "img", class: "score-chart" });
    yAxis(svg, [-10, 0, 10], y, w);
    svg.append(ng.svg("line", { class: "zero", x1: M.left, x2: w - M.right, y1: y(0), y2: y(0) }));
    let run = [];
    const flush = () => {
      if (run.length > 1) svg.append(ng.svg("polyline", { class: "score-line", points: run.join(" ") }));
      run = [];
    };
    data.score.forEach((v, i) => {
      if (v === null || v === undefined) { flush(); return; }
      run.push(x(i).toFixed(1) + "," + y(v).toFixed(1));
      const dot = ng.svg("circle", { class: "score-point", cx: x(i), cy: y(v), r: 3, "data-score": v.toFixed(2) });
      dot.append(ng.svg("title", {}, data.periods[i] + ": mean score " + v.toFixed(2)));
      svg.append(dot);
    });
    flush();
    xAxis(svg, data.periods, (i) => M.left + i * band, band, HS - M.bottom);
    box.replaceChildren(svg);
  }

  for (const box of document.querySelectorAll(".chart[data-source]")) {
    const data = ng.data(box.getAttribute("data-source"));
    if (!data || !data.periods || !data.periods.length) continue;
    if (box.getAttribute("data-series") === "score") scoreLine(box, data); else stacked(box, data);
  }
})();
