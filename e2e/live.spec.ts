import { test, expect, Page } from './fixtures';
import { bookFirstSlotAtKiosk, bookMarriageRegistration, projectNumber, residentId } from './flows';

/** The seats-left hint of the 09:00 slot on the slot question. */
const nineOClockSeats = (page: Page) => page.locator('label[for="slot-0900"] .hint');

/** The number a hint like "余 12 个名额" gives. */
const seatsIn = (hint: string | null) => Number(/余 (\d+) 个名额/.exec(hint ?? '')?.[1] ?? NaN);

test('the kiosk board and the slot question follow a booking made elsewhere, without a reload', async ({ page, browser }, info) => {
  test.skip(info.project.name.endsWith('-nojs'), 'live updates need the island; without it the board reloads itself');
  const project = info.project.name;

  // One resident is choosing a time for today at the hall; ticks 09:30 and hesitates.
  await page.goto('/items/54');
  await page.getByRole('button', { name: '预约到现场办理' }).click();
  await page.getByRole('link', { name: /望海楼街/ }).click();
  await page.getByLabel(/河北区政务服务中心无人审批超市/).check();
  await page.getByRole('button', { name: '继续' }).click();
  await page.locator('input[name=day]:not([disabled])').first().check();
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.locator('#slot-choices')).toBeAttached();
  await expect(page.locator('.live-region[data-live="connected"]')).toBeAttached();
  await page.getByLabel(/^09:30–10:00/).check();
  const before = seatsIn(await nineOClockSeats(page).textContent());
  expect(before).toBeGreaterThan(1);

  // The hall's board hangs on the wall.
  const wall = await browser.newPage({ baseURL: info.project.use.baseURL });
  await wall.goto('/kiosk/hall-1/board');
  await expect(wall.locator('.live-region[data-live="connected"]')).toBeAttached();
  const bookedAtNine = async () => {
    const row = wall.locator('.board tr', { hasText: '09:00–09:30' });
    return (await row.count()) ? Number(await row.locator('td').nth(1).textContent()) : 0;
  };
  const bookedBefore = await bookedAtNine();
  // Neither page may reload to show the change: this mark would be gone.
  for (const p of [page, wall]) await p.evaluate(() => ((window as any).stillHere = true));

  // Meanwhile someone else books 09:00 on their own phone.
  const other = await browser.newPage({ baseURL: info.project.use.baseURL });
  await bookMarriageRegistration(other, residentId(30 + projectNumber(project)), project);

  await expect.poll(async () => seatsIn(await nineOClockSeats(page).textContent())).toBeLessThan(before);
  await expect(page.getByLabel(/^09:30–10:00/)).toBeChecked();
  await expect.poll(bookedAtNine).toBeGreaterThan(bookedBefore);
  for (const p of [page, wall]) expect(await p.evaluate(() => (window as any).stillHere)).toBe(true);
  await wall.close();
  await other.close();
});

test('someone on the waiting list sees on their booking page that they got the seat', async ({ page, browser }, info) => {
  const project = info.project.name;
  const withJs = !project.endsWith('-nojs');
  // A community centre has one seat per slot; each project books at its own.
  const place = `community-00${projectNumber(project)}`;
  await bookFirstSlotAtKiosk(page, place, residentId(40 + projectNumber(project)));
  await expect(page.getByRole('status')).toHaveText('预约成功');

  const waiting = await browser.newPage({ baseURL: info.project.use.baseURL, javaScriptEnabled: withJs });
  await bookFirstSlotAtKiosk(waiting, place, residentId(50 + projectNumber(project)));
  await expect(waiting.getByRole('status')).toContainText('已登记候补');
  if (withJs) {
    await expect(waiting.locator('.live-region[data-live="connected"]')).toBeAttached();
    await waiting.evaluate(() => ((window as any).stillHere = true));
  }

  // The kiosk's confirmation offers no way to cancel (the next person at the screen must not reach it): the first
  // one cancels on their own phone, at the address the QR code carries, and the seat goes to the one waiting.
  await expect(page.getByText('取消预约', { exact: true })).toHaveCount(0);
  const ownPhone = await browser.newPage({ baseURL: info.project.use.baseURL, javaScriptEnabled: withJs });
  await ownPhone.goto(page.url());
  await ownPhone.getByText('取消预约', { exact: true }).click();
  await ownPhone.getByRole('button', { name: '确认取消' }).click();
  await expect(ownPhone.getByRole('status')).toHaveText('已取消');
  await ownPhone.close();

  if (!withJs) await waiting.reload();
  await expect(waiting.getByRole('status')).toContainText(/^候补成功：有人取消了预约，11月25日 星期三 \d\d:\d\d 起您已递补为正式预约/);
  // Still at the kiosk: changing it is for their own phone.
  await expect(waiting.getByText('请用手机扫描上面的二维码', { exact: false })).toBeVisible();
  if (withJs) expect(await waiting.evaluate(() => (window as any).stillHere)).toBe(true);
  await waiting.close();
});
