// newsgraph's graph page: reads the graph from the JSON block above, draws it
// on a <canvas> (its own renderer: positions come with the graph, so drawing
// 10,000 relations is a few batched paths, issue 18), and wires the search
// box, filters, cards and evidence. Every piece of text from the graph
// reaches the page through textContent or the canvas's fillText, never as
// HTML.
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("newsgraph-data").textContent);

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
  // same on every opening and the browser only draws. Entities and relations
  // are plain arrays indexed like data.nodes and data.edges.
  var n = data.nodes.length;
  var m = data.edges.length;
  var nodes = data.nodes.map(function (node) {
    var style = kindStyle[node.kind] || { color: "#dddddd", shape: "ellipse" };
    return {
      id: node.id,
      label: node.label,
      x: Number(node.x) || 0,
      y: Number(node.y) || 0,
      size: 22 + Math.min(38, 6 * Math.log(1 + node.mentions)),
      color: diff ? changeColor[node.change] || "#dddddd" : style.color,
      shape: style.shape,
      degree: node.degree,
      removed: node.change === "removed",
      edges: [], // the relations at this entity, by index
    };
  });
  var edges = data.edges.map(function (edge, i) {
    var info = typeInfo[edge.type] || { color: "#333333", symmetric: false };
    var s = nodeIndex[edge.source], t = nodeIndex[edge.target];
    nodes[s].edges.push(i);
    if (t !== s) nodes[t].edges.push(i);
    return {
      s: s,
      t: t,
      type: edge.type,
      color: diff ? changeColor[edge.change] || "#333333" : info.color,
      symmetric: !!info.symmetric,
      width: 1.5 + Math.min(6, 1.5 * Math.log(Math.max(1, edge.weight))),
      removed: edge.change === "removed",
    };
  });
  // relation labels are drawn when there are few (types show in the legend
  // and on click)
  var edgeLabels = m <= 1500;
  // big graphs draw lighter, and while the view moves show the last frame
  // moved and scaled (as Cytoscape's textureOnViewport did)
  var big = n > 400 || m > 2000;
  // Relations between the same two entities bend apart: each gets an offset
  // at its middle, across the line from the entity listed first to the other.
  (function () {
    var pairs = {};
    edges.forEach(function (e, i) {
      if (e.s === e.t) return;
      var key = Math.min(e.s, e.t) + " " + Math.max(e.s, e.t);
      (pairs[key] = pairs[key] || []).push(i);
    });
    Object.keys(pairs).forEach(function (key) {
      var list = pairs[key];
      list.forEach(function (i, j) { edges[i].bend = list.length > 1 ? (j - (list.length - 1) / 2) * 28 : 0; });
    });
  })();

  // ----- the canvas -----
  var container = document.getElementById("cy");
  var canvas = el("canvas", { "data-testid": "canvas", role: "img", "aria-label": "the graph: entities and their relations" });
  container.appendChild(canvas);
  var ctx = canvas.getContext("2d");
  var width = 0, height = 0, ratio = 1;
  function resize() {
    ratio = window.devicePixelRatio || 1;
    width = container.clientWidth;
    height = container.clientHeight;
    canvas.width = Math.max(1, Math.round(width * ratio));
    canvas.height = Math.max(1, Math.round(height * ratio));
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
  }
  resize();
  // the view: a point (x, y) of the drawing is at (x·zoom + panX, y·zoom + panY)
  var view = { zoom: 1, x: 0, y: 0 };
  var MIN_ZOOM = 1e-3, MAX_ZOOM = 20;

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
  // the selection: an entity ({node: index}) or a relation ({edge: index})
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

  var nodeHidden = new Array(n).fill(false);
  var edgeHidden = new Array(m).fill(false);
  var shownNodes = 0, shownEdges = 0, alone = 0;

  // Works out what is shown and redraws (a time range dragged over 10,000
  // relations stays smooth: no element is created or styled).
  function applyFilters(refit) {
    var range = timeRange();
    document.getElementById("time-from-day").textContent = range ? range.lo : "";
    document.getElementById("time-to-day").textContent = range ? range.hi : "";
    var nodeOk = data.nodes.map(function (node) {
      return !!shownKinds[node.kind] && (!diff || !!shownChanges[node.change || "same"]);
    });
    var sel = selected && selected.node !== undefined ? selected.node : -1;
    var edgeOk = data.edges.map(function (edge, i) {
      return !!shownTypes[edge.type] && (!diff || !!shownChanges[edge.change || "same"]) &&
        nodeOk[edges[i].s] && nodeOk[edges[i].t] && inTime(i, range);
    });
    var inFocus = null;
    if (focusBox.checked && sel >= 0) {
      // the entities at most `depth` shown relations away, and every shown
      // relation among them (as `newsgraph export --focus` keeps them)
      inFocus = new Array(n).fill(false);
      inFocus[sel] = true;
      var frontier = [sel];
      for (var d = 0; d < Number(depthBox.value); d++) {
        var next = [];
        frontier.forEach(function (a) {
          nodes[a].edges.forEach(function (i) {
            if (!edgeOk[i]) return;
            var b = edges[i].s === a ? edges[i].t : edges[i].s;
            if (!inFocus[b]) { inFocus[b] = true; next.push(b); }
          });
        });
        frontier = next;
      }
      edgeOk = edgeOk.map(function (ok, i) { return ok && inFocus[edges[i].s] && inFocus[edges[i].t]; });
    }
    var degree = new Array(n).fill(0);
    edgeOk.forEach(function (ok, i) {
      if (ok) { degree[edges[i].s]++; degree[edges[i].t]++; }
    });
    alone = 0;
    shownNodes = 0; shownEdges = 0;
    for (var k = 0; k < n; k++) {
      var show = nodeOk[k] && (!inFocus || inFocus[k]);
      if (show && degree[k] === 0 && k !== sel) {
        alone++;
        if (!aloneBox.checked) show = false;
      }
      // the selected entity always shows
      nodeHidden[k] = !(show || k === sel);
      if (!nodeHidden[k]) shownNodes++;
    }
    for (var j = 0; j < m; j++) {
      edgeHidden[j] = !edgeOk[j];
      if (edgeOk[j]) shownEdges++;
    }
    updateCounts();
    if (inFocus && refit !== false) fitTo(shownIndexes(), 2);
    labelHubs();
    redraw();
  }

  function shownIndexes() {
    var out = [];
    for (var k = 0; k < n; k++) if (!nodeHidden[k]) out.push(k);
    return out;
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
  var FONT = 11, MIN_FONT_PX = 8, HUB_PX = 13;

  // The box around the entities `list` (indexes) and their labels, from
  // their positions, sizes and label widths.
  function boxOf(list) {
    var bb = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    list.forEach(function (k) {
      var node = nodes[k], r = node.size / 2, half = Math.max(r, textWidth(k, false) / 2);
      bb.x1 = Math.min(bb.x1, node.x - half); bb.x2 = Math.max(bb.x2, node.x + half);
      bb.y1 = Math.min(bb.y1, node.y - r); bb.y2 = Math.max(bb.y2, node.y + r + 16);
    });
    bb.w = bb.x2 - bb.x1; bb.h = bb.y2 - bb.y1;
    return bb;
  }

  // Zoom and pan that show `list` whole (at most `maxZoom`), `pad` pixels
  // from the edges.
  function viewOf(list, maxZoom, pad) {
    var bb = boxOf(list);
    if (pad === undefined) pad = PAD;
    var z = Math.min((width - 2 * pad) / Math.max(bb.w, 1), (height - 2 * pad) / Math.max(bb.h, 1));
    z = Math.max(MIN_ZOOM, Math.min(maxZoom, z));
    var cx = (bb.x1 + bb.x2) / 2, cy = (bb.y1 + bb.y2) / 2;
    return { zoom: z, x: width / 2 - z * cx, y: height / 2 - z * cy };
  }

  // The view moves to `to` over `duration` ms (none: at once).
  var animation = null;
  function moveTo(to, duration) {
    animation = null;
    if (!duration) {
      view = { zoom: to.zoom, x: to.x, y: to.y };
      viewChanged();
      return;
    }
    // the point of the drawing in the middle of the canvas glides, the zoom
    // changes geometrically
    var from = { zoom: view.zoom, cx: (width / 2 - view.x) / view.zoom, cy: (height / 2 - view.y) / view.zoom };
    var goal = { zoom: to.zoom, cx: (width / 2 - to.x) / to.zoom, cy: (height / 2 - to.y) / to.zoom };
    var anim = { start: performance.now() };
    animation = anim;
    function step(now) {
      if (animation !== anim) return;
      var t = Math.min(1, (now - anim.start) / duration);
      if (t >= 1) {
        animation = null;
        view = { zoom: to.zoom, x: to.x, y: to.y };
      } else {
        var e = t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t);
        var z = from.zoom * Math.pow(goal.zoom / from.zoom, e);
        var cx = from.cx + (goal.cx - from.cx) * e, cy = from.cy + (goal.cy - from.cy) * e;
        view = { zoom: z, x: width / 2 - z * cx, y: height / 2 - z * cy };
        requestAnimationFrame(step);
      }
      viewChanged();
    }
    requestAnimationFrame(step);
  }

  function fitTo(list, maxZoom, now) {
    if (!list.length) return;
    moveTo(viewOf(list, maxZoom), now ? 0 : 250);
  }

  function neighbours(k) {
    var out = [k];
    nodes[k].edges.forEach(function (i) {
      if (edgeHidden[i]) return;
      var o = edges[i].s === k ? edges[i].t : edges[i].s;
      if (!nodeHidden[o]) out.push(o);
    });
    return out;
  }

  // Search hit: the entity in the middle, zoomed so that its neighbours fit
  // if they can, and at least so far that labels are drawn.
  function zoomTo(k) {
    var z = Math.max(READABLE, viewOf(neighbours(k), 2).zoom);
    var p = nodes[k];
    moveTo({ zoom: z, x: width / 2 - z * p.x, y: height / 2 - z * p.y }, 250);
  }

  function centreOn(k) {
    var p = nodes[k], z = view.zoom;
    moveTo({ zoom: z, x: width / 2 - z * p.x, y: height / 2 - z * p.y }, 200);
  }

  // Label widths at FONT px (normal) and HUB_PX px (bold), measured once.
  var measured = {};
  function textWidth(k, bold) {
    var key = (bold ? "b" : "n") + k;
    if (measured[key] === undefined) {
      ctx.font = (bold ? "bold " : "") + (bold ? HUB_PX : FONT) + "px " + FAMILY;
      measured[key] = ctx.measureText(shortLabel(k, bold)).width;
    }
    return measured[key];
  }
  var FAMILY = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
  // labels of entities other than hubs are cut at about 160 px (at FONT px)
  function shortLabel(k, hub) {
    var label = nodes[k].label;
    return hub || label.length <= 28 ? label : label.slice(0, 26) + "…";
  }

  // Labels by degree: at any zoom, the most connected entities in view get a
  // label drawn at 13 px, as many as fit without overlapping (about one per
  // 140 × 140 px); the others show their labels once zoomed in to READABLE.
  var byDegree = nodes.map(function (_, k) { return k; }).sort(function (a, b) {
    return nodes[b].degree - nodes[a].degree ||
      data.nodes[b].mentions - data.nodes[a].mentions ||
      (nodes[a].label < nodes[b].label ? -1 : nodes[a].label > nodes[b].label ? 1 : 0);
  });
  var isHub = new Array(n).fill(false);
  var hubs = [];
  function labelHubs() {
    var zoom = view.zoom;
    hubs.forEach(function (k) { isHub[k] = false; });
    hubs = [];
    if (zoom * FONT >= HUB_PX) return;
    var ext = extent();
    var most = Math.max(8, Math.round(width * height / 19600));
    var boxes = [];
    // among the 2 × most best connected in view: no label for a little
    // connected entity just because its corner of the picture is empty
    var considered = 0;
    for (var i = 0; i < byDegree.length && hubs.length < most && considered < 2 * most; i++) {
      var k = byDegree[i], node = nodes[k];
      if (nodeHidden[k] || node.degree === 0) continue;
      if (node.x < ext.x1 || node.x > ext.x2 || node.y < ext.y1 || node.y > ext.y2) continue;
      considered++;
      // in pixels: the label's box with a margin
      var sx = node.x * zoom + view.x, top = (node.y + node.size / 2) * zoom + view.y;
      var half = textWidth(k, true) / 2 + 6;
      var box = { x1: sx - half, x2: sx + half, y1: top, y2: top + HUB_PX * 1.6 + 6 };
      var free = true;
      for (var b = 0; b < boxes.length && free; b++) {
        var o = boxes[b];
        free = box.x2 < o.x1 || box.x1 > o.x2 || box.y2 < o.y1 || box.y1 > o.y2;
      }
      if (!free) continue;
      boxes.push(box);
      hubs.push(k);
      isHub[k] = true;
    }
  }

  // The drawing's rectangle in view.
  function extent() {
    return {
      x1: -view.x / view.zoom, y1: -view.y / view.zoom,
      x2: (width - view.x) / view.zoom, y2: (height - view.y) / view.zoom,
    };
  }

  // ----- drawing -----
  var CHUNK = 64;
  // What the last frame drew as text: for each labelled entity its index,
  // font size in pixels and box on the canvas (for tests: window.newsgraph.view).
  var drawnLabels = [];

  // Cytoscape's arrow size for a line of width w (arrow-scale 0.8): length
  // and half width in drawing units.
  function arrowOf(w) {
    var size = Math.max(Math.pow(w * 13.37, 0.9), 29) * 0.8;
    return { len: 0.3 * size, half: 0.15 * size };
  }

  function shapePath(path, shape, x, y, s) {
    var h = s / 2;
    switch (shape) {
      case "round-rectangle": {
        var r = s / 4;
        path.moveTo(x - h + r, y - h);
        path.arcTo(x + h, y - h, x + h, y + h, r);
        path.arcTo(x + h, y + h, x - h, y + h, r);
        path.arcTo(x - h, y + h, x - h, y - h, r);
        path.arcTo(x - h, y - h, x + h, y - h, r);
        path.closePath();
        break;
      }
      case "hexagon":
        path.moveTo(x - h, y);
        path.lineTo(x - h / 2, y - h);
        path.lineTo(x + h / 2, y - h);
        path.lineTo(x + h, y);
        path.lineTo(x + h / 2, y + h);
        path.lineTo(x - h / 2, y + h);
        path.closePath();
        break;
      case "barrel":
        path.moveTo(x - h * 0.8, y - h);
        path.lineTo(x + h * 0.8, y - h);
        path.quadraticCurveTo(x + h, y - h, x + h, y - h * 0.6);
        path.lineTo(x + h, y + h * 0.6);
        path.quadraticCurveTo(x + h, y + h, x + h * 0.8, y + h);
        path.lineTo(x - h * 0.8, y + h);
        path.quadraticCurveTo(x - h, y + h, x - h, y + h * 0.6);
        path.lineTo(x - h, y - h * 0.6);
        path.quadraticCurveTo(x - h, y - h, x - h * 0.8, y - h);
        path.closePath();
        break;
      case "diamond":
        path.moveTo(x, y - h);
        path.lineTo(x + h, y);
        path.lineTo(x, y + h);
        path.lineTo(x - h, y);
        path.closePath();
        break;
      default:
        path.moveTo(x + h, y);
        path.arc(x, y, h, 0, 2 * Math.PI);
        path.closePath();
    }
  }

  // The control point of a bent relation's curve (a quadratic Bézier through
  // the point `bend` away from the middle), or null for a straight one.
  function controlOf(e) {
    if (!e.bend) return null;
    var a = nodes[e.s], b = nodes[e.t];
    var lo = e.s < e.t ? a : b, hi = e.s < e.t ? b : a;
    var dx = hi.x - lo.x, dy = hi.y - lo.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    return { x: (a.x + b.x) / 2 - dy / d * 2 * e.bend, y: (a.y + b.y) / 2 + dx / d * 2 * e.bend };
  }

  // The point at t (0 at the source, 1 at the target) along relation i.
  function pointOn(i, t) {
    var e = edges[i], a = nodes[e.s], b = nodes[e.t], c = controlOf(e);
    if (!c) return { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
    var u = 1 - t;
    return { x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y };
  }

  // Adds relation i to `line` (its stroke) and `heads` (its arrowheads).
  function edgePath(i, line, heads, zoom) {
    var e = edges[i], a = nodes[e.s], b = nodes[e.t];
    if (e.s === e.t) {
      var r = a.size * 0.4;
      line.moveTo(a.x + a.size * 0.35 + r, a.y - a.size * 0.35);
      line.arc(a.x + a.size * 0.35, a.y - a.size * 0.35, r, 0, 2 * Math.PI);
      return;
    }
    var c = controlOf(e);
    var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    // the directions leaving the source and entering the target
    var sx = (c ? c.x : b.x) - a.x, sy = (c ? c.y : b.y) - a.y, sd = Math.sqrt(sx * sx + sy * sy) || 1;
    var tx = b.x - (c ? c.x : a.x), ty = b.y - (c ? c.y : a.y), td = Math.sqrt(tx * tx + ty * ty) || 1;
    sx /= sd; sy /= sd; tx /= td; ty /= td;
    var ra = a.size / 2, rb = b.size / 2;
    var arrow = arrowOf(e.width);
    var showHeads = arrow.len * zoom >= 1.5 && d > ra + rb + arrow.len;
    var x1 = a.x + sx * ra, y1 = a.y + sy * ra, x2 = b.x - tx * rb, y2 = b.y - ty * rb;
    if (showHeads) {
      heads.moveTo(x2, y2);
      heads.lineTo(x2 - tx * arrow.len - ty * arrow.half, y2 - ty * arrow.len + tx * arrow.half);
      heads.lineTo(x2 - tx * arrow.len + ty * arrow.half, y2 - ty * arrow.len - tx * arrow.half);
      heads.closePath();
      x2 -= tx * arrow.len; y2 -= ty * arrow.len;
      if (e.symmetric) {
        heads.moveTo(x1, y1);
        heads.lineTo(x1 + sx * arrow.len - sy * arrow.half, y1 + sy * arrow.len + sx * arrow.half);
        heads.lineTo(x1 + sx * arrow.len + sy * arrow.half, y1 + sy * arrow.len - sx * arrow.half);
        heads.closePath();
        x1 += sx * arrow.len; y1 += sy * arrow.len;
      }
    }
    line.moveTo(x1, y1);
    if (c) line.quadraticCurveTo(c.x, c.y, x2, y2);
    else line.lineTo(x2, y2);
  }

  function edgeInView(i, ext) {
    var e = edges[i], a = nodes[e.s], b = nodes[e.t], pad = Math.abs(e.bend || 0) + a.size;
    return !(Math.max(a.x, b.x) + pad < ext.x1 || Math.min(a.x, b.x) - pad > ext.x2 || Math.max(a.y, b.y) + pad < ext.y1 || Math.min(a.y, b.y) - pad > ext.y2);
  }

  function nodeInView(k, ext, margin) {
    var p = nodes[k], r = p.size / 2 + (margin || 0);
    return p.x + r >= ext.x1 && p.x - r <= ext.x2 && p.y + r >= ext.y1 && p.y - r <= ext.y2;
  }

  function draw() {
    var zoom = view.zoom;
    var ext = extent();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * view.x, ratio * view.y);
    ctx.lineCap = "butt";
    ctx.lineJoin = "miter";

    // relations: one path per colour, width and line style
    var groups = {};
    var order = [];
    var i, e, key, g;
    for (i = 0; i < m; i++) {
      if (edgeHidden[i] || !edgeInView(i, ext)) continue;
      e = edges[i];
      key = e.color + "|" + e.width + "|" + (e.removed ? 1 : 0);
      g = groups[key];
      if (!g) {
        g = groups[key] = { color: e.color, width: e.width, dashed: e.removed, lines: [], heads: [], count: 0 };
        order.push(g);
      }
      // paths of at most CHUNK relations: filling one path of thousands of
      // arrowheads costs the rasteriser far more than many small ones
      if (g.count++ % CHUNK === 0) {
        g.lines.push(new Path2D());
        g.heads.push(new Path2D());
      }
      edgePath(i, g.lines[g.lines.length - 1], g.heads[g.heads.length - 1], zoom);
    }
    order.forEach(function (g) {
      ctx.strokeStyle = g.color;
      ctx.fillStyle = g.color;
      // big graphs: lines thinner than 3 device pixels drawn as hairlines
      // (the rasteriser strokes those without outlining each of 10,000
      // lines: several times faster)
      ctx.lineWidth = big && g.width * zoom * ratio < 3 ? 0.95 / (zoom * ratio) : g.width;
      ctx.setLineDash(g.dashed ? [6, 3] : []);
      g.lines.forEach(function (path) { ctx.stroke(path); });
      g.heads.forEach(function (path) { ctx.fill(path); });
    });
    ctx.setLineDash([]);
    if (selected && selected.edge !== undefined && !edgeHidden[selected.edge]) {
      var line = new Path2D(), heads = new Path2D();
      edgePath(selected.edge, line, heads, zoom);
      ctx.strokeStyle = "#1f4e9c";
      ctx.fillStyle = "#1f4e9c";
      ctx.lineWidth = edges[selected.edge].width + 1;
      ctx.setLineDash([6, 3]);
      ctx.stroke(line);
      ctx.setLineDash([]);
      ctx.fill(heads);
    }

    // entities: one path per colour and border
    var fills = {};
    var fillOrder = [];
    var special = [];
    for (var k = 0; k < n; k++) {
      if (nodeHidden[k] || !nodeInView(k, ext)) continue;
      var node = nodes[k];
      if (node.removed || (selected && selected.node === k)) { special.push(k); continue; }
      g = fills[node.color];
      if (!g) { g = fills[node.color] = { color: node.color, path: new Path2D() }; fillOrder.push(g); }
      shapePath(g.path, node.shape, node.x, node.y, node.size);
    }
    ctx.strokeStyle = "#555555";
    ctx.lineWidth = 1;
    fillOrder.forEach(function (g) {
      ctx.fillStyle = g.color;
      ctx.fill(g.path);
      ctx.stroke(g.path);
    });
    special.forEach(function (k) {
      var node = nodes[k], path = new Path2D();
      shapePath(path, node.shape, node.x, node.y, node.size);
      ctx.fillStyle = node.color;
      ctx.fill(path);
      var sel = selected && selected.node === k;
      ctx.strokeStyle = sel ? "#1f4e9c" : "#555555";
      ctx.lineWidth = sel ? 4 : 2;
      ctx.setLineDash(node.removed && !sel ? [5, 3] : []);
      ctx.stroke(path);
      ctx.setLineDash([]);
    });

    // text, in pixels
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    if (edgeLabels && 9 * zoom >= MIN_FONT_PX) {
      var epx = 9 * zoom;
      ctx.font = epx + "px " + FAMILY;
      for (i = 0; i < m; i++) {
        if (edgeHidden[i] || !edgeInView(i, ext)) continue;
        e = edges[i];
        var a = nodes[e.s], b = nodes[e.t];
        var mx, my, angle = 0;
        if (e.s === e.t) {
          mx = (a.x + a.size * 0.35) * zoom + view.x;
          my = (a.y - a.size * 0.75) * zoom + view.y;
        } else {
          var mid = pointOn(i, 0.5);
          mx = mid.x * zoom + view.x;
          my = mid.y * zoom + view.y;
          angle = Math.atan2(b.y - a.y, b.x - a.x);
          if (angle > Math.PI / 2) angle -= Math.PI;
          if (angle < -Math.PI / 2) angle += Math.PI;
        }
        var tw = ctx.measureText(e.type).width;
        ctx.save();
        ctx.translate(mx, my);
        ctx.rotate(angle);
        ctx.globalAlpha = 0.8;
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(-tw / 2 - 1, -epx / 2 - 1, tw + 2, epx + 2);
        ctx.globalAlpha = 1;
        ctx.fillStyle = e.color;
        ctx.textBaseline = "middle";
        ctx.fillText(e.type, 0, 0);
        ctx.restore();
      }
      ctx.textBaseline = "top";
    }
    drawnLabels = [];
    var px = FONT * zoom;
    var all = px >= MIN_FONT_PX;
    function label(k, hub) {
      var node = nodes[k];
      var size = hub ? HUB_PX : px;
      var w = hub ? textWidth(k, true) : textWidth(k, false) * zoom;
      var sx = node.x * zoom + view.x, top = (node.y + node.size / 2) * zoom + view.y + 3 * zoom;
      var box = [sx - w / 2 - 1, top - 1, sx + w / 2 + 1, top + size * 1.25 + 1];
      if (box[2] < 0 || box[0] > width || box[3] < 0 || box[1] > height) return;
      ctx.font = (hub ? "bold " : "") + size + "px " + FAMILY;
      if (hub) {
        ctx.globalAlpha = 0.75;
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
        ctx.globalAlpha = 1;
      }
      ctx.fillStyle = "#222222";
      ctx.fillText(shortLabel(k, hub), sx, top + size * 0.1);
      drawnLabels.push({ k: k, px: size, box: box });
    }
    if (all) {
      for (k = 0; k < n; k++) {
        if (!nodeHidden[k] && !isHub[k] && nodeInView(k, ext, 200 / zoom)) label(k, false);
      }
    }
    hubs.forEach(function (k) { if (!nodeHidden[k]) label(k, true); });
    if (big) {
      if (snapshot.width !== canvas.width || snapshot.height !== canvas.height) {
        snapshot.width = canvas.width;
        snapshot.height = canvas.height;
      }
      var sctx = snapshot.getContext("2d");
      sctx.clearRect(0, 0, snapshot.width, snapshot.height);
      sctx.drawImage(canvas, 0, 0);
      snapView = { zoom: view.zoom, x: view.x, y: view.y };
    }
  }

  // the last full frame of a big graph, and the view it was drawn at
  var snapshot = document.createElement("canvas");
  var snapView = null;
  // While the view moves: that frame, moved and scaled to the view.
  function drawMoving() {
    var k = view.zoom / snapView.zoom;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(ratio * k, 0, 0, ratio * k, ratio * (view.x - k * snapView.x), ratio * (view.y - k * snapView.y));
    ctx.drawImage(snapshot, 0, 0, width, height);
  }

  var drawPending = false;
  var moving = false;
  // until the first frame, which the page draws itself
  var booting = true;
  // the next frame: in full, or (`move`: the view moves) the last one moved
  function redraw(move) {
    if (!move) moving = false;
    if (drawPending || booting) return;
    if (move) moving = true;
    drawPending = true;
    requestAnimationFrame(function () {
      drawPending = false;
      if (moving && big && snapView) drawMoving();
      else draw();
      moving = false;
    });
  }

  // after the view moved: a new frame, and the labels chosen again once
  // it rests
  var relabel = null;
  function viewChanged() {
    redraw(true);
    if (relabel) clearTimeout(relabel);
    relabel = setTimeout(function () { relabel = null; labelHubs(); redraw(); }, 120);
  }

  // ----- pointer: pan, zoom, click -----
  // The entity or relation under a point of the canvas (pixels), if any.
  function hit(px, py) {
    var x = (px - view.x) / view.zoom, y = (py - view.y) / view.zoom;
    var best = null, bestD = Infinity;
    for (var k = 0; k < n; k++) {
      if (nodeHidden[k]) continue;
      var node = nodes[k];
      var d = Math.sqrt((node.x - x) * (node.x - x) + (node.y - y) * (node.y - y));
      if (d <= node.size / 2 + 2 / view.zoom && d < bestD) { best = { node: k }; bestD = d; }
    }
    if (best) return best;
    for (var i = 0; i < m; i++) {
      if (edgeHidden[i]) continue;
      var e = edges[i], a = nodes[e.s], b = nodes[e.t], dist;
      if (e.s === e.t) {
        var r = a.size * 0.4;
        dist = Math.abs(Math.sqrt(Math.pow(x - a.x - a.size * 0.35, 2) + Math.pow(y - a.y + a.size * 0.35, 2)) - r);
      } else {
        // the distance to the line, or to 16 pieces of the curve
        dist = Infinity;
        var pieces = e.bend ? 16 : 1;
        var p = a;
        for (var j = 1; j <= pieces; j++) {
          var q = j === pieces ? b : pointOn(i, j / pieces);
          var dx = q.x - p.x, dy = q.y - p.y, len2 = dx * dx + dy * dy || 1;
          var t = Math.max(0, Math.min(1, ((x - p.x) * dx + (y - p.y) * dy) / len2));
          var qx = p.x + t * dx - x, qy = p.y + t * dy - y;
          dist = Math.min(dist, Math.sqrt(qx * qx + qy * qy));
          p = q;
        }
      }
      if (dist <= Math.max(e.width / 2 + 1 / view.zoom, 5 / view.zoom) && dist < bestD) { best = { edge: i }; bestD = dist; }
    }
    return best;
  }

  function tap(px, py) {
    var h = hit(px, py);
    if (!h) return;
    if (h.node !== undefined) selectNode(h.node, false);
    else selectEdge(h.edge);
  }

  var press = null;
  canvas.addEventListener("pointerdown", function (evt) {
    press = { id: evt.pointerId, x: evt.offsetX, y: evt.offsetY, vx: view.x, vy: view.y, moved: false };
    canvas.setPointerCapture(evt.pointerId);
  });
  // over an entity or relation the pointer says it can be clicked (looked
  // up at most once a frame)
  var hover = null;
  canvas.addEventListener("pointermove", function (evt) {
    if (!press) {
      if (!hover) {
        requestAnimationFrame(function () {
          canvas.style.cursor = hit(hover.x, hover.y) ? "pointer" : "";
          hover = null;
        });
      }
      hover = { x: evt.offsetX, y: evt.offsetY };
      return;
    }
    if (press.id !== evt.pointerId) return;
    var dx = evt.offsetX - press.x, dy = evt.offsetY - press.y;
    if (!press.moved && dx * dx + dy * dy < 16) return;
    press.moved = true;
    animation = null;
    view = { zoom: view.zoom, x: press.vx + dx, y: press.vy + dy };
    viewChanged();
  });
  function release(evt) {
    if (!press || press.id !== evt.pointerId) return;
    var was = press;
    press = null;
    if (!was.moved && evt.type === "pointerup") tap(evt.offsetX, evt.offsetY);
  }
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    animation = null;
    var delta = evt.deltaMode === 1 ? evt.deltaY * 33 : evt.deltaY;
    var z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, view.zoom * Math.pow(2, -delta * 0.3 / 250)));
    var px = evt.offsetX, py = evt.offsetY;
    var x = (px - view.x) / view.zoom, y = (py - view.y) / view.zoom;
    view = { zoom: z, x: px - z * x, y: py - z * y };
    viewChanged();
  }, { passive: false });
  window.addEventListener("resize", function () { resize(); labelHubs(); redraw(); });

  // Small graphs: the entities with relations pushed apart until no two
  // overlap with their labels and a margin (deterministic); the entities
  // without relations then go in rows below.
  function polish() {
    var linked = [], lonely = [];
    for (var k = 0; k < n; k++) (nodes[k].degree > 0 ? linked : lonely).push(k);
    function box(k) {
      // room beside the label for the relations leaving sideways
      var node = nodes[k], hw = Math.max(node.size / 2, textWidth(k, false) / 2) + 40;
      return { x1: node.x - hw, x2: node.x + hw, y1: node.y - node.size / 2 - 8, y2: node.y + node.size / 2 + 3 + FONT * 1.3 + 8 };
    }
    for (var round = 0; round < 300; round++) {
      var moved = false;
      for (var i = 0; i < linked.length; i++) {
        for (var j = i + 1; j < linked.length; j++) {
          var a = box(linked[i]), b = box(linked[j]);
          var ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1), oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          var p = nodes[linked[i]], q = nodes[linked[j]];
          if (ox < oy) {
            var sx = p.x < q.x || (p.x === q.x && i < j) ? 1 : -1;
            p.x -= sx * (ox / 2 + 0.5); q.x += sx * (ox / 2 + 0.5);
          } else {
            var sy = p.y < q.y || (p.y === q.y && i < j) ? 1 : -1;
            p.y -= sy * (oy / 2 + 0.5); q.y += sy * (oy / 2 + 0.5);
          }
        }
      }
      if (!moved) break;
    }
    if (lonely.length && linked.length) {
      var bb = { x1: Infinity, x2: -Infinity, y2: -Infinity };
      linked.forEach(function (k) {
        var b = box(k);
        bb.x1 = Math.min(bb.x1, b.x1); bb.x2 = Math.max(bb.x2, b.x2); bb.y2 = Math.max(bb.y2, b.y2);
      });
      var columns = Math.max(1, Math.floor((bb.x2 - bb.x1) / 130), Math.ceil(Math.sqrt(lonely.length)));
      lonely.forEach(function (k, c) {
        nodes[k].x = bb.x1 + (c % columns) * 130;
        nodes[k].y = bb.y2 + 80 + Math.floor(c / columns) * 80;
      });
    }
  }
  if (n <= 300) polish();
  applyFilters(false);
  var first = shownIndexes();
  fitTo(first.length ? first : nodes.map(function (_, k) { return k; }), 2, true);
  if (relabel) { clearTimeout(relabel); relabel = null; }
  labelHubs();
  draw();
  booting = false;
  var layoutMs = performance.now() - started;
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
    fitTo(nodes.map(function (_, k) { return k; }), 2);
  });

  // ----- cards and evidence -----
  var details = document.getElementById("details");

  function entityLink(k) {
    var b = el("button", { type: "button", text: nodes[k].label });
    b.addEventListener("click", function () { selectNode(k, true); });
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

  function showCard(k) {
    clear(details);
    var entity = data.nodes[k];
    var card = el("div", { class: "card", "data-testid": "card" }, [
      el("h2", { text: entity.label }),
      el("p", null, [el("span", { class: "kind", text: entity.kind }), el("span", { class: "meta", text: entity.mentions + " mention(s) · id " + entity.id })]),
      changeLine(entity),
    ]);
    if (entity.aliases.length) {
      card.appendChild(el("p", { class: "meta", text: "Also: " + entity.aliases.join(", ") }));
    }
    var out = nodes[k].edges.filter(function (i) { return edges[i].s === k; });
    var inc = nodes[k].edges.filter(function (i) { return edges[i].t === k && edges[i].s !== k; });
    [[out, "Relations from " + entity.label, true], [inc, "Relations to " + entity.label, false]].forEach(function (group) {
      if (!group[0].length) return;
      card.appendChild(el("h3", { text: group[1] + " (" + group[0].length + ")" }));
      var list = el("ul", { class: "rel" });
      group[0].sort(function (a, b) { return edges[a].type < edges[b].type ? -1 : edges[a].type > edges[b].type ? 1 : a - b; }).forEach(function (i) {
        var rel = data.edges[i];
        var other = group[2] ? edges[i].t : edges[i].s;
        var evidenceLink = el("button", { type: "button", text: rel.type });
        evidenceLink.addEventListener("click", function () { selectEdge(i); });
        var parts = group[2] ? [evidenceLink, " → ", entityLink(other)] : [entityLink(other), " → ", evidenceLink];
        parts.push(el("span", { class: "count", text: " (" + rel.weight + ")" }));
        if (diff && rel.change && rel.change !== "same") parts.push(el("span", { class: "change-" + rel.change, text: " " + rel.change }));
        list.appendChild(el("li", null, parts));
      });
      card.appendChild(list);
    });
    details.appendChild(card);
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function showEvidence(i) {
    clear(details);
    var rel = data.edges[i];
    var box = el("div", { class: "evidence-card", "data-testid": "evidence" }, [
      el("h2", null, [entityLink(edges[i].s), " " + rel.type + " ", entityLink(edges[i].t)]),
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
  function selectNode(k, zoom) {
    selected = { node: k };
    if (focusBox.checked || nodeHidden[k]) applyFilters();
    if (focusBox.checked) {
      // applyFilters refitted
    } else if (zoom) {
      zoomTo(k);
    } else {
      centreOn(k);
    }
    redraw();
    showCard(k);
  }

  function selectEdge(i) {
    selected = { edge: i };
    redraw();
    showEvidence(i);
  }

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
      b.addEventListener("click", function () { selectNode(nodeIndex[id], true); });
      results.appendChild(el("li", null, [b]));
    });
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter") {
      var first = find(search.value)[0];
      if (first) selectNode(nodeIndex[first], true);
    }
  });

  // ----- for tests and the curious -----
  // window.newsgraph: how long the script took before the first frame
  // (layoutMs), when the page became interactive (interactiveMs: ms since
  // the navigation started, loading and parsing included, to the first
  // frame drawn with every entity and relation), and what is drawn.
  function rgb(hex) {
    var v = parseInt(hex.slice(1), 16);
    return "rgb(" + (v >> 16) + "," + ((v >> 8) & 255) + "," + (v & 255) + ")";
  }
  function screen(k) {
    return { x: nodes[k].x * view.zoom + view.x, y: nodes[k].y * view.zoom + view.y };
  }
  window.newsgraph = {
    layoutMs: layoutMs,
    days: allDays,
    ready: false,
    // entities and relations shown
    shown: function () { return [shownNodes, shownEdges]; },
    positioned: function () {
      return nodes.every(function (p) { return Number.isFinite(p.x) && Number.isFinite(p.y); });
    },
    // the colour of each entity (by id) and relation ("source type target")
    paint: function () {
      var out = {};
      nodes.forEach(function (p) { out[p.id] = rgb(p.color); });
      edges.forEach(function (e) { out[nodes[e.s].id + " " + e.type + " " + nodes[e.t].id] = rgb(e.color); });
      return out;
    },
    // the view as drawn now: zoom, canvas size, the labels drawn (entity,
    // degree, font px, box in canvas pixels), the five most connected
    // entities inside the canvas, and the box around the entities shown
    view: function () {
      if (relabel) { clearTimeout(relabel); relabel = null; labelHubs(); }
      draw();
      var inside = [];
      var box = [Infinity, Infinity, -Infinity, -Infinity];
      for (var k = 0; k < n; k++) {
        if (nodeHidden[k]) continue;
        var p = screen(k), r = nodes[k].size / 2 * view.zoom;
        box = [Math.min(box[0], p.x - r), Math.min(box[1], p.y - r), Math.max(box[2], p.x + r), Math.max(box[3], p.y + r)];
        if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) inside.push(k);
      }
      inside.sort(function (a, b) { return nodes[b].degree - nodes[a].degree; });
      return {
        zoom: view.zoom,
        width: width,
        height: height,
        labels: drawnLabels.map(function (l) { return { id: nodes[l.k].id, degree: nodes[l.k].degree, px: l.px, box: l.box }; }),
        top: inside.slice(0, 5).map(function (k) { return nodes[k].id; }),
        box: box,
        // the font size of labels other than the hubs', and the least at
        // which they are drawn
        labelPx: FONT * view.zoom,
        minPx: MIN_FONT_PX,
      };
    },
    animated: function () { return animation !== null; },
    selected: function () {
      if (!selected) return [];
      return [selected.node !== undefined ? nodes[selected.node].id : "r" + selected.edge];
    },
    // a tap on the entity
    select: function (id) { selectNode(nodeIndex[id], false); },
    // fits the entity and its neighbours (or, without id, everything shown)
    // at once, `pad` pixels from the edges
    fit: function (id, pad) {
      var list = id === null || id === undefined ? shownIndexes() : neighbours(nodeIndex[id]);
      moveTo(viewOf(list, MAX_ZOOM, pad), 0);
      if (relabel) { clearTimeout(relabel); relabel = null; }
      labelHubs();
      draw();
    },
    // where an entity is on the canvas, in pixels
    position: function (id) { return screen(nodeIndex[id]); },
    // the boxes of the entities shown, with their labels, in pixels
    boxes: function () {
      var out = [], z = view.zoom;
      for (var k = 0; k < n; k++) {
        if (nodeHidden[k]) continue;
        var p = screen(k), r = nodes[k].size / 2 * z, half = Math.max(r, textWidth(k, false) * z / 2);
        out.push({ x1: p.x - half, y1: p.y - r, x2: p.x + half, y2: p.y + r + (3 + FONT * 1.25) * z });
      }
      return out;
    },
    // the relations shown at an entity: type, and where it is drawn at
    // each of `ts` (0 at the source, 1 at the target), in pixels
    relationsAt: function (id, ts) {
      var k = nodeIndex[id];
      return nodes[k].edges.filter(function (i) { return !edgeHidden[i]; }).map(function (i) {
        return {
          index: i,
          type: edges[i].type,
          loop: edges[i].s === edges[i].t,
          points: (ts || [0.5]).map(function (t) {
            var p = pointOn(i, t);
            return { x: p.x * view.zoom + view.x, y: p.y * view.zoom + view.y };
          }),
        };
      });
    },
  };
  var done = false;
  function interactive() {
    if (done) return;
    done = true;
    window.newsgraph.interactiveMs = performance.now();
    window.newsgraph.ready = true;
  }
  // the first frame is drawn: the page answers from the next one
  requestAnimationFrame(interactive);
})();
