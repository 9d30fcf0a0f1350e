// Opens a newsgraph HTML page from disk in headless Debian Chromium (driven by
// playwright-core, no browser download) and does what a reader does: counts
// what is drawn, searches an entity, clicks it on the canvas and reads its
// card, clicks one of its relations on the canvas and reads the evidence,
// and takes a screenshot. Prints one JSON object on standard output;
// tests/browser.rs asserts on it.
//
//   node tests/browser/check.mjs PAGE.html [--search NAME] [--screenshot OUT.png]
//                                          [--find NAME] [--time FIRST LAST]
//
// --find NAME is the walk through a big page (issue 18): which labels the
// first view draws, the entities without relations it hides, searching NAME
// (Enter) and where that leaves the view, focus mode's refit, and with
// --time the range filter set to FIRST..LAST (YYYY-MM-DD).
//
// Environment: NEWSGRAPH_CHROMIUM (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import path from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const page_path = args[0];
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const search = option("--search");
const screenshot = option("--screenshot");
const findName = option("--find");
const timeFirst = option("--time");
const timeLast = timeFirst ? args[args.indexOf("--time") + 2] : undefined;
if (!page_path) {
  console.error("usage: check.mjs PAGE.html [--search NAME] [--screenshot OUT.png]");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.NEWSGRAPH_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const report = { errors: [], dialogs: [], requests: [] };
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  // The page must need nothing but itself: any request other than the file
  // is recorded (the test asserts there is none) and refused.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    report.requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => report.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") report.errors.push(m.text());
  });
  page.on("dialog", async (d) => {
    report.dialogs.push(d.message());
    await d.dismiss();
  });

  const url = pathToFileURL(path.resolve(page_path)).href;
  const started = Date.now();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => window.newsgraph && window.newsgraph.ready, null, { timeout: 60000 });
  report.openMs = Date.now() - started;
  Object.assign(
    report,
    await page.evaluate(() => {
      const g = window.newsgraph;
      const [nodes, edges] = g.shown();
      const paint = g.paint();
      return {
        layoutMs: Math.round(g.layoutMs),
        interactiveMs: Math.round(g.interactiveMs),
        nodes,
        edges,
        positioned: g.positioned(),
        counts: document.querySelector("[data-testid=counts]").textContent,
        kinds: document.querySelector("[data-testid=kinds]").textContent,
        types: document.querySelector("[data-testid=types]").textContent,
        injected: document.querySelectorAll("img, iframe, object, embed").length,
        changes: document.querySelector("[data-testid=changes]").textContent,
        // the colours drawn, for small pages (a diff page colours by change)
        paint: Object.keys(paint).length > 200 ? null : paint,
      };
    }),
  );

  // what is drawn: [entities, relations]
  const visible = () => page.evaluate(() => window.newsgraph.shown());
  const settled = () => page.waitForFunction(() => !window.newsgraph.animated(), null, { timeout: 5000 }).catch(() => {});
  // The view: its zoom, the entities whose labels the page draws inside the
  // canvas, how many pairs of those labels overlap, the most connected
  // entities inside, and the box around what is shown.
  const view = () =>
    page.evaluate(() => {
      const v = window.newsgraph.view();
      const labelled = v.labels.filter((l) => {
        const [x1, y1, x2, y2] = l.box;
        return x2 >= 0 && y2 >= 0 && x1 <= v.width && y1 <= v.height;
      });
      let overlaps = 0;
      for (let i = 0; i < labelled.length; i++) {
        for (let j = i + 1; j < labelled.length; j++) {
          const a = labelled[i].box, b = labelled[j].box;
          if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) overlaps++;
        }
      }
      return {
        zoom: v.zoom,
        width: v.width,
        height: v.height,
        labelled: labelled.map((l) => l.id),
        labelPx: labelled.map((l) => Math.round(l.px * 10) / 10),
        overlaps,
        top: v.top,
        box: v.box,
      };
    });

  if (findName) {
    report.firstView = await view();
    if (screenshot) await page.screenshot({ path: screenshot });
    report.alone = await page.evaluate(() => document.getElementById("alone-count").textContent);
    report.shown = await visible();
    await page.check("[data-testid=alone]");
    report.withAlone = await visible();
    await page.uncheck("[data-testid=alone]");
    // search: Enter zooms to the first hit
    await page.fill("[data-testid=search]", findName);
    await page.press("[data-testid=search]", "Enter");
    await settled();
    report.found = await page.evaluate(() => {
      const g = window.newsgraph;
      const id = g.selected()[0];
      if (!id) return null;
      const p = g.position(id);
      const v = g.view();
      return {
        id,
        x: p.x,
        y: p.y,
        labelPx: v.labelPx,
        minPx: v.minPx,
        card: (document.querySelector("[data-testid=card] h2") || {}).textContent,
      };
    });
    report.searchView = await view();
    // focus mode: the entity's neighbourhood, refitted
    await page.check("[data-testid=focus]");
    report.focused = await visible();
    await settled();
    report.focusView = await view();
    await page.uncheck("[data-testid=focus]");
    report.unfocused = await visible();
    if (timeFirst) {
      const set = async (first, last) => {
        await page.evaluate(
          ([first, last]) => {
            const days = window.newsgraph.days;
            const from = document.getElementById("time-from");
            const to = document.getElementById("time-to");
            from.value = String(days.indexOf(first));
            from.dispatchEvent(new Event("input", { bubbles: true }));
            to.value = String(days.indexOf(last));
            to.dispatchEvent(new Event("input", { bubbles: true }));
          },
          [first, last],
        );
        // the range applies on the next frame
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      };
      report.days = await page.evaluate(() => window.newsgraph.days.length);
      await set(timeFirst, timeLast);
      report.timeShown = await visible();
      report.timeLabels = [
        await page.textContent("[data-testid=time-from-day]"),
        await page.textContent("[data-testid=time-to-day]"),
      ];
      await page.uncheck("[data-testid=undated]");
      report.timeDatedShown = await visible();
      await page.click("text=Show everything");
      report.afterReset = await visible();
    }
  }

  if (search) {
    await page.fill("[data-testid=search]", search);
    report.results = await page.locator("[data-testid=results] li").allTextContents();
    // Where the entity the search found is drawn, in page coordinates.
    const target = await page.evaluate((name) => {
      const q = name.toLowerCase();
      const data = JSON.parse(document.getElementById("newsgraph-data").textContent);
      const node = data.nodes.find((n) => n.label.toLowerCase() === q);
      if (!node) return null;
      window.newsgraph.fit(node.id, 80);
      const box = document.getElementById("cy").getBoundingClientRect();
      const p = window.newsgraph.position(node.id);
      return { id: node.id, x: box.left + p.x, y: box.top + p.y };
    }, search);
    if (target) {
      await page.mouse.click(target.x, target.y);
      const card = page.locator("[data-testid=card]");
      await card.waitFor({ timeout: 5000 }).catch(() => {});
      report.card = (await card.count()) ? await card.textContent() : null;
      report.cardTitle = (await card.count()) ? await card.locator("h2").textContent() : null;
      report.selected = await page.evaluate(() => window.newsgraph.selected());
      // selecting centres the entity with a short animation
      await page.waitForFunction(() => !window.newsgraph.animated(), null, { timeout: 5000 });

      // One of its relations whose middle is clear of every node and label.
      const edgePoint = await page.evaluate((id) => {
        const g = window.newsgraph;
        const box = document.getElementById("cy").getBoundingClientRect();
        const boxes = g.boxes();
        const clear = (p) => boxes.every((b) => p.x < b.x1 - 4 || p.x > b.x2 + 4 || p.y < b.y1 - 4 || p.y > b.y2 + 4);
        // points along the edge, from the middle outwards
        const ts = [0.5, 0.4, 0.6, 0.3, 0.7, 0.35, 0.65];
        const edges = g.relationsAt(id, ts).filter((e) => !e.loop);
        edges.sort((a, b) => b.points[0].x - a.points[0].x);
        for (const e of edges) {
          for (const p of e.points) {
            if (clear(p) && p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height) {
              return { id: e.index, type: e.type, x: box.left + p.x, y: box.top + p.y };
            }
          }
        }
        return null;
      }, target.id);
      report.edgeClicked = edgePoint ? edgePoint.type : null;
      if (edgePoint) {
        await page.mouse.click(edgePoint.x, edgePoint.y);
        const evidence = page.locator("[data-testid=evidence]");
        await evidence.waitFor({ timeout: 5000 }).catch(() => {});
        report.evidence = (await evidence.count()) ? await evidence.textContent() : null;
        report.evidenceSentences = await page.locator("[data-testid=evidence] q").allTextContents();
        report.evidenceMeta = await page.locator("[data-testid=evidence] .meta").allTextContents();
        report.links = await page.evaluate(() => Array.from(document.querySelectorAll("[data-testid=evidence] a")).map((a) => a.getAttribute("href")));
        report.injected += await page.evaluate(() => document.querySelectorAll("img, iframe, object, embed, #panel script").length);
      }
      // focus mode keeps the entity and its neighbours; a kind filter hides
      // that kind (and its relations)
      await page.evaluate((id) => window.newsgraph.select(id), target.id);
      await page.check("[data-testid=focus]");
      report.focused = await visible();
      await page.uncheck("[data-testid=focus]");
      await page.uncheck("[data-testid=kinds] input[data-name=place]");
      report.withoutPlaces = await visible();
      await page.click("text=Show everything");
      report.afterReset = await visible();
      // as the page opens: without the entities without relations
      await page.uncheck("[data-testid=alone]");
      // back to the whole graph for the screenshot, with the entity's card open
      await page.evaluate(() => window.newsgraph.fit(null, 30));
      const again = await page.evaluate((id) => {
        const box = document.getElementById("cy").getBoundingClientRect();
        const p = window.newsgraph.position(id);
        return { x: box.left + p.x, y: box.top + p.y };
      }, target.id);
      await page.mouse.click(again.x, again.y);
      await page.waitForFunction(() => !window.newsgraph.animated(), null, { timeout: 5000 });
      await page.evaluate(() => window.newsgraph.fit(null, 30));
    }
  }
  if (screenshot && !findName) {
    await page.screenshot({ path: screenshot });
    report.screenshot = screenshot;
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
