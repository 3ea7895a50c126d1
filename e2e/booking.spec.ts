import { test, expect, Page } from '@playwright/test';
import * as path from 'path';

const shot = (project: string, name: string) => path.join(__dirname, 'test-results', 'screenshots', `${project}-${name}.png`);

/** A valid 18-digit resident ID (GB 11643 check digit), different for every `n`. */
function residentId(n: number): string {
  const first17 = `12010519900101${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A different person for each project, so the one-booking-per-item limit never trips (the database is fresh). */
const person = (project: string) => residentId(['phone', 'phone-nojs', 'kiosk', 'kiosk-nojs'].indexOf(project) + 1);

async function next(page: Page) {
  await page.getByRole('button', { name: '继续' }).click();
}

test('a resident books from an item page, then reschedules and cancels from the QR page', async ({ page }, info) => {
  await page.goto('/items/54');
  await page.getByRole('button', { name: '预约到现场办理' }).click();
  await expect(page).toHaveURL(/\/book\/place$/);
  await expect(page.locator('h1')).toHaveText('到哪里办？');

  // Continuing without an answer says what is missing, on the same page.
  await next(page);
  await expect(page.locator('.error-summary')).toContainText('请选择一个办理点');
  await page.getByLabel(/河北区政务服务中心无人审批超市/).check();
  await next(page);

  await expect(page.locator('h1')).toHaveText('哪一天去？');
  await page.locator('input[name=day]:not([disabled])').first().check();
  await next(page);
  await expect(page.locator('h1')).toHaveText('几点去？');
  await page.screenshot({ path: shot(info.project.name, 'book-slot'), fullPage: true });
  await page.locator('input[name=slot]').first().check();
  await next(page);

  await expect(page.locator('h1')).toHaveText('谁去办？');
  const id = person(info.project.name);
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('证件号码').fill(id.toLowerCase()); // a lower-case x is accepted
  await page.getByLabel('联系电话（手机）').fill('139 0000 1234');
  await next(page);
  await expect(page.locator('h1')).toHaveText('我们怎样使用您的证件号码');
  await page.getByLabel(/我已阅读/).check();
  await next(page);

  await expect(page.locator('h1')).toHaveText('核对预约信息');
  await expect(page.locator('.summary')).toContainText(`${id.slice(0, 6)}********${id.slice(14)}`);
  await expect(page.locator('.summary')).toContainText('139****1234');
  expect(await page.content()).not.toContain(id);
  await page.screenshot({ path: shot(info.project.name, 'book-check'), fullPage: true });
  await page.getByRole('button', { name: '确认预约' }).click();

  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{32}$/);
  await expect(page.getByRole('status')).toHaveText('预约成功');
  await expect(page.locator('.check-in-code')).toHaveText(/^[2-9A-HJKMNP-Z]{8}$/);
  await expect(page.locator('.summary')).toContainText('王*');
  await expect(page.locator('.qr-code svg')).toBeVisible();
  await expect(page.getByRole('link', { name: /加入日历/ })).toHaveAttribute('href', /calendar\.ics$/);
  expect(await page.content()).not.toContain('13900001234');
  await page.screenshot({ path: shot(info.project.name, 'booking'), fullPage: true });
  const bookingUrl = page.url();
  const when = await page.locator('.summary dd').first().textContent();

  // Reschedule: another day, then a time on it; the page says where the booking is now.
  await page.getByRole('link', { name: '改约到其他时间' }).click();
  await page.locator('.day-links a').nth(1).click();
  await page.locator('input[name=slot]').last().check();
  await page.getByRole('button', { name: '改到这个时段' }).click();
  await expect(page).toHaveURL(bookingUrl);
  await expect(page.locator('.summary dd').first()).not.toHaveText(when ?? '');

  // Cancel, behind a disclosure so that one stray tap cancels nothing.
  await page.getByText('取消预约', { exact: true }).click();
  await page.getByRole('button', { name: '确认取消' }).click();
  await expect(page.getByRole('status')).toHaveText('已取消');
  await expect(page.getByRole('button', { name: '确认取消' })).toHaveCount(0);
});
