// The chat page in headless Chromium, as two users in one room. Run by ChatBrowserTest:
//
//   node chat.browser.cjs <base url> <screenshot.png>
//
// The reconnection step is coordinated with the Java side over stdin/stdout lines:
//   script: READY_FOR_RESTART   java: stops the server, then answers STOPPED
//   script: READY_FOR_START     java: starts it again on the same port, then answers RESTARTED
// Every wait is bounded (WAIT_MS); nothing sleeps. Exits 1 with the failed step on failure.
"use strict";

const { chromium } = require("playwright-core");
const readline = require("node:readline");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const WAIT_MS = Number(process.env.CHAT_BROWSER_WAIT_MS || 20000);
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const [baseUrl, screenshotPath] = process.argv.slice(2);
if (!baseUrl || !screenshotPath) {
  console.error("usage: node chat.browser.cjs <base url> <screenshot.png>");
  process.exit(2);
}

// Lines from the Java side, consumed in order by waitForLine.
const lines = [];
const lineWaiters = [];
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const waiter = lineWaiters.shift();
  if (waiter) {
    waiter(line.trim());
  } else {
    lines.push(line.trim());
  }
});

function waitForLine(expected) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${expected} line from the test `
      + `within ${WAIT_MS} ms`)), WAIT_MS);
    const take = (line) => {
      clearTimeout(timer);
      if (line === expected) {
        resolve();
      } else {
        reject(new Error(`expected the line ${expected}, got ${JSON.stringify(line)}`));
      }
    };
    if (lines.length > 0) {
      take(lines.shift());
    } else {
      lineWaiters.push(take);
    }
  });
}

let current = "launching Chromium";

async function step(name, action) {
  current = name;
  const start = Date.now();
  await action();
  console.log(`ok   ${name} (${Date.now() - start} ms)`);
}

async function openAs(browser, name, room, pageErrors) {
  const page = await browser.newPage({ viewport: { width: 960, height: 640 } });
  page.setDefaultTimeout(WAIT_MS);
  page.on("pageerror", (error) => pageErrors.push(`${name}: ${error.message}`));
  await page.goto(baseUrl);
  await page.locator("#chat").waitFor({ state: "hidden", timeout: WAIT_MS });
  await page.locator("#name").fill(name);
  await page.locator("#room").fill(room);
  await page.locator("#join").click();
  return page;
}

const visible = (locator) => locator.waitFor({ state: "visible", timeout: WAIT_MS });
const gone = (locator) => locator.waitFor({ state: "detached", timeout: WAIT_MS });

function message(page, from, body) {
  return page.locator("#messages li")
    .filter({ has: page.locator(".from", { hasText: from }) })
    .filter({ has: page.locator(".body", { hasText: body }) });
}

function member(page, user) {
  return page.locator(`#presence li[data-user="${user}"]`);
}

function typingNote(page, user) {
  return member(page, user).locator(".typing", { hasText: "is typing" });
}

// The typing note lives about 2 s (the page's idle timer): a MutationObserver in the page
// records that it appeared, so a slow poll under load cannot miss it.
async function watchTyping(page, user) {
  const selector = `#presence li[data-user="${user}"] .typing`;
  await page.evaluate((wanted) => {
    window.seenTyping = window.seenTyping || {};
    window.seenTyping[wanted] = document.querySelector(wanted) !== null;
    new MutationObserver((changes, observer) => {
      if (document.querySelector(wanted) !== null) {
        window.seenTyping[wanted] = true;
        observer.disconnect();
      }
    }).observe(document.getElementById("presence"), { childList: true, subtree: true });
  }, selector);
  return () => page.waitForFunction((wanted) => window.seenTyping[wanted] === true, selector,
    { timeout: WAIT_MS });
}

async function statusIs(page, kinds) {
  await page.waitForFunction((wanted) => {
    const status = document.getElementById("status");
    return wanted.some((kind) => status.classList.contains(kind));
  }, kinds, { timeout: WAIT_MS });
}

