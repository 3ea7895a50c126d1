// Every spec imports `test` from here. On each page it loads, a hydrated project waits for the islands to be live
// (`data-hydrated` on <html>, set by the bundle), and every project fails on an uncaught script error, a console
// error or a CSP violation. Without this, a broken bundle would pass: the pages also work without JavaScript.
import { test as base, expect, Page } from '@playwright/test';

export { expect };
export type { Page } from '@playwright/test';

const HYDRATION_MS = 10_000;

/** Resolves with a problem, or nothing, once the page's islands (if any) are hydrated or time has run out. */
async function islandsHydrated(page: Page): Promise<string | undefined> {
  try {
    const ok = await page.evaluate(async (limit) => {
      if (!document.querySelector('leptos-island')) return true;
      const until = Date.now() + limit;
      while (!document.documentElement.hasAttribute('data-hydrated')) {
        if (Date.now() > until) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
      return true;
    }, HYDRATION_MS);
    return ok ? undefined : `islands never hydrated on ${page.url()}`;
  } catch {
    return undefined; // the page navigated away (or closed) first: the next page is checked on its own load
  }
}

/** Watches `page` for the rest of the test; returns the check to run at its end. */
export function watch(page: Page, hydrated: boolean): () => Promise<void> {
  const problems: string[] = [];
  const pending: Promise<void>[] = [];
  // Each document's CSP as the server sent it, to tell a header without a nonce from a violation elsewhere.
  const policies = new Map<string, string>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document') {
      policies.set(response.url(), `${response.status()} ${response.headers()['content-security-policy'] ?? '(none)'}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx answer is the app saying no (a 404 page, a form shown again with a 400): not a script error.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) {
      const at = message.location().url.split('#')[0];
      problems.push(`console error at ${at} (served ${policies.get(at) ?? 'not seen'}): ${message.text()}`);
    }
  });
  if (hydrated) {
    page.on('load', () => pending.push(islandsHydrated(page).then((p) => void (p && problems.push(p)))));
  }
  return async () => {
    await Promise.all(pending);
    expect(problems, 'no script errors, no CSP violations, and hydrated islands').toEqual([]);
  };
}

export const test = base.extend<{ watchdog: void }>({
  page: async ({ page }, use, info) => {
    // In a hydrated project, a page opened with goto is acted on only once its islands are live.
    if (!info.project.name.endsWith('-nojs')) {
      const goto = page.goto.bind(page);
      page.goto = async (url, options) => {
        const response = await goto(url, options);
        const problem = await islandsHydrated(page);
        if (problem) throw new Error(problem);
        return response;
      };
    }
    await use(page);
  },
  context: async ({ context }, use) => {
    // CSP violations also reach the console as errors; this names the directive.
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
    await use(context);
  },
  watchdog: [
    async ({ page }, use, info) => {
      const check = watch(page, !info.project.name.endsWith('-nojs'));
      await use();
      await check();
    },
    { auto: true },
  ],
});
