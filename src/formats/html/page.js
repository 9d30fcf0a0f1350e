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
  var nodeIndex = {};
  data.nodes.forEach(function (node, i) { nodeById[node.id] = node; nodeIndex[node.id] = i; });

  // A diff page (`newsgraph diff --html`) colours by change, not by kind
  // and type; shapes still tell the kinds apart.
  var diff = data.diff || null;
  var CHANGES = [
    { name: "added", color: "#2ca02c" },
    { name: "removed", color: "#d62728" },
    { name: "changed", color: "#ff7f0e" },
    { name: "same", color: "#c7c7c7" },
  ];
  var changeColor = {};
  CHANGES.forEach(function (c) { changeColor[c.name] = c.color; });

  // Positions come with the graph (ForceAtlas2, computed by newsgraph; the
  // entities without relations in a grid below), so the same graph looks the
  // same on every opening and the browser only draws.
  var n = data.nodes.length;
  var m = data.edges.length;
  var elements = [];
  data.nodes.forEach(function (node) {
    var style = kindStyle[node.kind] || { color: "#dddddd", shape: "ellipse" };
    elements.push({
      group: "nodes",
      data: {
        id: node.id,
        label: node.label,
        kind: node.kind,
        color: diff ? changeColor[node.change] || "#dddddd" : style.color,
        shape: style.shape,
        size: 22 + Math.min(38, 6 * Math.log(1 + node.mentions)),
        degree: node.degree,
        change: node.change || "same",
        hubSize: 11,
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
        color: diff ? changeColor[edge.change] || "#333333" : info.color,
        symmetric: info.symmetric ? 1 : 0,
        weight: edge.weight,
        width: 1.5 + Math.min(6, 1.5 * Math.log(edge.weight)),
        change: edge.change || "same",
      },
    });
  });

  var big = n > 400 || m > 2000;
  // Every style property costs time for each of 10,000 relations before the
  // first frame: big graphs leave out edge labels and their text style
  // (relation types show in the legend and on click) and draw straight
  // lines (bezier separates parallel relations, at several times the cost).
  var edgeStyle = {
    width: "data(width)",
    "line-color": "data(color)",
    "target-arrow-color": "data(color)",
    "target-arrow-shape": "triangle",
    "arrow-scale": 0.8,
    "curve-style": m > 2000 ? "straight" : "bezier",
  };
  if (m <= 1500) {
    Object.assign(edgeStyle, {
      label: "data(type)",
      "font-size": 9,
      color: "data(color)",
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "min-zoomed-font-size": 8,
    });
  }
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
          // other labels show once zoomed in enough to read them
          "min-zoomed-font-size": 8,
        },
      },
      {
        // the most connected entities in view: labelled at any zoom, at a
        // readable size (see labelHubs)
        selector: "node.hub",
        style: {
          "font-size": "data(hubSize)",
          "font-weight": "bold",
          "min-zoomed-font-size": 0,
          "text-max-width": 2000,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.75,
          "text-background-padding": 1,
          "z-index": 20,
        },
      },
      { selector: "edge", style: edgeStyle },
      { selector: "edge[symmetric = 1]", style: { "source-arrow-shape": "triangle", "source-arrow-color": "data(color)" } },
      { selector: "edge[change = 'removed']", style: { "line-style": "dashed" } },
      { selector: "node[change = 'removed']", style: { "border-style": "dashed", "border-width": 2 } },
      { selector: ":selected", style: { "border-width": 4, "border-color": "#1f4e9c", "line-style": "dashed" } },
      { selector: ".hidden", style: { display: "none" } },
    ],
    layout: { name: "preset", fit: false },
  });
  var nodes = cy.nodes().toArray(); // in the order of data.nodes
  var edges = cy.edges().toArray(); // in the order of data.edges
  var ends = data.edges.map(function (e) { return [nodeIndex[e.source], nodeIndex[e.target]]; });

  // ----- what is shown: filters, time, focus, entities without relations -----
  var shownKinds = {};
  data.kinds.forEach(function (k) { shownKinds[k.name] = true; });
  var shownTypes = {};
  data.types.forEach(function (t) { shownTypes[t.name] = true; });
  var shownChanges = {};
  CHANGES.forEach(function (c) { shownChanges[c.name] = true; });
  var focusBox = document.getElementById("focus");
  var depthBox = document.getElementById("depth");
  var aloneBox = document.getElementById("alone");
  var undatedBox = document.getElementById("undated");
  var fromRange = document.getElementById("time-from");
  var toRange = document.getElementById("time-to");
  var selected = null;

  // Every day a relation was stated on, for the time range.
  var allDays = [];
  (function () {
    var seen = {};
    data.edges.forEach(function (e) {
      (e.days || []).forEach(function (d) { seen[d] = true; });
    });
    allDays = Object.keys(seen).sort();
  })();
  if (allDays.length) {
    document.getElementById("time").hidden = false;
    fromRange.max = toRange.max = String(allDays.length - 1);
    fromRange.value = "0";
    toRange.value = String(allDays.length - 1);
  }

  function timeRange() {
    if (!allDays.length) return null;
    var a = Number(fromRange.value), b = Number(toRange.value);
    var lo = Math.min(a, b), hi = Math.max(a, b);
    return { lo: allDays[lo], hi: allDays[hi], all: lo === 0 && hi === allDays.length - 1 };
  }

  function inTime(i, range) {
    var days = data.edges[i].days;
    if (!days || !days.length) return undatedBox.checked;
    if (!range || range.all) return true;
    for (var k = 0; k < days.length; k++) {
      if (days[k] >= range.lo && days[k] <= range.hi) return true;
    }
    return false;
  }

  var hidden = new Array(n + m).fill(false); // nodes, then edges
  var shownNodes = 0, shownEdges = 0, alone = 0;

  // Works out what is shown, then changes the classes of only the elements
  // whose state changed (a time range dragged over 10,000 relations stays
  // smooth).
  function applyFilters(refit) {
    var range = timeRange();
    document.getElementById("time-from-day").textContent = range ? range.lo : "";
    document.getElementById("time-to-day").textContent = range ? range.hi : "";
    var nodeOk = data.nodes.map(function (node) {
      return !!shownKinds[node.kind] && (!diff || !!shownChanges[node.change || "same"]);
    });
    var sel = selected && selected.isNode() ? nodeIndex[selected.id()] : -1;
    var edgeOk = data.edges.map(function (edge, i) {
      return !!shownTypes[edge.type] && (!diff || !!shownChanges[edge.change || "same"]) &&
        nodeOk[ends[i][0]] && nodeOk[ends[i][1]] && inTime(i, range);
    });
    var inFocus = null;
    if (focusBox.checked && sel >= 0) {
      // the entities at most `depth` shown relations away, and every shown
      // relation among them (as `newsgraph export --focus` keeps them)
      var around = [];
      for (var v = 0; v < n; v++) around.push([]);
      edgeOk.forEach(function (ok, i) {
        if (ok) { around[ends[i][0]].push(ends[i][1]); around[ends[i][1]].push(ends[i][0]); }
      });
      inFocus = new Array(n).fill(false);
      inFocus[sel] = true;
      var frontier = [sel];
      for (var d = 0; d < Number(depthBox.value); d++) {
        var next = [];
        frontier.forEach(function (a) {
          around[a].forEach(function (b) { if (!inFocus[b]) { inFocus[b] = true; next.push(b); } });
        });
        frontier = next;
      }
      edgeOk = edgeOk.map(function (ok, i) { return ok && inFocus[ends[i][0]] && inFocus[ends[i][1]]; });
    }
    var degree = new Array(n).fill(0);
    edgeOk.forEach(function (ok, i) {
      if (ok) { degree[ends[i][0]]++; degree[ends[i][1]]++; }
    });
    alone = 0;
    var want = new Array(n + m);
    for (var k = 0; k < n; k++) {
      var show = nodeOk[k] && (!inFocus || inFocus[k]);
      if (show && degree[k] === 0 && k !== sel) {
        alone++;
        if (!aloneBox.checked) show = false;
      }
      // the selected entity always shows
      want[k] = !(show || k === sel);
    }
    for (var j = 0; j < m; j++) want[n + j] = !edgeOk[j];
    shownNodes = 0; shownEdges = 0;
    cy.batch(function () {
      for (var i = 0; i < n + m; i++) {
        var ele = i < n ? nodes[i] : edges[i - n];
        if (want[i] !== hidden[i]) {
          if (want[i]) ele.addClass("hidden");
          else ele.removeClass("hidden");
          hidden[i] = want[i];
        }
        if (!want[i]) {
          if (i < n) shownNodes++;
          else shownEdges++;
        }
      }
    });
    updateCounts();
    if (inFocus && refit !== false) fitTo(cy.nodes().not(".hidden"), 2);
    labelHubs();
  }

  function updateCounts() {
    var text = shownNodes + " of " + n + " entities, " + shownEdges + " of " + m + " relations shown";
    document.getElementById("counts").textContent = text + " · " + data.documents.length + " document(s)";
    document.getElementById("alone-count").textContent = "(" + alone + ")";
  }

  // ----- the view: fitting, zooming to an entity, labels by degree -----
  var PAD = 40;
  // the zoom at which every label is drawn (11 px at 8 px and up)
  var READABLE = 1.0;

  // The box around the nodes `eles`, from their positions and sizes (the
  // first fit must not make Cytoscape measure 2,000 labels before drawing).
  function boxOf(eles) {
    var bb = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    eles.nodes().forEach(function (node) {
      var p = node.position(), r = node.data("size") / 2;
      bb.x1 = Math.min(bb.x1, p.x - r); bb.x2 = Math.max(bb.x2, p.x + r);
      bb.y1 = Math.min(bb.y1, p.y - r); bb.y2 = Math.max(bb.y2, p.y + r + 16);
    });
    bb.w = bb.x2 - bb.x1; bb.h = bb.y2 - bb.y1;
    return bb;
  }

  // Zoom and pan that show `eles` whole (at most `maxZoom`).
  function viewOf(eles, maxZoom) {
    var bb = boxOf(eles);
    var w = cy.width(), h = cy.height();
    var z = Math.min((w - 2 * PAD) / Math.max(bb.w, 1), (h - 2 * PAD) / Math.max(bb.h, 1));
    z = Math.max(cy.minZoom(), Math.min(maxZoom, z));
    var cx = (bb.x1 + bb.x2) / 2, cyy = (bb.y1 + bb.y2) / 2;
    return { zoom: z, pan: { x: w / 2 - z * cx, y: h / 2 - z * cyy } };
  }

  function fitTo(eles, maxZoom, now) {
    if (!eles.length) return;
    var view = viewOf(eles, maxZoom);
    cy.stop();
    if (now) cy.viewport(view);
    else cy.animate(view, { duration: 250 });
  }

  // Search hit: the entity in the middle, zoomed so that its neighbours fit
  // if they can, and at least so far that labels are drawn.
  function zoomTo(node) {
    var hood = node.closedNeighborhood().nodes().not(".hidden");
    var z = viewOf(hood.length ? hood : node, 2).zoom;
    z = Math.max(READABLE, z);
    var p = node.position();
    cy.stop();
    cy.animate({ zoom: z, pan: { x: cy.width() / 2 - z * p.x, y: cy.height() / 2 - z * p.y } }, { duration: 250 });
  }

  // Labels by degree: at any zoom, the most connected entities in view get a
  // label drawn at 13 px, as many as fit without overlapping (about one per
  // 140 × 140 px); the others show their labels once zoomed in to READABLE.
  var HUB_PX = 13;
  var byDegree = nodes.slice().sort(function (a, b) {
    return b.data("degree") - a.data("degree") ||
      nodeById[b.id()].mentions - nodeById[a.id()].mentions ||
      (a.data("label") < b.data("label") ? -1 : a.data("label") > b.data("label") ? 1 : 0);
  });
  var hubs = [];
  function labelHubs() {
    var zoom = cy.zoom();
    var chosen = [];
    if (zoom * 11 < HUB_PX) {
      var size = HUB_PX / zoom;
      var ext = cy.extent();
      var most = Math.max(8, Math.round(cy.width() * cy.height() / 19600));
      var boxes = [];
      // among the 2 × most best connected in view: no label for a little
      // connected entity just because its corner of the picture is empty
      var considered = 0;
      for (var i = 0; i < byDegree.length && chosen.length < most && considered < 2 * most; i++) {
        var node = byDegree[i];
        if (hidden[nodeIndex[node.id()]] || node.data("degree") === 0) continue;
        var p = node.position();
        if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) continue;
        considered++;
        var half = Math.min(40, node.data("label").length) * 0.3 * size + size;
        var top = p.y + node.data("size") / 2;
        var box = { x1: p.x - half, x2: p.x + half, y1: top - size * 0.2, y2: top + size * 1.6 };
        var free = true;
        for (var b = 0; b < boxes.length && free; b++) {
          var o = boxes[b];
          free = box.x2 < o.x1 || box.x1 > o.x2 || box.y2 < o.y1 || box.y1 > o.y2;
        }
        if (!free) continue;
        boxes.push(box);
        chosen.push(node);
      }
    }
    cy.batch(function () {
      hubs.forEach(function (node) { node.removeClass("hub"); });
      chosen.forEach(function (node) {
        node.data("hubSize", size);
        node.addClass("hub");
      });
    });
    hubs = chosen;
  }
  var relabel = null;
  cy.on("viewport", function () {
    if (relabel) clearTimeout(relabel);
    relabel = setTimeout(function () { relabel = null; labelHubs(); }, 120);
  });

  // Small graphs: Cytoscape's CoSE, started from those positions, spaces the
  // entities by the size of their labels (deterministic: no randomising);
  // the entities without relations then go in rows below.
  function polish() {
    var linked = cy.collection();
    var lonely = [];
    nodes.forEach(function (node) {
      if (node.data("degree") > 0) linked = linked.union(node);
      else lonely.push(node);
    });
    linked = linked.union(cy.edges());
    if (linked.nodes().length > 1) {
      linked.layout({
        name: "cose",
        animate: false,
        randomize: false,
        fit: false,
        nodeDimensionsIncludeLabels: true,
        numIter: 1000,
        idealEdgeLength: function () { return 90; },
        nodeRepulsion: function () { return 40000; },
        componentSpacing: 60,
      }).run();
    }
    if (lonely.length && linked.nodes().length) {
      var bb = linked.nodes().boundingBox({ includeLabels: true });
      var columns = Math.max(1, Math.floor(bb.w / 130), Math.ceil(Math.sqrt(lonely.length)));
      lonely.forEach(function (node, k) {
        node.position({ x: bb.x1 + (k % columns) * 130, y: bb.y2 + 80 + Math.floor(k / columns) * 80 });
      });
    }
  }
  applyFilters(false);
  if (n <= 300) polish();
  fitTo(cy.nodes().not(".hidden").length ? cy.nodes().not(".hidden") : cy.nodes(), 2, true);
  var layoutMs = performance.now() - started;
  labelHubs();

  // ----- legends -----
  function legendItem(name, color, swatchClass, count, onChange, extra) {
    var box = el("input", { type: "checkbox", "data-name": name });
    box.checked = true;
    box.addEventListener("change", function () { onChange(box.checked); });
    var swatch = el("span", { class: swatchClass });
    swatch.style.background = color;
    return el("li", null, [el("label", null, [box, " ", swatch, " ", name, extra ? " " + extra : "", " ", el("span", { class: "count", text: "(" + count + ")" })])]);
  }

  var kindCount = {}, typeCount = {}, changeCount = {};
  data.nodes.forEach(function (node) {
    kindCount[node.kind] = (kindCount[node.kind] || 0) + 1;
    if (diff) changeCount[node.change] = (changeCount[node.change] || 0) + 1;
  });
  data.edges.forEach(function (edge) {
    typeCount[edge.type] = (typeCount[edge.type] || 0) + 1;
    if (diff) changeCount[edge.change] = (changeCount[edge.change] || 0) + 1;
  });
  var kindList = document.getElementById("kinds");
  data.kinds.forEach(function (k) {
    kindList.appendChild(legendItem(k.name, diff ? "#ffffff" : k.color, "swatch", kindCount[k.name] || 0, function (on) { shownKinds[k.name] = on; applyFilters(); }, "(" + k.shape + ")"));
  });
  var typeList = document.getElementById("types");
  data.types.forEach(function (t) {
    var count = typeCount[t.name] || 0;
    if (count === 0) return;
    var code = t.plover && t.plover !== "none" ? t.plover + " " + t.cameo : "";
    typeList.appendChild(legendItem(t.name, diff ? "#888888" : t.color, "swatch line", count, function (on) { shownTypes[t.name] = on; applyFilters(); }, code ? "· " + code : ""));
  });
  if (diff) {
    document.getElementById("changes-box").hidden = false;
    var changeList = document.getElementById("changes");
    CHANGES.forEach(function (c) {
      changeList.appendChild(legendItem(c.name, c.color, "swatch", changeCount[c.name] || 0, function (on) { shownChanges[c.name] = on; applyFilters(); }, ""));
    });
  }
  focusBox.addEventListener("change", function () { applyFilters(); });
  depthBox.addEventListener("change", function () { applyFilters(); });
  aloneBox.addEventListener("change", function () { applyFilters(false); });
  undatedBox.addEventListener("change", function () { applyFilters(false); });
  // dragging the range: at most one update a frame
  var pendingTime = false;
  function onTime() {
    if (pendingTime) return;
    pendingTime = true;
    requestAnimationFrame(function () { pendingTime = false; applyFilters(false); });
  }
  fromRange.addEventListener("input", onTime);
  toRange.addEventListener("input", onTime);
  document.getElementById("reset").addEventListener("click", function () {
    focusBox.checked = false;
    aloneBox.checked = true;
    undatedBox.checked = true;
    fromRange.value = "0";
    toRange.value = String(Math.max(0, allDays.length - 1));
    Array.prototype.forEach.call(document.querySelectorAll(".legend input"), function (b) { b.checked = true; });
    Object.keys(shownKinds).forEach(function (k) { shownKinds[k] = true; });
    Object.keys(shownTypes).forEach(function (t) { shownTypes[t] = true; });
    Object.keys(shownChanges).forEach(function (c) { shownChanges[c] = true; });
    applyFilters(false);
    fitTo(cy.nodes(), 2);
  });

  // ----- cards and evidence -----
  var details = document.getElementById("details");

  function entityLink(node) {
    var b = el("button", { type: "button", text: node.data("label") });
    b.addEventListener("click", function () { selectNode(node, true); });
    return b;
  }

  function changeLine(what) {
    if (!diff || !what.change || what.change === "same") return null;
    var text = {
      added: "added: only in " + diff.new,
      removed: "removed: only in " + diff.old,
      changed: "changed since " + diff.old,
    }[what.change];
    if (what.old_label !== undefined || what.old_kind !== undefined) {
      text += ": was " + (what.old_label || "") + " (" + (what.old_kind || "") + ")";
    }
    if (what.old_weight !== undefined) text += ": weight " + what.old_weight + " → " + what.weight;
    return el("p", { class: "change-" + what.change, "data-testid": "change", text: text });
  }

  function showCard(node) {
    clear(details);
    var entity = nodeById[node.id()];
    var card = el("div", { class: "card", "data-testid": "card" }, [
      el("h2", { text: entity.label }),
      el("p", null, [el("span", { class: "kind", text: entity.kind }), el("span", { class: "meta", text: entity.mentions + " mention(s) · id " + entity.id })]),
      changeLine(entity),
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
        if (diff && edge.data("change") !== "same") parts.push(el("span", { class: "change-" + edge.data("change"), text: " " + edge.data("change") }));
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
      changeLine(rel),
    ]);
    var info = typeInfo[rel.type];
    if (info && info.plover !== "none") {
      box.appendChild(el("p", { class: "meta", text: "PLOVER " + info.plover + " · CAMEO " + info.cameo }));
    }
    if (rel.days && rel.days.length) {
      var span = rel.days[0] === rel.days[rel.days.length - 1] ? rel.days[0] : rel.days[0] + " to " + rel.days[rel.days.length - 1];
      box.appendChild(el("p", { class: "meta", text: "stated " + span + " (" + rel.days.length + " day(s))" }));
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

  // Selects an entity and shows its card; in focus mode the view refits to
  // its neighbourhood, else `zoom` (a search hit, a link in a card) zooms to
  // it and a click on the canvas centres it.
  function selectNode(node, zoom) {
    cy.elements().unselect();
    node.select();
    selected = node;
    if (focusBox.checked || hidden[nodeIndex[node.id()]]) applyFilters();
    if (focusBox.checked) {
      // applyFilters refitted
    } else if (zoom) {
      zoomTo(node);
    } else {
      cy.stop();
      cy.animate({ center: { eles: node }, duration: 200 });
    }
    showCard(node);
  }

  function selectEdge(edge) {
    cy.elements().unselect();
    edge.select();
    selected = edge;
    showEvidence(edge);
  }

  cy.on("tap", "node", function (evt) { selectNode(evt.target, false); });
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
      b.addEventListener("click", function () { selectNode(cy.getElementById(id), true); });
      results.appendChild(el("li", null, [b]));
    });
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter") {
      var first = find(search.value)[0];
      if (first) selectNode(cy.getElementById(first), true);
    }
  });

  // For tests and the curious: the Cytoscape instance, how long the layout
  // took, and when the page became interactive (ms since the navigation
  // started: loading, parsing, drawing the first frame).
  window.newsgraph = { cy: cy, layoutMs: layoutMs, days: allDays, ready: false };
  var done = false;
  function interactive() {
    if (done) return;
    done = true;
    window.newsgraph.interactiveMs = performance.now();
    window.newsgraph.ready = true;
  }
  cy.one("render", interactive);
  // a frame is drawn even when Cytoscape had nothing new to render
  requestAnimationFrame(function () { requestAnimationFrame(interactive); });
})();
