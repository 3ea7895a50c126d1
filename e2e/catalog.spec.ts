import { test, expect, Page } from './fixtures';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import * as path from 'path';

/** Screenshots kept as test output, one per page and project. */
const shot = (project: string, name: string) => path.join(__dirname, 'test-results', 'screenshots', `${project}-${name}.png`);

const withJs = (project: string) => !project.endsWith('-nojs');

async function search(page: Page, query: string) {
  const box = page.locator('#home-q');
  await box.fill(query);
  await box.press('Enter');
  await page.waitForURL(/\/search\?q=/);
}

test('finds an item by its pinyin initials and opens it', async ({ page }, info) => {
  await page.goto('/');
  await page.screenshot({ path: shot(info.project.name, 'home'), fullPage: true });
  await search(page, 'shbzk');
  const result = page.locator('.item-card a', { hasText: '社会保障卡申领' }).first();
  await expect(result).toBeVisible();
  // "没有找到" contains 找到 too: the count must be a number of items found.
  await expect(page.locator('.result-count')).toHaveText(/^找到 [1-9]\d* 项/);
  await page.screenshot({ path: shot(info.project.name, 'search'), fullPage: true });
  await result.click();
  await expect(page.locator('h1')).toHaveText('社会保障卡申领');
  await expect(page.locator('.limits .promised')).toContainText('个工作日');
  await expect(page.locator('.checklist li').first()).toContainText('居民身份证');
  await page.screenshot({ path: shot(info.project.name, 'item'), fullPage: true });
});

test('the what-to-bring checklist can be ticked, saved, and is still ticked next time', async ({ page, browser }) => {
  await page.goto('/search?q=jhdj');
  await page.locator('.item-card a', { hasText: '结婚登记' }).first().click();
  const boxes = page.locator('.checklist input[type=checkbox]');
  await expect(boxes.first()).not.toBeChecked();
  await page.locator('.checklist label').nth(0).click();
  await page.locator('.checklist label').nth(2).click();
  await expect(boxes.nth(0)).toBeChecked();
  await page.getByRole('button', { name: '保存勾选' }).click();
  const total = await boxes.count();
  await expect(page.locator('#materials [role=status]')).toHaveText(`已备齐 2 / ${total} 项（已保存）。`);
  await page.reload();
  await expect(boxes.nth(0)).toBeChecked();
  await expect(boxes.nth(1)).not.toBeChecked();
  await expect(boxes.nth(2)).toBeChecked();
  // Someone else (another browser, no shared cookie) starts from an empty list.
  const stranger = await browser.newPage();
  await stranger.goto(page.url());
  await expect(stranger.locator('.checklist input[type=checkbox]').first()).not.toBeChecked();
  await stranger.close();
});

test('results update as you type, without a page load', async ({ page }, info) => {
  test.skip(!withJs(info.project.name), 'as-you-type needs the island; the plain form is tested above');
  await page.goto('/search');
  // The island marks itself once hydrated; typing before that would go to a plain input.
  await expect(page.locator('.live-search[data-live="true"]')).toBeAttached();
  await page.evaluate(() => ((window as any).__samePage = true));
  await page.locator('#search-q').pressSequentially('jhdj', { delay: 40 });
  await expect(page.locator('.search-results .item-card').first()).toContainText('结婚登记');
  await expect(page).toHaveURL(/\/search\?q=jhdj$/);
  expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
  // A new query replaces the results.
  await page.locator('#search-q').fill('');
  await page.locator('#search-q').pressSequentially('canjiren', { delay: 40 });
  await expect(page.locator('.search-results .item-card').first()).toContainText('残疾人');
  expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
});

test('a wrong letter in a pinyin query still finds the item', async ({ page }) => {
  await page.goto('/search?q=jiehundengjj');
  await expect(page.locator('.item-card').first()).toContainText('结婚登记');
});

test('elder mode switches on, survives a reload, and switches off', async ({ page }) => {
  await page.goto('/items');
  await page.locator('.site-header .elder-toggle button').click();
  await expect(page.locator('html')).toHaveClass(/elder/);
  await expect(page).toHaveURL(/\/items$/);
  const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(bodySize).toBeGreaterThanOrEqual(20);
  const h1Size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('h1')!).fontSize));
  expect(h1Size).toBeGreaterThanOrEqual(32);
  const button = await page.locator('.site-header .elder-toggle button').boundingBox();
  expect(button!.height).toBeGreaterThanOrEqual(60);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/elder/);
  await page.locator('.site-header .elder-toggle button').click();
  await expect(page.locator('html')).not.toHaveClass(/elder/);
});

test('the QR code on an item page decodes to the page’s public URL', async ({ page, baseURL }) => {
  await page.goto('/items/1');
  const png = PNG.sync.read(await page.locator('.qr-code svg').screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(`${baseURL}/items/1`);
});

test('the catalog filters work as a plain form', async ({ page }) => {
  await page.goto('/items');
  await expect(page.locator('.result-count')).toHaveText('共 763 项');
  await page.locator('select[name=topic]').selectOption('marriage');
  await page.locator('.filters button').click();
  await expect(page).toHaveURL(/topic=marriage/);
  await expect(page.locator('.item-card').first()).toContainText(/婚/);
  await expect(page.locator('select[name=topic]')).toHaveValue('marriage');
});

test('an unknown page says so in Chinese and keeps the search box', async ({ page }) => {
  const response = await page.goto('/items/99999');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('页面不存在');
  await expect(page.locator('#header-q')).toBeVisible();
});

test('a stale responsibility list is marked in words', async ({ page }) => {
  await page.goto('/departments/market-regulation');
  await expect(page.locator('.badge.stale')).toHaveText('超过一年未更新');
  await expect(page.locator('.reviewed').first()).toContainText('2017-12-28');
});

test('controls are big enough to hit: 44 px, and 60 px in elder mode', async ({ page }) => {
  const controls = 'button, input[type=search], select, .item-card a, .tiles a, .pagination a, .checklist label';
  // The smallest side of the visible controls; a page with none fails (Math.min of nothing is Infinity).
  const smallest = async () => {
    const sides = await page.locator(controls).evaluateAll((els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => Math.min(e.getBoundingClientRect().height, e.getBoundingClientRect().width)));
    expect(sides.length, `visible controls on ${page.url()}`).toBeGreaterThan(3);
    return Math.min(...sides);
  };
  for (const path of ['/', '/items', '/items/1']) {
    await page.goto(path);
    expect(await smallest(), path).toBeGreaterThanOrEqual(44);
  }
  await page.locator('.site-header .elder-toggle button').click();
  for (const path of ['/', '/items', '/items/1']) {
    await page.goto(path);
    expect(await smallest(), `${path} in elder mode`).toBeGreaterThanOrEqual(60);
  }
});
