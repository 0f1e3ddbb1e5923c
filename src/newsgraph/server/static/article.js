/* The annotated article: click a highlight (or a row below) to see its record and rule. */
"use strict";
(function () {
  const text = document.getElementById("text");
  const panel = document.getElementById("record-panel");
  if (!text || !panel) return;
  const records = ng.data("records") || {};
  const PRIORITY = ["event", "quote", "claim", "timex", "framing", "actor"];
  const ANCHOR = { event: "event", quote: "quote", claim: "claim" };

  function refsOf(node, attr) {
    const value = node.getAttribute(attr);
    return value ? value.split(" ") : [];
  }

  function primary(refs) {
    const rank = (ref) => {
      const i = PRIORITY.indexOf(ref.split(":")[0]);
      return i < 0 ? PRIORITY.length : i;
    };
    return refs.slice().sort((a, b) => rank(a) - rank(b))[0];
  }

  function showRecords(refs) {
    panel.replaceChildren();
    for (const ref of refs) {
      const record = records[ref];
      if (!record) continue;
      const box = ng.el("section", { class: "record", "data-ref": ref });
      box.append(ng.el("div", { class: "record-kind" }, record.kind));
      box.append(ng.el("h3", {}, record.title));
      const list = ng.el("dl");
      for (const [label, value] of record.fields) {
        list.append(ng.el("dt", {}, label), ng.el("dd", { "data-field": label }, value));
      }
      box.append(list);
      panel.append(box);
    }
  }

  function select(ref, scroll, shown) {
    for (const node of document.querySelectorAll(".selected, .selected-ev, .current")) {
      node.classList.remove("selected", "selected-ev", "current");
    }
    let first = null;
    for (const seg of text.querySelectorAll(".seg")) {
      if (refsOf(seg, "data-refs").includes(ref)) {
        seg.classList.add("selected");
        first = first || seg;
      }
      if (refsOf(seg, "data-ev").includes(ref)) seg.classList.add("selected-ev");
    }
    for (const row of document.querySelectorAll("[data-ref]")) {
      if (row.getAttribute("data-ref") === ref && row.classList.contains("selectable")) {
        row.classList.add("current");
      }
    }
    showRecords(shown || [ref]);
    if (scroll && first) first.scrollIntoView({ block: "center" });
  }

  function fromHash() {
    const match = /^#(event|quote|claim)-(.+)$/.exec(decodeURIComponent(location.hash));
    if (match) select(match[1] + ":" + match[2], true);
  }

  text.addEventListener("click", (event) => {
    const seg = event.target.closest(".seg[data-refs]");
    if (!seg) return;
    const refs = refsOf(seg, "data-refs");
    const main = primary(refs);
    select(main, false, [main].concat(refs.filter((r) => r !== main)));
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches(".seg[data-refs]")) event.target.click();
  });

  for (const row of document.querySelectorAll(".selectable[data-ref]")) {
    const choose = () => {
      const ref = row.getAttribute("data-ref");
      const kind = ref.split(":")[0];
      if (ANCHOR[kind]) history.replaceState(null, "", "#" + ANCHOR[kind] + "-" + ref.slice(kind.length + 1));
      select(ref, true);
    };
    row.addEventListener("click", choose);
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") choose(); });
  }

  for (const box of document.querySelectorAll("#legend input[data-kind]")) {
    box.addEventListener("change", () => {
      text.classList.toggle("off-" + box.getAttribute("data-kind"), !box.checked);
    });
  }

  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
