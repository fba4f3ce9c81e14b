import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse } from "graphql";
import { chromium, type Browser, type Page } from "playwright-core";
import { startTestServer, type TestServer } from "../../helpers/server";

/** Debian's chromium package; playwright-core drives it and downloads no browser of its own. */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ROOT = join(__dirname, "..", "..", "..");
const SCREENSHOT = join(ROOT, "test-results", "playground.png");
const README_SCREENSHOT = join(ROOT, "docs", "playground.png");
const MAIN_TITLE = 'Dortmund tritt Charta "Integrating Cities" für weltoffene Großstädte bei';
const EXAMPLE_NAMES = parse(readFileSync(join(ROOT, "schema", "examples.graphql"), "utf8")).definitions.map((d) =>
  d.kind === Kind.OPERATION_DEFINITION ? d.name?.value : d.kind,
);

const haveChromium = existsSync(CHROMIUM);
const maybe = haveChromium ? describe : describe.skip;
if (!haveChromium) {
  console.warn(`Skipping the playground browser test: ${CHROMIUM} is missing (install it with apt-get install chromium).`);
}

/** The little of the page's DOM that the functions run inside the browser use. */
type PageDocument = { querySelector(selector: string): { textContent: string | null } | null };

/**
 * Waits until the Monaco editor inside `editor` shows `text` on screen, white space compared
 * loosely since long lines wrap; fails the test when it does not within 20 s.
 */
async function expectEditorToShow(page: Page, editor: string, text: string): Promise<void> {
  const wanted = text.replace(/\s+/g, "");
  await page.waitForFunction(
    ({ selector, wanted }) => {
      const { document } = globalThis as unknown as { document: PageDocument };
      const lines = document.querySelector(`${selector} .view-lines`);
      return (lines?.textContent ?? "").replace(/\s+/g, "").includes(wanted);
    },
    { selector: editor, wanted },
    { timeout: 20_000 },
  );
}

jest.setTimeout(120_000);

maybe("the playground in headless Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on("request", (request) => requested.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.goto(`${server.url}/graphql`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens one tab per example operation, the front page first with its variables", async () => {
    await page.locator(".graphiql-query-editor .view-lines").waitFor();
    expect(await page.locator(".graphiql-tab").allInnerTexts()).toEqual(EXAMPLE_NAMES);
    await expectEditorToShow(page, ".graphiql-query-editor", "query FrontPage($first: Int = 20) {");
    await expectEditorToShow(page, ".graphiql-editor-tool", '{ "first": 20 }');
  });

  it("runs the front page and shows the seed article's title in the result pane", async () => {
    await page.getByRole("button", { name: /^Execute query/ }).click();
    await expectEditorToShow(page, ".graphiql-response", '"totalCount": 16');

    // Monaco renders only the lines in view: search the response to bring the title into view.
    await page.locator(".graphiql-response .monaco-editor").click();
    await page.keyboard.press("Control+F");
    await page.locator(".graphiql-response .find-widget textarea[aria-label=Find]").fill("Integrating Cities");
    await page.locator(".graphiql-response .find-widget .matchesCount").getByText(/^1 of \d+$/).waitFor();
    await page.keyboard.press("Escape");
    await page.locator(".graphiql-response .find-widget").waitFor({ state: "hidden" });
    await expectEditorToShow(page, ".graphiql-response", `"title": ${JSON.stringify(MAIN_TITLE)}`);

    mkdirSync(join(ROOT, "test-results"), { recursive: true });
    mkdirSync(join(ROOT, "docs"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    copyFileSync(SCREENSHOT, README_SCREENSHOT);
  });

  it("lists the schema in the docs explorer", async () => {
    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    const docs = page.locator(".graphiql-doc-explorer");
    await docs.getByText("Query", { exact: true }).first().click();
    await docs.getByText("One article by id or by slug; null when not found.").waitFor();
  });

  it("keeps the run in the history", async () => {
    await page.getByRole("button", { name: "Show History" }).click();
    await page.locator(".graphiql-history-item").getByText("FrontPage").waitFor();
  });

  it("loads every request it makes from Newsgate, with no failure and no console error", async () => {
    const workers = requested.flatMap((url) => /\/(\w+)\.worker-\w+\.js$/.exec(url)?.[1] ?? []);
    expect(new Set(workers)).toEqual(new Set(["editor", "graphql", "json"]));
    expect(new Set(requested.map((url) => new URL(url).origin))).toEqual(new Set([server.url]));
    expect(problems).toEqual([]);
  });
});
