// Drives the HTML report in a real browser (Debian's headless Chromium through playwright-core)
// as a person would: sort a column, filter by text, band and company, click a skill bar to list
// the postings asking for it, and read the page with scripts off. Run from the project root:
//   node tests/browser/explore.mjs REPORT.html
// Exits non-zero, naming what failed, on the first broken behaviour.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";

const report = process.argv[2];
if (!report) throw new Error("usage: node tests/browser/explore.mjs REPORT.html");
const url = pathToFileURL(report).href;
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });

try {
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(url);

  // The script ran (the policy allowed it by its hash): the filters are shown.
  assert.equal(await page.isVisible("#filters"), true, "the filters stay hidden: the script did not run");
  const total = await page.locator("#postings tbody.posting").count();
  assert.ok(total >= 5, `only ${total} postings in the table`);
  const visible = () => page.locator("#postings tbody.posting:not([hidden])");
  assert.equal(await page.textContent("#shown"), `${total} of ${total} postings shown`);

  // Sorting by confidence, up then down.
  const column = await page.locator("#postings thead th").allTextContents();
  const confidence = column.findIndex((t) => t.trim().startsWith("confidence"));
  const values = async () =>
    page.$$eval(`#postings tbody.posting`, (bodies, i) => bodies.map((b) => Number(b.rows[0].cells[i].dataset.v)), confidence);
  await page.click(`#postings thead th:nth-child(${confidence + 1}) button`);
  const up = await values();
  assert.deepEqual(up, [...up].sort((a, b) => a - b), "ascending sort");
  await page.click(`#postings thead th:nth-child(${confidence + 1}) button`);
  const down = await values();
  assert.deepEqual(down, [...down].sort((a, b) => b - a), "descending sort");
  assert.equal(await page.getAttribute(`#postings thead th:nth-child(${confidence + 1})`, "aria-sort"), "descending");

  // Text filter: a company's name keeps its postings only.
  const company = await page.$$eval("#postings tbody.posting", (b) => b.map((x) => x.dataset.company).find(Boolean));
  assert.ok(company, "no posting has a company");
  await page.fill("#filter-text", company.toLowerCase());
  const companies = await visible().evaluateAll((b) => b.map((x) => x.dataset.search));
  assert.ok(companies.length > 0 && companies.length < total, `text filter kept ${companies.length} of ${total}`);
  assert.ok(companies.every((s) => s.includes(company.toLowerCase())));
  await page.fill("#filter-text", "");

  // Company and band selects.
  await page.selectOption("#filter-company", company);
  assert.ok((await visible().evaluateAll((b) => b.map((x) => x.dataset.company))).every((c) => c === company));
  await page.selectOption("#filter-company", "");
  const bands = await page.$$eval("#postings tbody.posting", (b) => b.map((x) => x.dataset.band));
  const band = bands.find((b) => b !== bands[0]) || bands[0];
  await page.selectOption("#filter-band", band);
  const kept = await visible().evaluateAll((b) => b.map((x) => x.dataset.band));
  assert.ok(kept.length > 0 && kept.every((b) => b === band), `band filter kept ${kept}`);
  await page.selectOption("#filter-band", "");
  assert.equal(await visible().count(), total);

  // Drill-down: clicking a skill bar lists exactly the postings that ask for it.
  const bar = page.locator("g[data-skill]").first();
  const skill = await bar.getAttribute("data-skill");
  const note = await bar.locator("text").last().textContent();
  const wanted = Number(/(\d+) postings?/.exec(note)[1]);
  await bar.click();
  assert.equal(await page.isVisible("#skill-filter"), true, "no note of the skill filter");
  const asking = await visible().evaluateAll((b) => b.map((x) => x.dataset.skills.split(" ")));
  assert.ok(asking.every((skills) => skills.includes(skill)), `a listed posting does not ask for ${skill}`);
  assert.equal(asking.length, wanted, `the chart says ${wanted} postings ask for ${skill}`);
  await page.click("#clear-skill");
  assert.equal(await visible().count(), total);

  // Links to the originals are web addresses that open apart from the report.
  const links = await page.$$eval("#postings a", (a) => a.map((x) => [x.getAttribute("href"), x.rel]));
  assert.ok(links.length > 0, "no posting links to its original");
  assert.ok(links.every(([href, rel]) => /^https?:\/\//.test(href) && rel === "noopener noreferrer"));
  assert.deepEqual(problems, [], "console errors");

  // Scripts off: every posting is listed and readable, the controls that need the script are not shown.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const still = await plain.newPage();
  await still.goto(url);
  assert.equal(await still.locator("#postings tbody.posting").count(), total);
  assert.equal(await still.isVisible("#filters"), false);
  await still.locator("#postings details summary").first().click();
  assert.ok((await still.locator("#postings details ol li").first().textContent()).length > 0);
  await plain.close();

  console.log(
    `browser explore: ${total} postings; sorted, filtered by text/company/band, drilled into ${skill} (${wanted} postings); readable with scripts off`
  );
} finally {
  await browser.close();
}
