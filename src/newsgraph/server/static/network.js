/* The actor network: a force-directed layout (deterministic: it starts from a circle), actors as
   nodes sized by their events, events as directed edges coloured by type, weighted by count. */
"use strict";
(function () {
  const box = document.getElementById("network");
  const panel = document.getElementById("node-panel");
  const data = ng.data("network-data");
  if (!box || !data || !data.nodes.length) return;
  const W = Math.max(480, box.clientWidth || 900), H = 560, PAD = 40;
  // Pulls every actor towards the middle, so that small groups stay in view.
  const GRAVITY = 0.9;

  function layout(nodes, edges) {
    const n = nodes.length, cx = W / 2, cy = H / 2;
    const k = Math.sqrt(((W - 2 * PAD) * (H - 2 * PAD)) / n) * 0.6;
    const pos = nodes.map((_, i) => ({
      x: cx + (W / 3) * Math.cos((2 * Math.PI * i) / n),
      y: cy + (H / 3) * Math.sin((2 * Math.PI * i) / n),
    }));
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const links = edges.map((e) => [index.get(e.source), index.get(e.target), Math.log2(1 + e.count)]);
    let temp = W / 10;
    for (let step = 0; step < 400; step++) {
      const disp = pos.map((p) => ({ x: (cx - p.x) * GRAVITY, y: ((cy - p.y) * GRAVITY * W) / H }));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d = Math.max(1, Math.hypot(dx, dy)), f = (k * k) / d;
          disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
          disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
        }
      }
      for (const [a, b, w] of links) {
        const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
        const d = Math.max(1, Math.hypot(dx, dy)), f = ((d * d) / k) * Math.min(2, 0.5 + w / 4);
        disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
        disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
      }
      for (let i = 0; i < n; i++) {
        const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y)), move = Math.min(d, temp);
        pos[i].x = Math.min(W - PAD, Math.max(PAD, pos[i].x + (disp[i].x / d) * move));
        pos[i].y = Math.min(H - PAD, Math.max(PAD, pos[i].y + (disp[i].y / d) * move));
      }
      temp = Math.max(0.5, temp * 0.985);
    }
    return new Map(nodes.map((node, i) => [node.id, pos[i]]));
  }

  const pos = layout(data.nodes, data.edges);
  const svg = ng.svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", class: "network-svg" });
  const defs = ng.svg("defs");
  const marker = ng.svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
  marker.append(ng.svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#6b7280" }));
  defs.append(marker);
  svg.append(defs);

  const radius = (node) => 5 + Math.sqrt(node.weight) * 2;
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const seen = new Map();
  const edgeLayer = ng.svg("g", { class: "edges" });
  for (const e of data.edges) {
    const a = pos.get(e.source), b = pos.get(e.target);
    const pair = e.source + "\u0000" + e.target;
    const nth = seen.get(pair) || 0;
    seen.set(pair, nth + 1);
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.hypot(dx, dy));
    const bend = 18 + nth * 14;
    const cx = (a.x + b.x) / 2 - (dy / d) * bend, cy = (a.y + b.y) / 2 + (dx / d) * bend;
    const r = radius(byId.get(e.target)) + 2, h = Math.max(1, Math.hypot(b.x - cx, b.y - cy));
    const ex = b.x - ((b.x - cx) / h) * r, ey = b.y - ((b.y - cy) / h) * r;
    const path = ng.svg("path", {
      class: "edge t-" + ng.token(e.type), "data-type": e.type, "data-source": e.source,
      "data-target": e.target, "data-count": e.count, "marker-end": "url(#arrow)",
      d: "M " + a.x.toFixed(1) + " " + a.y.toFixed(1) + " Q " + cx.toFixed(1) + " " + cy.toFixed(1) + " " + ex.toFixed(1) + " " + ey.toFixed(1),
      "stroke-width": (1 + Math.log2(e.count) * 1.5).toFixed(2),
    });
    const from = byId.get(e.source), to = byId.get(e.target);
    path.append(ng.svg("title", {}, from.label + " → " + to.label + ": " + e.type + " × " + e.count));
    edgeLayer.append(path);
  }
  svg.append(edgeLayer);

  const nodeLayer = ng.svg("g", { class: "nodes" });
  for (const node of data.nodes) {
    const p = pos.get(node.id);
    const g = ng.svg("g", { class: "node kind-" + ng.token(node.kind), "data-id": node.id, tabindex: 0 });
    g.append(ng.svg("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: radius(node).toFixed(1) }));
    g.append(ng.svg("text", { x: (p.x + radius(node) + 3).toFixed(1), y: (p.y + 4).toFixed(1) }, node.label));
    g.append(ng.svg("title", {}, (node.name || node.label) + ": " + node.weight + " events"));
    g.addEventListener("click", () => focus(node));
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") focus(node); });
    nodeLayer.append(g);
  }
  svg.append(nodeLayer);
  box.replaceChildren(svg);

  function link(href, text) { return ng.el("a", { href: href }, text); }

  function focus(node) {
    const near = new Set([node.id]);
    for (const path of edgeLayer.children) {
      const touches = path.getAttribute("data-source") === node.id || path.getAttribute("data-target") === node.id;
      path.classList.toggle("dim", !touches);
      if (touches) { near.add(path.getAttribute("data-source")); near.add(path.getAttribute("data-target")); }
    }
    for (const g of nodeLayer.children) {
      g.classList.toggle("dim", !near.has(g.getAttribute("data-id")));
      g.classList.toggle("current", g.getAttribute("data-id") === node.id);
    }
    if (!panel) return;
    const key = encodeURIComponent(node.id);
    const list = ng.el("ul", { class: "plain" });
    for (const e of data.edges) {
      if (e.source !== node.id && e.target !== node.id) continue;
      const other = byId.get(e.source === node.id ? e.target : e.source);
      const arrow = e.source === node.id ? "→ " : "← ";
      const item = ng.el("li", { class: "edge-item" });
      item.append(ng.el("span", { class: "swatch t-" + ng.token(e.type) }), document.createTextNode(arrow + other.label + ": " + e.type + " × " + e.count));
      list.append(item);
    }
    const info = [ng.el("h3", {}, node.label)];
    if (node.name && node.name !== node.label) info.push(ng.el("p", {}, node.name));
    info.push(ng.el("p", { class: "meta" }, [node.kind, node.country].filter(Boolean).join(" · ") + " · " + node.weight + " events"));
    info.push(list);
    const links = ng.el("p");
    links.append(link("/events?actor=" + key, "events as actor"), document.createTextNode(" · "),
      link("/events?recipient=" + key, "as recipient"), document.createTextNode(" · "),
      link("/dyad?a=" + key, "dyads"));
    info.push(links);
    panel.replaceChildren(...info);
  }

  for (const check of document.querySelectorAll("#edge-legend input[data-type]")) {
    check.addEventListener("change", () => {
      const type = check.getAttribute("data-type");
      for (const path of edgeLayer.children) {
        if (path.getAttribute("data-type") === type) path.classList.toggle("hidden", !check.checked);
      }
    });
  }
})();
