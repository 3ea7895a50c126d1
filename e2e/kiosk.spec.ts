import { test, expect, Page } from './fixtures';
import { bookMarriageRegistration, projectNumber, residentId } from './flows';

const withJs = (project: string) => !project.endsWith('-nojs');

/** Starts a booking draft, so the kiosk's browser has a server session with something in it. */
async function startSession(page: Page) {
  const response = await page.request.post('/book/start', { form: { item: '54' }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
}

/** Whether the session of `cookie` still has a booking draft: its place question shows, or it is sent to /book. */
async function draftSurvives(page: Page, cookie: string): Promise<boolean> {
  const response = await page.request.fetch('/book/place', { headers: { cookie }, maxRedirects: 0 });
  return response.status() === 200;
}

test('an idle kiosk warns, then forgets the person: form, storage and server session', async ({ page, context }, info) => {
  test.skip(!withJs(info.project.name), 'the idle timer needs the island; without it the end button is tested below');
  await page.clock.install();
  await page.goto('/kiosk/community-006/check-in');
  await expect(page.locator('[data-idle="live"]')).toBeAttached();
  await startSession(page);
  const session = (await context.cookies()).find((c) => c.name === 'palm_session');
  expect(session).toBeTruthy();
  const cookie = `palm_session=${session!.value}`;
  expect(await draftSurvives(page, cookie)).toBe(true);
  await page.locator('#code').fill('ABCD23');
  await page.evaluate(() => sessionStorage.setItem('left-behind', '1'));

  // A touch within the minute carries on.
  await page.clock.runFor(50_000);
  await page.mouse.click(5, 400);
  await page.clock.runFor(50_000);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.locator('#code')).toHaveValue('ABCD23');

  // A minute untouched: the warning, then the reset.
  await page.clock.runFor(12_000);
  await expect(page.getByRole('alertdialog')).toContainText('秒后将清除已填写的信息');
  await page.clock.runFor(10_000);
  await expect(page).toHaveURL(/\/kiosk\/community-006$/);
  await page.getByRole('link', { name: /预约签到/ }).click();
  await expect(page.locator('#code')).toHaveValue('');
  expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
  expect(await draftSurvives(page, cookie)).toBe(false);
});

test('the end button forgets the person at once, with or without JavaScript', async ({ page, context }) => {
  await page.goto('/kiosk/community-006');
  await startSession(page);
  const session = (await context.cookies()).find((c) => c.name === 'palm_session');
  const cookie = `palm_session=${session!.value}`;
  await page.getByRole('button', { name: '结束并清除' }).click();
  await expect(page).toHaveURL(/\/kiosk\/community-006$/);
  expect(await draftSurvives(page, cookie)).toBe(false);
  expect((await context.cookies()).find((c) => c.name === 'palm_session')).toBeUndefined();
});

test('a kiosk page keeps to the kiosk and has 60 px targets', async ({ page }) => {
  await page.goto('/kiosk/community-006');
  const hrefs = await page.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  for (const href of hrefs) expect(href).toMatch(/^\/kiosk\/community-006/);
  for (const control of await page.locator('a, button, input').all()) {
    const box = await control.boundingBox();
    if (box) expect(box.height).toBeGreaterThanOrEqual(60);
  }
});

test('check-in at the kiosk by code, with the wrong place told where to go', async ({ page }, info) => {
  // Booked at 08:00 for 09:00; the kiosk's server runs 45 minutes later, inside the check-in window.
  const project = info.project.name;
  const later = process.env[`LATER_URL_${project.toUpperCase().replace('-', '_')}`];
  test.skip(!later, 'needs the second server process that cargo xtask test starts');
  const code = await bookMarriageRegistration(page, residentId(10 + projectNumber(project)), project);

  await page.goto(`${later}/kiosk/hall-2/check-in`);
  await page.locator('#code').fill(code);
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.locator('.error-summary')).toContainText('这个预约不在本办理点，请到“河北区政务服务中心无人审批超市”签到');

  await page.goto(`${later}/kiosk/hall-1/check-in`);
  // A scanner types the code and presses Enter.
  await page.locator('#code').pressSequentially(code.toLowerCase());
  await page.locator('#code').press('Enter');
  await expect(page.getByRole('status')).toContainText(/签到成功！您是今天第 \d+ 位签到的/);
  await page.goto(`${later}/kiosk/hall-1/board`);
  await expect(page.locator('.board')).toContainText('09:00–09:30');
});

test('booking at a kiosk: chosen by tapping, no name to type, and it ends in the kiosk', async ({ page }, info) => {
  const id = residentId(20 + projectNumber(info.project.name));
  await page.goto('/kiosk/hall-1');
  await page.getByRole('link', { name: /预约办理/ }).click();
  await page.getByRole('link', { name: '婚姻', exact: true }).click();
  await page.getByRole('button', { name: /^结婚登记\s*河北区民政局$/ }).click();
  await expect(page.locator('h1')).toHaveText('哪一天去？');
  await page.locator('input[name=day]:not([disabled])').first().check();
  await page.getByRole('button', { name: '继续' }).click();
  await page.locator('input[name=slot]').first().check();
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.getByLabel('姓名')).toHaveCount(0);
  if (withJs(info.project.name)) {
    // No input method: numbers are tapped in on the kiosk's keypad (X included), with a mistake put right.
    await expect(page.locator('[data-idle="live"]')).toBeAttached(); // the kiosk's islands hydrate together
    const keys = (field: string) => page.locator(`.keys[data-for="${field}"]`);
    for (const key of id + '5') await keys('id_number').locator(`button[data-key="${key}"]`).click();
    await keys('id_number').getByRole('button', { name: '删除一位' }).click();
    await expect(page.getByLabel('证件号码')).toHaveValue(id);
    for (const key of '13900001234') await keys('phone').locator(`button[data-key="${key}"]`).click();
  } else {
    await page.getByLabel('证件号码').fill(id);
    await page.getByLabel('联系电话（手机）').fill('13900001234');
  }
  await page.getByRole('button', { name: '继续' }).click();
  await page.getByLabel(/我已阅读/).check();
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.locator('.summary')).toContainText('（未填写姓名）');
  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(page.getByRole('status')).toHaveText('预约成功');
  await expect(page.locator('.check-in-code')).toHaveText(/^[2-9A-HJKMNP-Z]{8}$/);
  // Still the kiosk: its frame, and the way to end and forget.
  await page.getByRole('button', { name: '结束并清除' }).click();
  await expect(page).toHaveURL(/\/kiosk\/hall-1$/);
});
