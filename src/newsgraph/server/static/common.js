/* newsgraph: helpers shared by the pages. Text only ever goes in through textContent. */
"use strict";
window.ng = (function () {
  const SVG = "http://www.w3.org/2000/svg";

  /** The JSON of a <script type="application/json"> block, or null. */
  function data(id) {
    const node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (err) { return null; }
  }

  /** An element with attributes and (optional) text; ns "svg" for SVG elements. */
  function el(tag, attrs, text, ns) {
    const node = ns === "svg" ? document.createElementNS(SVG, tag) : document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, String(value));
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs, text) { return el(tag, attrs, text, "svg"); }

  /** A class-name-safe token, as the server makes them for type classes. */
  function token(value) { return String(value || "none").replace(/[^A-Za-z0-9_-]/g, "_"); }

  return { data: data, el: el, svg: svg, token: token };
})();
