// Sizes a finger and an older eye need, measured in the browser on every kind of page: every link, button and
// form control at least 44 px on its short side (60 px in 长辈版 and at a kiosk), links inside running text
// excepted; in 长辈版 no text below 18 px; and no WCAG 2.1 AA violation axe-core can find. A page with nothing
// to measure fails: it did not render.
import { expectAccessible } from './accessible';
import { test, expect, Page } from './fixtures';

/** The site's pages of each kind (the place question is reached through its form). */
const SITE_PAGES = ['/', '/items', '/items/54', '/search?q=社保', '/departments', '/departments/civil-affairs', '/book',
  '/bookings', '/no/such/page', '/staff/sign-in', '/petitions'];
const KIOSK_PAGES = ['/kiosk/hall-1', '/kiosk/hall-1/book', '/kiosk/hall-1/check-in', '/kiosk/hall-1/board'];

type Target = { what: string; side: number };

/** Every visible target's shorter side. A radio or checkbox is hit through its label, so the label is measured. */
async function targets(page: Page): Promise<Target[]> {
  return page.evaluate(() => {
    // A link in a sentence is sized by the text around it (WCAG 2.5.8's inline exception).
    const inRunningText = (el: Element) => {
      if (el.tagName !== 'A' || !el.parentElement) return false;
      const own = Array.from(el.parentElement.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('');
      return own.replace(/[\s›·|/,，、：:]/g, '').length > 0;
    };
    const measured = (el: Element): Element => {
      const input = el as HTMLInputElement;
      if (el.tagName === 'INPUT' && (input.type === 'radio' || input.type === 'checkbox') && input.labels?.length) {
        return input.labels[0];
      }
      return el;
    };
    return Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary'))
      .filter((el) => !el.closest('.visually-hidden, .idle-warning[hidden], [hidden]') && !inRunningText(el))
      .map((el) => ({ el, box: measured(el).getBoundingClientRect() }))
      .filter(({ box }) => box.width > 1 && box.height > 1)
      .map(({ el, box }) => ({
        what: `${el.tagName.toLowerCase()} "${(el.textContent || (el as HTMLInputElement).name || '').trim().slice(0, 24)}"`,
        side: Math.round(Math.min(box.width, box.height) * 10) / 10,
      }));
  });
}

/** Every visible piece of text smaller than `px`, with its size. */
async function textBelow(page: Page, px: number): Promise<string[]> {
  return page.evaluate((limit) => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let visible = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, noscript, .visually-hidden, [hidden]')) continue;
      if (parent.getClientRects().length === 0) continue;
      visible += 1;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < limit) small.push(`${size}px "${text.slice(0, 20)}"`);
    }
    if (visible < 5) small.push(`only ${visible} pieces of text: the page did not render`);
    return small;
  }, px);
}

async function expectTargets(page: Page, path: string, at_least: number) {
  const found = await targets(page);
  expect(found.length, `targets on ${path}`).toBeGreaterThan(0);
  const small = found.filter((t) => t.side < at_least).map((t) => `${t.what}: ${t.side}px`);
  expect(small, `targets under ${at_least}px on ${path}`).toEqual([]);
}

/** The place question of 结婚登记, the street list and one street's places. */
async function placeQuestion(page: Page): Promise<string[]> {
  await page.goto('/items/54');
  await page.getByRole('button', { name: '预约到现场办理' }).click();
  await expect(page.locator('h1')).toHaveText('到哪里办？');
  return ['/book/place', '/book/place?street=望海楼'];
}

test('every target is big enough to hit, on every kind of page', async ({ page }) => {
  test.setTimeout(120_000); // fifteen pages, each also through axe-core
  for (const path of [...SITE_PAGES, ...(await placeQuestion(page))]) {
    await page.goto(path);
    await expectTargets(page, path, 44);
    await expectAccessible(page, path);
  }
  for (const path of KIOSK_PAGES) {
    await page.goto(path);
    await expectTargets(page, path, 60);
    await expectAccessible(page, path);
  }
});

test('in 长辈版 every target is 60 px and no text is below 18 px', async ({ page }) => {
  test.setTimeout(120_000); // eleven pages, each also through axe-core
  await page.goto('/');
  await page.locator('.site-header .elder-toggle button').click();
  await expect(page.locator('html')).toHaveClass(/elder/);
  for (const path of [...SITE_PAGES, ...(await placeQuestion(page))]) {
    await page.goto(path);
    await expectTargets(page, path, 60);
    expect(await textBelow(page, 18), `text under 18px on ${path} in 长辈版`).toEqual([]);
    await expectAccessible(page, path);
  }
});

test('the 长辈版 switch keeps its name and says whether it is on', async ({ page }) => {
  await page.goto('/items');
  const toggle = page.locator('.site-header .elder-toggle button');
  await expect(toggle).toHaveAccessibleName('长辈版');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page).toHaveURL(/\/items$/);
  await expect(toggle).toHaveAccessibleName('长辈版');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle).toContainText('已开启');
});
