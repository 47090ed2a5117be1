// Screenshots of pages at phone size for looking at by hand (not a test):
//   node tests/browser/shoot.mjs --base http://127.0.0.1:PORT --out DIR /path1 /path2 ...
// Prints, for each page, the top of the first result / answer / main heading in pixels.
import { chromium } from "playwright-core";
import { join } from "node:path";
const args = process.argv.slice(2);
const opt = (name, d) => { const i = args.indexOf(name); if (i < 0) return d; const v = args[i + 1]; args.splice(i, 2); return v; };
const BASE = opt("--base", "http://127.0.0.1:8080");
const OUT = opt("--out", "target/shots");
const W = Number(opt("--width", "375")), H = Number(opt("--height", "812"));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
const ctx = await browser.newContext({ viewport: { width: W, height: H }, javaScriptEnabled: false });
for (const [i, path] of args.entries()) {
  const page = await ctx.newPage();
  await page.goto(BASE + path);
  const pos = await page.evaluate(() => {
    const top = (sel) => { const el = document.querySelector(sel); return el ? Math.round(el.getBoundingClientRect().top) + "-" + Math.round(el.getBoundingClientRect().bottom) : "none"; };
    return { h1: top("h1"), answer: top(".answer"), first: top("ol.results li"), height: document.documentElement.scrollHeight };
  });
  console.log(`${path}: h1 ${pos.h1}, answer ${pos.answer}, first result ${pos.first}, page ${pos.height}px`);
  await page.screenshot({ path: join(OUT, `${String(i).padStart(2, "0")}.png`) });
  await page.close();
}
await browser.close();
