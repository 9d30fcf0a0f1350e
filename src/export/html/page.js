// newsgraph's graph page: reads the graph from the JSON block above, draws it
// with Cytoscape.js, and wires the search box, filters, cards and evidence.
// Every piece of text from the graph reaches the page through textContent or
// Cytoscape's canvas labels, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("newsgraph-data").textContent);
  var started = performance.now();

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "class") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  var kindStyle = {};
  data.kinds.forEach(function (k) { kindStyle[k.name] = k; });
  var typeInfo = {};
  data.types.forEach(function (t) { typeInfo[t.name] = t; });
  var documents = {};
  data.documents.forEach(function (d) { documents[d.id] = d; });
  var nodeById = {};
  data.nodes.forEach(function (node) { nodeById[node.id] = node; });

  // Positions come with the graph (ForceAtlas2, computed by newsgraph), so
  // the same graph looks the same on every opening.
  var n = data.nodes.length;
  var elements = [];
  data.nodes.forEach(function (node) {
    var style = kindStyle[node.kind] || { color: "#dddddd", shape: "ellipse" };
    elements.push({
      group: "nodes",
      data: {
        id: node.id,
        label: node.label,
        kind: node.kind,
        color: style.color,
        shape: style.shape,
        size: 22 + Math.min(38, 6 * Math.log(1 + node.mentions)),
      },
      position: { x: node.x, y: node.y },
    });
  });
  data.edges.forEach(function (edge, i) {
    var info = typeInfo[edge.type] || { color: "#333333", symmetric: false };
    elements.push({
      group: "edges",
      data: {
        id: "r" + i,
        index: i,
        source: edge.source,
        target: edge.target,
        type: edge.type,
        color: info.color,
        symmetric: info.symmetric ? 1 : 0,
        weight: edge.weight,
        width: 1.5 + Math.min(6, 1.5 * Math.log(edge.weight)),
      },
    });
  });

  var big = n > 400;
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    wheelSensitivity: 0.3,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "background-color": "data(color)",
          shape: "data(shape)",
          width: "data(size)",
          height: "data(size)",
          "border-width": 1,
          "border-color": "#555",
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-wrap": "ellipsis",
          "text-max-width": 160,
          "min-zoomed-font-size": 6,
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.8,
          "curve-style": "bezier",
          // on big graphs, relation types show in the legend and on click
          label: data.edges.length > 1500 ? "" : "data(type)",
          "font-size": 9,
          color: "data(color)",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.8,
          "min-zoomed-font-size": 8,
        },
      },
      { selector: "edge[symmetric = 1]", style: { "source-arrow-shape": "triangle", "source-arrow-color": "data(color)" } },
      { selector: ":selected", style: { "border-width": 4, "border-color": "#1f4e9c", "line-style": "dashed" } },
      { selector: ".hidden", style: { display: "none" } },
    ],
    layout: { name: "preset", fit: false },
  });

  // Small graphs: Cytoscape's CoSE, started from those positions, spaces the
  // entities by the size of their labels (deterministic: no randomising).
  function polish(eles) {
    eles.layout({
      name: "cose",
      animate: false,
      randomize: false,
      fit: true,
      padding: 30,
      nodeDimensionsIncludeLabels: true,
      numIter: 1000,
      idealEdgeLength: function () { return 90; },
      nodeRepulsion: function () { return 40000; },
      componentSpacing: 60,
    }).run();
  }
  if (n <= 300) polish(cy.elements());
  else cy.fit(undefined, 30);
  var layoutMs = performance.now() - started;

  // ----- filters, focus, counts -----
  var shownKinds = {};
  data.kinds.forEach(function (k) { shownKinds[k.name] = true; });
  var shownTypes = {};
  data.types.forEach(function (t) { shownTypes[t.name] = true; });
  var focusBox = document.getElementById("focus");
  var depthBox = document.getElementById("depth");
  var selected = null;

  // The entities at most `depth` relations away, and every relation among
  // them (as `newsgraph export --focus` keeps them).
  function neighbourhood(node, depth) {
    var set = node;
    for (var i = 0; i < depth; i++) set = set.closedNeighborhood().not(".hidden");
    var nodes = set.nodes();
    return nodes.union(nodes.edgesWith(nodes).not(".hidden")).union(nodes.edgesTo(nodes).not(".hidden"));
  }

  function applyFilters() {
    cy.batch(function () {
      cy.elements().removeClass("hidden");
      cy.nodes().forEach(function (node) {
        if (!shownKinds[node.data("kind")]) node.addClass("hidden");
      });
      cy.edges().forEach(function (edge) {
        if (!shownTypes[edge.data("type")]) edge.addClass("hidden");
      });
      if (focusBox.checked && selected && selected.isNode() && !selected.hasClass("hidden")) {
        var keep = neighbourhood(selected, Number(depthBox.value));
        cy.elements().not(keep).addClass("hidden");
      }
    });
    updateCounts();
  }

  function updateCounts() {
    // by class: Cytoscape may restyle (and so update ":visible") later
    var nodes = cy.nodes().not(".hidden").length;
    var edges = cy.edges().not(".hidden").length;
    var text = nodes + " of " + cy.nodes().length + " entities, " + edges + " of " + cy.edges().length + " relations shown";
    document.getElementById("counts").textContent = text + " · " + data.documents.length + " document(s)";
  }

  function legendItem(name, color, swatchClass, count, onChange, extra) {
    var box = el("input", { type: "checkbox", "data-name": name });
    box.checked = true;
    box.addEventListener("change", function () { onChange(box.checked); });
    var swatch = el("span", { class: swatchClass });
    swatch.style.background = color;
    return el("li", null, [el("label", null, [box, " ", swatch, " ", name, extra ? " " + extra : "", " ", el("span", { class: "count", text: "(" + count + ")" })])]);
  }

  var kindList = document.getElementById("kinds");
  data.kinds.forEach(function (k) {
    var count = cy.nodes("[kind = '" + k.name + "']").length;
    kindList.appendChild(legendItem(k.name, k.color, "swatch", count, function (on) { shownKinds[k.name] = on; applyFilters(); }, "(" + k.shape + ")"));
  });
  var typeList = document.getElementById("types");
  data.types.forEach(function (t) {
    var count = cy.edges().filter(function (e) { return e.data("type") === t.name; }).length;
    if (count === 0) return;
    var code = t.plover && t.plover !== "none" ? t.plover + " " + t.cameo : "";
    typeList.appendChild(legendItem(t.name, t.color, "swatch line", count, function (on) { shownTypes[t.name] = on; applyFilters(); }, code ? "· " + code : ""));
  });
  focusBox.addEventListener("change", applyFilters);
  depthBox.addEventListener("change", applyFilters);
  document.getElementById("reset").addEventListener("click", function () {
    focusBox.checked = false;
    Array.prototype.forEach.call(document.querySelectorAll(".legend input"), function (b) { b.checked = true; });
    Object.keys(shownKinds).forEach(function (k) { shownKinds[k] = true; });
    Object.keys(shownTypes).forEach(function (t) { shownTypes[t] = true; });
    applyFilters();
    cy.fit(undefined, 30);
  });

  // ----- cards and evidence -----
  var details = document.getElementById("details");

  function entityLink(node) {
    var b = el("button", { type: "button", text: node.data("label") });
    b.addEventListener("click", function () { selectNode(node); });
    return b;
  }

  function showCard(node) {
    clear(details);
    var entity = nodeById[node.id()];
    var card = el("div", { class: "card", "data-testid": "card" }, [
      el("h2", { text: entity.label }),
      el("p", null, [el("span", { class: "kind", text: entity.kind }), el("span", { class: "meta", text: entity.mentions + " mention(s) · id " + entity.id })]),
    ]);
    if (entity.aliases.length) {
      card.appendChild(el("p", { class: "meta", text: "Also: " + entity.aliases.join(", ") }));
    }
    var out = node.connectedEdges().filter(function (e) { return e.source().same(node); });
    var inc = node.connectedEdges().filter(function (e) { return e.target().same(node) && !e.source().same(node); });
    [[out, "Relations from " + entity.label, true], [inc, "Relations to " + entity.label, false]].forEach(function (group) {
      if (!group[0].length) return;
      card.appendChild(el("h3", { text: group[1] + " (" + group[0].length + ")" }));
      var list = el("ul", { class: "rel" });
      group[0].sort(function (a, b) { return a.data("type") < b.data("type") ? -1 : a.data("type") > b.data("type") ? 1 : 0; }).forEach(function (edge) {
        var other = group[2] ? edge.target() : edge.source();
        var evidenceLink = el("button", { type: "button", text: edge.data("type") });
        evidenceLink.addEventListener("click", function () { selectEdge(edge); });
        var parts = group[2] ? [evidenceLink, " → ", entityLink(other)] : [entityLink(other), " → ", evidenceLink];
        parts.push(el("span", { class: "count", text: " (" + edge.data("weight") + ")" }));
        list.appendChild(el("li", null, parts));
      });
      card.appendChild(list);
    });
    details.appendChild(card);
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function showEvidence(edge) {
    clear(details);
    var rel = data.edges[edge.data("index")];
    var box = el("div", { class: "evidence-card", "data-testid": "evidence" }, [
      el("h2", null, [entityLink(edge.source()), " " + rel.type + " ", entityLink(edge.target())]),
    ]);
    var info = typeInfo[rel.type];
    if (info && info.plover !== "none") {
      box.appendChild(el("p", { class: "meta", text: "PLOVER " + info.plover + " · CAMEO " + info.cameo }));
    }
    var shown = rel.evidence.length;
    box.appendChild(el("h3", { text: rel.weight + " piece(s) of evidence" + (shown < rel.weight ? ", the first " + shown + " shown" : "") }));
    var list = el("ul", { class: "evidence" });
    rel.evidence.forEach(function (ev) {
      var doc = documents[ev.doc] || {};
      var meta = [ev.doc + ", sentence " + (ev.sentence + 1)];
      var date = ev.date || doc.date;
      if (date) meta.push("published " + date);
      if (ev.event_date) meta.push("happened " + ev.event_date);
      var metaLine = el("p", { class: "meta" }, [meta.join(" · ")]);
      var title = ev.title || doc.title;
      var url = safeUrl(ev.url || doc.url);
      if (title || url) {
        metaLine.appendChild(document.createTextNode(" · "));
        if (url) {
          metaLine.appendChild(el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: title || url }));
        } else {
          metaLine.appendChild(document.createTextNode(title));
        }
      }
      list.appendChild(el("li", null, [el("q", { text: ev.text }), metaLine]));
    });
    box.appendChild(list);
    details.appendChild(box);
  }

  function selectNode(node) {
    cy.elements().unselect();
    node.select();
    selected = node;
    if (focusBox.checked) applyFilters();
    cy.animate({ center: { eles: node }, duration: 200 });
    showCard(node);
  }

  function selectEdge(edge) {
    cy.elements().unselect();
    edge.select();
    selected = edge;
    showEvidence(edge);
  }

  cy.on("tap", "node", function (evt) { selectNode(evt.target); });
  cy.on("tap", "edge", function (evt) { selectEdge(evt.target); });

  // ----- search -----
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var index = data.nodes.map(function (node) {
    return { id: node.id, names: [node.label].concat(node.aliases).map(function (s) { return s.toLowerCase(); }) };
  });

  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return [];
    var exact = [], prefix = [], inner = [];
    index.forEach(function (entry) {
      if (entry.names.some(function (s) { return s === q; })) exact.push(entry.id);
      else if (entry.names.some(function (s) { return s.indexOf(q) === 0; })) prefix.push(entry.id);
      else if (entry.names.some(function (s) { return s.indexOf(q) > 0; })) inner.push(entry.id);
    });
    return exact.concat(prefix, inner).slice(0, 30);
  }

  function showResults() {
    clear(results);
    find(search.value).forEach(function (id) {
      var entity = nodeById[id];
      var b = el("button", { type: "button" }, [el("span", { class: "kind", text: entity.kind }), entity.label]);
      var matched = entity.aliases.filter(function (a) { return a.toLowerCase().indexOf(search.value.trim().toLowerCase()) >= 0; });
      if (matched.length && entity.label.toLowerCase().indexOf(search.value.trim().toLowerCase()) < 0) {
        b.appendChild(el("span", { class: "count", text: " (" + matched[0] + ")" }));
      }
      b.addEventListener("click", function () { selectNode(cy.getElementById(id)); });
      results.appendChild(el("li", null, [b]));
    });
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter") {
      var first = find(search.value)[0];
      if (first) selectNode(cy.getElementById(first));
    }
  });

  updateCounts();
  // For tests and the curious: the Cytoscape instance and how long the
  // layout took.
  window.newsgraph = { cy: cy, layoutMs: layoutMs, ready: true };
})();
