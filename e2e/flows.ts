import { expect, Page } from '@playwright/test';
import * as path from 'path';

/** Screenshots kept as test output, one per page and project. */
export const shot = (project: string, name: string) =>
  path.join(__dirname, 'test-results', 'screenshots', `${project}-${name}.png`);

/** A valid 18-digit resident ID (GB 11643 check digit), different for every `n` below 1000. */
export function residentId(n: number): string {
  const first17 = `12010519900101${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A number per project, so each project's people differ (the database is shared by the run). */
export const projectNumber = (project: string) => ['phone', 'phone-nojs', 'kiosk', 'kiosk-nojs'].indexOf(project) + 1;

async function next(page: Page) {
  await page.getByRole('button', { name: '继续' }).click();
}

/**
 * Books item 54 (结婚登记) at the hall for the first open slot of the first open day, answering every question
 * as a resident would, and checking what each page shows. Ends on the booking's page; returns its check-in code.
 */
export async function bookMarriageRegistration(page: Page, id: string, project: string): Promise<string> {
  await page.goto('/items/54');
  await page.getByRole('button', { name: '预约到现场办理' }).click();
  await expect(page).toHaveURL(/\/book\/place$/);
  await expect(page.locator('h1')).toHaveText('到哪里办？');

  // 119 places handle it: the street first, then its places.
  await page.getByRole('link', { name: /望海楼街/ }).click();
  await expect(page).toHaveURL(/\/book\/place\?street=/);
  // Continuing without an answer says what is missing, on the same page, with the same street's places.
  await next(page);
  await expect(page.locator('.error-summary')).toContainText('请选择一个办理点');
  await page.getByLabel(/河北区政务服务中心无人审批超市/).check();
  await next(page);

  await expect(page.locator('h1')).toHaveText('哪一天去？');
  await page.locator('input[name=day]:not([disabled])').first().check();
  await next(page);
  await expect(page.locator('h1')).toHaveText('几点去？');
  await page.screenshot({ path: shot(project, 'book-slot'), fullPage: true });
  await page.locator('input[name=slot]').first().check();
  await next(page);

  await expect(page.locator('h1')).toHaveText('谁去办？');
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
  await page.screenshot({ path: shot(project, 'book-check'), fullPage: true });
  await page.getByRole('button', { name: '确认预约' }).click();

  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{32}$/);
  await expect(page.getByRole('status')).toHaveText('预约成功');
  const code = page.locator('.check-in-code');
  await expect(code).toHaveText(/^[2-9A-HJKMNP-Z]{8}$/);
  return (await code.textContent()) ?? '';
}

/**
 * Books the first item offered at the kiosk of `place`, for the first slot of the first open day (its waiting
 * list when that slot is full). Ends on the booking's page, still in the kiosk's frame.
 */
export async function bookFirstSlotAtKiosk(page: Page, place: string, id: string) {
  await page.goto(`/kiosk/${place}/book`);
  await page.locator('.choices button').first().click();
  await page.locator('input[name=day]:not([disabled])').first().check();
  await next(page);
  await page.locator('input[name=slot]').first().check();
  await next(page);
  await page.getByLabel('证件号码').fill(id);
  await page.getByLabel('联系电话（手机）').fill('13900001234');
  await next(page);
  await page.getByLabel(/我已阅读/).check();
  await next(page);
  await page.getByRole('button', { name: /^确认(预约|登记候补)$/ }).click();
  await expect(page).toHaveURL(/\/bookings\/[A-Za-z0-9_-]{32}$/);
}