async function scenario(browser, pageErrors) {
  let ada;
  let bob;

  await step("ada and bob join room:lobby", async () => {
    ada = await openAs(browser, "ada", "room:lobby", pageErrors);
    bob = await openAs(browser, "bob", "room:lobby", pageErrors);
    for (const page of [ada, bob]) {
      await visible(page.locator("#chat"));
      await page.locator("#login").waitFor({ state: "hidden", timeout: WAIT_MS });
      await visible(page.locator("#room-title", { hasText: "room:lobby" }));
      await statusIs(page, ["online"]);
    }
  });

  await step("each sees the other in the presence list", async () => {
    for (const page of [ada, bob]) {
      await visible(member(page, "ada"));
      await visible(member(page, "bob"));
    }
  });

  await step("ada's message reaches bob, and bob's reaches ada", async () => {
    await ada.locator("#body").fill("Hello bob, how are the channels?");
    await ada.locator("#send button").click();
    await visible(message(bob, "ada", "Hello bob, how are the channels?"));
    await bob.locator("#body").fill("Joined and presence-tracked, ada.");
    await bob.locator("#send button").click();
    await visible(message(ada, "bob", "Joined and presence-tracked, ada."));
    await visible(message(bob, "bob", "Joined and presence-tracked, ada."));
  });

  await step("bob typing shows on ada's page and stops when he sends", async () => {
    const sawBobTyping = await watchTyping(ada, "bob");
    await bob.locator("#body").pressSequentially("Typing", { delay: 20 });
    await sawBobTyping();
    await bob.locator("#send button").click();
    await visible(message(ada, "bob", "Typing"));
    await gone(typingNote(ada, "bob"));
  });

  await step("ada's typing shows on bob's page and goes away when she idles", async () => {
    const sawAdaTyping = await watchTyping(bob, "ada");
    await ada.locator("#body").pressSequentially("a draft", { delay: 20 });
    await sawAdaTyping();
    // The page's idle timer (2 s) clears it; wait for that, bounded.
    await gone(typingNote(bob, "ada"));
    await ada.locator("#body").fill("");
  });

  await step("an empty message shows the can't be blank error", async () => {
    await bob.locator("#body").fill("");
    await bob.locator("#send button").click();
    await visible(bob.locator("#send-error", { hasText: "can't be blank" }));
    await bob.locator("#body").fill("Sorry, that one was empty.");
    await bob.locator("#send button").click();
    await visible(message(ada, "bob", "Sorry, that one was empty."));
    await bob.locator("#send-error").waitFor({ state: "hidden", timeout: WAIT_MS });
  });

  await step("joining room:secret shows the refusal", async () => {
    const eve = await openAs(browser, "eve", "room:secret", pageErrors);
    await visible(eve.locator("#login-error",
      { hasText: "Cannot join room:secret: unauthorized" }));
    await visible(eve.locator("#login"));
    await eve.locator("#chat").waitFor({ state: "hidden", timeout: WAIT_MS });
    await statusIs(eve, ["offline"]);
    await eve.close();
  });

  await step("the server goes away: both pages show it", async () => {
    console.log("READY_FOR_RESTART");
    await waitForLine("STOPPED");
    for (const page of [ada, bob]) {
      await statusIs(page, ["offline", "connecting"]);
      await visible(page.locator("#status", { hasText: "reconnecting" }));
    }
  });

  await step("the server comes back: both pages reconnect and rejoin", async () => {
    console.log("READY_FOR_START");
    await waitForLine("RESTARTED");
    for (const page of [ada, bob]) {
      await statusIs(page, ["online"]);
      await visible(page.locator("#status", { hasText: "online" }));
      await visible(member(page, "ada"));
      await visible(member(page, "bob"));
    }
    await ada.locator("#body").fill("Back after the restart.");
    await ada.locator("#send button").click();
    await visible(message(bob, "ada", "Back after the restart."));
  });

  await step("a screenshot of bob's page while ada types", async () => {
    const sawAdaTyping = await watchTyping(bob, "ada");
    await ada.locator("#body").pressSequentially("One more", { delay: 20 });
    await sawAdaTyping();
    await bob.screenshot({ path: screenshotPath });
    console.log(`screenshot: ${screenshotPath}`);
  });
}

async function main() {
  const started = Date.now();
  const pageErrors = [];
  let browser = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS,
      timeout: 60000 });
    await scenario(browser, pageErrors);
    if (pageErrors.length > 0) {
      throw new Error(`the page threw:\n  ${pageErrors.join("\n  ")}`);
    }
    console.log(`PASSED in ${Date.now() - started} ms`);
    return 0;
  } catch (error) {
    console.error(`FAILED at step "${current}": ${error.message}`);
    if (pageErrors.length > 0) {
      console.error(`errors thrown by the page:\n  ${pageErrors.join("\n  ")}`);
    }
    await failureScreenshots(browser);
    return 1;
  } finally {
    if (browser) {
      await browser.close().catch(() => {});
    }
  }
}

async function failureScreenshots(browser) {
  if (!browser) {
    return;
  }
  const pages = browser.contexts().flatMap((context) => context.pages());
  for (const [index, page] of pages.entries()) {
    const path = screenshotPath.replace(/\.png$/, "") + `-failure-${index}.png`;
    await page.screenshot({ path, timeout: 5000 })
      .then(() => console.error(`failure screenshot: ${path}`))
      .catch(() => {});
  }
}

main().then((code) => process.exit(code));
