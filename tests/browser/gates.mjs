// Browser journeys and the two gates (axe-core accessibility, W3C Nu HTML checker) against a
// running gongshi site. Started by tests/browser/run.sh, which builds and serves the sample.
//
//   node gates.mjs --base http://127.0.0.1:PORT --out DIR
//
// Exits non-zero when a journey fails, a gate finds a problem on the site, or a gate does NOT
// find the problem planted in its broken page (tests/browser/broken/).

import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const BASE = args.base ?? "http://127.0.0.1:8080";
const OUT = args.out ?? join(here, "out");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const VIEWPORTS = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 900 } };
const AXE = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");
const VNU = join(here, "node_modules/vnu-jar/build/dist/vnu.jar");

for (const d of ["screenshots", "html", "reports"]) mkdirSync(join(OUT, d), { recursive: true });

const failures = [];
const fail = (what) => {
  failures.push(what);
  console.error(`FAIL ${what}`);
};
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});

async function newPage(viewport) {
  // The site's Content-Security-Policy stays in force: axe is evaluated through the DevTools
  // protocol, which the policy does not govern.
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: "zh-CN" });
  const page = await context.newPage();
  // Anything the site's own policy refuses, or any script error, is a failure.
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) fail(`CSP ${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => fail(`script error ${page.url()}: ${e.message}`));
  return page;
}

const text = async (url) => {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
};

// ------------------------------------------------------------------------------------------
// Templates: one URL for every kind of page the site has, found from the site itself.

async function templates() {
  const found = new Map();
  const sitemap = (await text(`${BASE}/sitemap.xml`)).body;
  const paths = [...sitemap.matchAll(/<loc>[^<]*?(\/[^<]*)<\/loc>/g)].map((m) => new URL(m[1], BASE).pathname);
  const patterns = [
    ["home", /^\/$/],
    ["risk-list", /^\/risks\/$/],
    ["risk", /^\/risks\/[^/]+\/$/],
    ["power-list", /^\/powers\/$/],
    ["power", /^\/powers\/[^/]+\/$/],
    ["exemption-list", /^\/exemptions\/$/],
    ["exemption", /^\/exemptions\/[^/]+\/$/],
    ["benchmark-list", /^\/benchmarks\/$/],
    ["benchmark", /^\/benchmarks\/[^/]+\/$/],
    ["decision-index", /^\/decisions\/$/],
    ["decision-year", /^\/decisions\/\d{4}\/$/],
    ["decision-month", /^\/decisions\/\d{4}\/\d{2}\/$/],
    ["decision-by", /^\/decisions\/by\/[^/]+\/[^/]+\/$/],
    ["decision", /^\/decisions\/[A-Za-z][^/]*\/$/],
    ["case-list", /^\/cases\/$/],
    ["case", /^\/cases\/[^/]+\/$/],
    ["agency-list", /^\/agencies\/$/],
    ["agency", /^\/agencies\/[^/]+\/$/],
    ["remedies", /^\/remedies\/$/],
    ["page", /^\/pages\/[^/]+\/$/],
    ["statistics", /^\/statistics\/$/],
    ["self-check-index", /^\/self-check\/$/],
    ["self-check", /^\/self-check\/[^/]+\/$/],
    ["open-data", /^\/open-data\/$/],
    ["ticket", /^\/ticket\/$/],
    ["guide-list", /^\/guides\/$/],
    ["guide", /^\/guides\/[^/]+\/$/],
    ["inspection-list", /^\/inspections\/$/],
    ["inspection", /^\/inspections\/JC-[^/]+\/$/],
    ["inspection-plan", /^\/inspections\/plan-\d+\/$/],
    ["inspection-results", /^\/inspections\/results-\d+\/$/],
    ["register", /^\/(av-recording|legal-review|registers\/[^/]+)\/$/],
    ["site-map", /^\/sitemap\/$/],
  ];
  for (const [name, re] of patterns) {
    const p = paths.find((x) => re.test(x) && !(name === "decision" && x.startsWith("/decisions/by/")));
    if (p) found.set(name, p);
    else fail(`template ${name}: no page of this kind in the sitemap`);
  }
  // Not in the sitemap: a withdrawn decision (found through the year lists), search pages, 404.
  const index = (await text(`${BASE}/decisions/`)).body;
  for (const y of [...index.matchAll(/href="(\/decisions\/\d{4}\/)"/g)].map((m) => m[1])) {
    const page = (await text(`${BASE}${y}`)).body;
    const row = page.split("<tr>").find((r) => r.includes("已撤回"));
    const link = row && row.match(/href="(\/decisions\/[^"]+\/)"/);
    if (link) {
      found.set("decision-withdrawn", link[1]);
      break;
    }
  }
  if (!found.has("decision-withdrawn")) fail("template decision-withdrawn: none found");
  found.set("search", "/search?q=" + encodeURIComponent("门口摆摊"));
  found.set("search-filtered", "/search?q=" + encodeURIComponent("油烟") + "&kind=risk");
  found.set("search-none", "/search?q=" + encodeURIComponent("量子纠缠望远镜"));
  found.set("search-referral", "/search?q=" + encodeURIComponent("狗没拴绳"));
  found.set("search-number-missing", "/search?q=" + encodeURIComponent("示城执罚决字〔2026〕第9999号"));
  for (const p of ["/report/", "/complain/", "/referrals/"]) found.set(`page${p.replaceAll("/", "-")}`.replace(/-$/, ""), p);
  found.set("search-error", "/search?q=" + encodeURIComponent("摆".repeat(101)));
  found.set("ticket-result", "/ticket/?anchor=served&date=2026-09-16&procedure=ordinary&amount=500&party=individual&agency=shicheng");
  found.set("ticket-error", "/ticket/?anchor=served&date=2026-02-30&procedure=simple&amount=" + encodeURIComponent("五百"));
  found.set("not-found", "/no-such-page/");
  return found;
}

// ------------------------------------------------------------------------------------------
// Gates.

const BLOCKING = new Set(["serious", "critical"]);

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
}

function blocking(result) {
  return result.violations.filter((v) => BLOCKING.has(v.impact));
}

function nu(files) {
  if (files.length === 0) return [];
  let out;
  try {
    out = execFileSync("java", ["-jar", VNU, "--errors-only", "--format", "json", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    // vnu exits 1 when it reports errors; its report is on stderr.
    out = e.stderr || e.stdout;
  }
  const report = JSON.parse(out || '{"messages":[]}');
  return report.messages.filter((m) => m.type === "error");
}

async function gates(found) {
  const summary = [];
  const htmlFiles = [];
  for (const viewport of Object.keys(VIEWPORTS)) {
    const page = await newPage(viewport);
    for (const [name, path] of found) {
      const res = await page.goto(`${BASE}${path}`);
      if (!res) {
        fail(`${name}: no response`);
        continue;
      }
      const result = await axe(page);
      const bad = blocking(result);
      for (const v of bad) {
        fail(`axe ${viewport} ${name} ${path}: ${v.impact} ${v.id} (${v.nodes.length}×) ${v.help}`);
      }
      summary.push({ viewport, name, path, status: res.status(), violations: result.violations.map((v) => `${v.impact} ${v.id}`) });
      if (viewport === "phone") {
        const file = join(OUT, "html", `${name}.html`);
        writeFileSync(file, await res.text());
        htmlFiles.push(file);
        await page.screenshot({ path: join(OUT, "screenshots", `template-${name}-phone.png`), fullPage: false });
        // Nothing may be wider than the phone: a table or a long word that is makes the whole
        // page scroll sideways.
        const wide = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return null;
          const el = [...document.querySelectorAll("main *")].find((e) => e.getBoundingClientRect().right > width + 1);
          return { scroll: document.documentElement.scrollWidth, width, el: el ? `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className}` : "?" };
        });
        if (wide) fail(`phone ${name} ${path}: the page is ${wide.scroll}px wide on a ${wide.width}px screen (${wide.el})`);
      }
    }
    await page.context().close();
  }
  for (const m of nu(htmlFiles)) {
    fail(`nu ${m.url?.split("/").pop()} ${m.lastLine}:${m.firstColumn ?? m.lastColumn}: ${m.message}`);
  }
  writeFileSync(join(OUT, "reports", "axe.json"), JSON.stringify(summary, null, 2));
  console.log(`gates: ${found.size} templates × ${Object.keys(VIEWPORTS).length} viewports through axe, ${htmlFiles.length} pages through the Nu checker (${elapsed()})`);
}

// Each gate must catch the mistake planted in its broken page.
async function gatesCanFail() {
  const dir = join(here, "broken");
  const page = await newPage("phone");
  const expect = { "no-alt.html": "image-alt", "low-contrast.html": "color-contrast" };
  for (const [file, rule] of Object.entries(expect)) {
    await page.setContent(readFileSync(join(dir, file), "utf8"));
    const ids = blocking(await axe(page)).map((v) => v.id);
    if (!ids.includes(rule)) fail(`axe did not fail ${file} with ${rule} (got: ${ids.join(", ") || "nothing"})`);
    else console.log(`broken page ${file}: axe fails it with ${rule}, as it must`);
  }
  await page.context().close();
  const nesting = join(dir, "bad-nesting.html");
  const errors = nu([nesting]);
  if (errors.length === 0) fail("the Nu checker did not fail bad-nesting.html");
  else console.log(`broken page bad-nesting.html: the Nu checker fails it (${errors[0].message})`);
  // And the clean control page passes both.
  const control = join(dir, "control.html");
  if (nu([control]).length > 0) fail("the Nu checker failed the clean control page");
  const p = await newPage("phone");
  await p.setContent(readFileSync(control, "utf8"));
  if (blocking(await axe(p)).length > 0) fail("axe failed the clean control page");
  await p.context().close();
  console.log(`broken-page self-tests checked: ${readdirSync(dir).length} files`);
}

// ------------------------------------------------------------------------------------------
// Journeys, at both viewports, with screenshots.

async function journey(name, viewport, steps) {
  const page = await newPage(viewport);
  const shot = (step) => page.screenshot({ path: join(OUT, "screenshots", `${name}-${viewport}-${step}.png`) });
  try {
    await steps(page, shot);
    console.log(`journey ${name} (${viewport}): ok`);
  } catch (e) {
    await shot("failed").catch(() => {});
    fail(`journey ${name} (${viewport}): ${e.message.split("\n")[0]}`);
  } finally {
    await page.context().close();
  }
}

/// Runs an action that navigates, and waits until the new page has loaded.
async function navigating(page, action) {
  const committed = page.waitForEvent("framenavigated", (f) => f === page.mainFrame());
  await action();
  await committed;
  await page.waitForLoadState("load");
}

const expectTrue = (cond, message) => {
  if (!cond) throw new Error(message);
};

const journeys = {
  // From the home page, search 门口摆摊 and open the first result.
  async search(page, shot) {
    await page.goto(`${BASE}/`);
    await page.fill("#home-q", "门口摆摊");
    await navigating(page, () => page.press("#home-q", "Enter"));
    expectTrue(page.url().includes("/search?"), `not on the results page: ${page.url()}`);
    await shot("results");
    const first = page.locator("main ol.results a, main .results a").first();
    const title = (await first.innerText()).trim();
    expectTrue(title.length > 0, "no first result");
    await navigating(page, () => first.click());
    const h1 = (await page.locator("h1").innerText()).trim();
    expectTrue(title.includes(h1) || h1.includes(title), `first result "${title}" opened "${h1}"`);
    await shot("first-result");
  },
  // Narrow a search with a facet: the filter is applied and shown as selected.
  async facet(page, shot) {
    await page.goto(`${BASE}/search?q=${encodeURIComponent("油烟")}`);
    const before = await page.locator("main").innerText();
    const facet = page.locator("aside a[href*='kind=']").first();
    const label = (await facet.innerText()).trim();
    await navigating(page, () => facet.click());
    expectTrue(/kind=/.test(page.url()), `facet did not filter: ${page.url()}`);
    await shot("filtered");
    const after = await page.locator("main").innerText();
    expectTrue(after !== before, "the results did not change");
    expectTrue((await page.locator("aside [aria-current], aside .selected, aside [aria-checked='true']").count()) > 0 || after.includes(label.replace(/\s*\(?\d+\)?$/, "")), `facet ${label} not shown as applied`);
  },
  // Open a decision from the decisions list and read its remedies box.
  async decision(page, shot) {
    await page.goto(`${BASE}/decisions/`);
    const row = page.locator("main table tbody tr").filter({ hasNotText: "已撤回" }).first();
    const link = row.locator("a").first();
    const number = (await link.innerText()).trim();
    await navigating(page, () => link.click());
    expectTrue((await page.locator("h1").innerText()).includes(number), "the decision did not open");
    const box = page.locator("#remedies-title");
    await box.scrollIntoViewIfNeeded();
    expectTrue(await box.isVisible(), "no remedies box");
    const remedies = await page.locator("aside.remedies").innerText();
    expectTrue(/行政复议/.test(remedies) && /(最迟为|期限届满日为) \d{4}年\d{1,2}月\d{1,2}日/.test(remedies), "the remedies box has no dates");
    await shot("remedies");
  },
  // Answer first (issue 18): a lay question gets the answer card and the first hit on the first
  // screen; the risk page opens with its answer, record data after it. Asserted by position.
  async answer(page, shot) {
    const fold = page.viewportSize().height;
    const top = (sel) => page.locator(sel).first().evaluate((el) => el.getBoundingClientRect().top);
    for (const q of ["门口摆摊", "招牌", "狗没拴绳"]) {
      await page.goto(`${BASE}/search?q=${encodeURIComponent(q)}`);
      const card = await top("main section.answer");
      const first = await top("main ol.results li h2 a");
      expectTrue(card < fold, `${q}: the answer starts at ${card} px, below the ${fold}-px screen`);
      expectTrue(first < fold, `${q}: the first result starts at ${first} px, below the ${fold}-px screen`);
    }
    await shot("results");
    await page.goto(`${BASE}/search?q=${encodeURIComponent("门口摆摊")}`);
    await navigating(page, () => page.locator("main section.answer h2 a").click());
    expectTrue(/\/risks\/R-/.test(page.url()), `the answer did not open a risk point: ${page.url()}`);
    const answer = page.locator("main section.answer");
    expectTrue((await answer.innerText()).includes("能不能"), "the risk page has no answer");
    expectTrue((await top("main section.answer")) < fold, "the risk page's answer is below the first screen");
    const record = await page.locator("main h2", { hasText: "本项信息" }).first().evaluate((el) => el.getBoundingClientRect().top);
    expectTrue(record > (await top("main section.answer")), "record data comes before the answer");
    await shot("risk");
  },
  // Report a violation from the home page; a matter for another department names it.
  async report(page, shot) {
    await page.goto(`${BASE}/`);
    await navigating(page, () => page.locator("main a[href='/report/']").first().click());
    expectTrue((await page.locator("main").innerText()).includes("12345"), "the report page gives no 12345");
    await shot("report");
    await page.goto(`${BASE}/search?q=${encodeURIComponent("狗没拴绳")}`);
    const card = await page.locator("main section.answer").innerText();
    expectTrue(/公安/.test(card), `the referral card does not name the department: ${card.slice(0, 80)}`);
    await shot("referral");
  },
  // Run the 餐饮 self-check from the navigation.
  async selfcheck(page, shot) {
    await page.goto(`${BASE}/`);
    await navigating(page, () => page.locator("nav.site-nav a", { hasText: "经营前自查" }).click());
    await navigating(page, () => page.locator("main a", { hasText: "餐饮" }).first().click());
    expectTrue((await page.locator("h1").innerText()).includes("餐饮"), "not the 餐饮 page");
    const risks = await page.locator("main a[href^='/risks/']").count();
    expectTrue(risks > 0, "no risks listed");
    await shot("canyin");
  },
  // Switch on 长者模式 and see it persist on the next page; switch it off again.
  async elder(page, shot) {
    await page.goto(`${BASE}/risks/`);
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const normal = await size();
    await navigating(page, () => page.locator("a.to-elder").click());
    expectTrue(new URL(page.url()).pathname === "/risks/", `came back to ${page.url()}`);
    expectTrue(await page.evaluate(() => document.documentElement.classList.contains("elder")), "no elder class");
    expectTrue((await size()) > normal * 1.2, "text is not larger");
    await navigating(page, () => page.locator("nav.site-nav a", { hasText: "权责清单" }).click());
    expectTrue(await page.evaluate(() => document.documentElement.classList.contains("elder")), "elder mode did not persist");
    await shot("elder-next-page");
    // 适老化 (MIIT 2021): body text ≥ 18 pt (24 px) with line spacing ≥ 1.5, targets ≥ 44 px
    // high, the menu not filling the first screen, and axe's contrast rules still pass.
    for (const path of ["/risks/", "/remedies/", `/search?q=${encodeURIComponent("门口摆摊")}`]) {
      await page.goto(`${BASE}${path}`);
      const m = await page.evaluate(() => {
        const p = document.querySelector("main p");
        const s = getComputedStyle(p);
        const small = [...document.querySelectorAll("nav.site-nav a, main button, header button, .pager a")]
          .filter((el) => el.getBoundingClientRect().height > 0)
          .map((el) => [el.textContent.trim(), Math.round(el.getBoundingClientRect().height)])
          .filter(([, h]) => h < 44);
        const nav = document.querySelector("nav.site-nav").getBoundingClientRect();
        return { size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) / parseFloat(s.fontSize), small, navBottom: nav.bottom };
      });
      expectTrue(m.size >= 24, `${path}: body text ${m.size}px, below 18 pt`);
      expectTrue(m.line >= 1.5, `${path}: line spacing ${m.line.toFixed(2)}`);
      expectTrue(m.small.length === 0, `${path}: targets under 44 px: ${JSON.stringify(m.small.slice(0, 3))}`);
      expectTrue(m.navBottom < page.viewportSize().height / 2, `${path}: the menu ends at ${m.navBottom}px`);
      const contrast = (await axe(page)).violations.filter((v) => v.id === "color-contrast");
      expectTrue(contrast.length === 0, `${path}: contrast in 长者模式: ${contrast.map((v) => v.nodes.length).join(",")} nodes`);
    }
    await shot("elder-search");
    await navigating(page, () => page.locator("a.to-standard").click());
    expectTrue(!(await page.evaluate(() => document.documentElement.classList.contains("elder"))), "elder mode did not switch off");
  },
  // Keyboard: the first Tab reaches the skip link, which is visible when focused.
  async keyboard(page, shot) {
    await page.goto(`${BASE}/`);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return { text: el.textContent, visible: r.width > 0 && r.height > 0 && r.top >= 0, outline: s.outlineStyle !== "none" || s.boxShadow !== "none" };
    });
    expectTrue(focused.text.includes("跳到正文"), `first Tab reached "${focused.text}"`);
    expectTrue(focused.visible && focused.outline, "the focused skip link is not visibly focused");
    await shot("skip-link");
  },
};

// ------------------------------------------------------------------------------------------

const found = await templates();
for (const viewport of Object.keys(VIEWPORTS)) {
  for (const [name, steps] of Object.entries(journeys)) await journey(name, viewport, steps);
}
console.log(`journeys done (${elapsed()})`);
await gates(found);
await gatesCanFail();
await browser.close();
console.log(`browser tests: ${failures.length} failure(s), ${elapsed()}; screenshots in ${join(OUT, "screenshots")}`);
process.exit(failures.length > 0 ? 1 : 0);
