// Enforcement reporting through the real server and database: an admin issues the supervision platform a key on
// the staff pages, the platform pushes two records with it, and the public standings page shows the culture
// bureau's reporting in its own table — within 3 seconds and without a reload where scripts run. Revoked, the key
// opens nothing. The forms are plain HTML, with and without scripts.
import { test, expect } from './fixtures';
import { projectNumber } from './flows';
import { admin, envOf } from './staff_flows';

const PUSH = '/enforcement/v1/records';

// Acts of the culture bureau (no other browser test reports for it): one of Monday 16 November reported on the
// 18th, in time; one of Monday 2 November reported on the 24th, after its 7 working days (due 11 November 24:00).
const FEED = {
  format: 'hebei-enforcement-feed/1',
  records: [
    { id: 'WL-20261116-01', department: 'culture-tourism', kind: 'inspection', act_date: '2026-11-16', reported_at: '2026-11-18T10:00:00+08:00' },
    { id: 'WL-20261102-01', department: 'culture-tourism', kind: 'document_served', act_date: '2026-11-02', reported_at: '2026-11-24T09:00:00+08:00' },
  ],
};

test('the platform pushes records with the key an admin issued, and the standings show them', async ({ browser, page, request }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  test.setTimeout(60_000);
  const n = projectNumber(project);
  const live = !project.endsWith('-nojs');

  const standings = await (await browser.newContext(info.project.use)).newPage();
  await standings.goto('/rankings');
  await expect(standings.locator('.method')).toContainText('执法行为发生后7个工作日内报送区行政执法监督平台');
  const culture = standings.locator('table.enforcement tr', { hasText: '河北区文化和旅游局' });
  await expect(culture).toHaveCount(0);
  if (live) {
    await expect(standings.locator('.live-region[data-live="connected"]')).toBeAttached();
    await standings.evaluate(() => ((window as any).stillHere = true));
  }

  // The admin issues the key: shown this once.
  await admin(page, project, `E1${n}`);
  await page.getByRole('link', { name: '接口密钥' }).click();
  await page.getByLabel('使用密钥的系统').fill('区行政执法监督平台');
  await page.getByLabel('用途').selectOption({ label: '执法数据上报（行政执法监督平台推送执法记录）' });
  await page.getByRole('button', { name: '签发密钥' }).click();
  const key = (await page.locator('#issued-key').textContent())!;
  expect(key).toMatch(/^hbk_[A-Za-z0-9_-]{43}$/);

  // The platform pushes, with the key and without any cookie.
  const baseURL = info.project.use.baseURL!;
  const pushed = await request.post(`${baseURL}${PUSH}`, { data: FEED, headers: { Authorization: `Bearer ${key}` } });
  expect(pushed.status()).toBe(200);
  const done = await pushed.json();
  expect(done.added + done.unchanged).toBe(2);

  // 监督检查 1, 送达文书 1, two in all, one in time: 50.0%.
  if (!live) await standings.reload();
  await expect(culture.locator('td')).toHaveText(['1', '0', '0', '0', '1', '2', '1', '50.0%'], { timeout: 3_000 });
  if (live) expect(await standings.evaluate(() => (window as any).stillHere)).toBe(true);

  // Revoked, the key opens nothing.
  await page.goto('/staff/admin/keys');
  await expect(page.locator('#issued-key')).toHaveCount(0);
  const row = page.locator('table.keys tr', { hasText: '区行政执法监督平台' }).filter({ has: page.getByRole('button', { name: '吊销' }) });
  await row.getByRole('button', { name: '吊销' }).click();
  await expect(page.locator('table.keys')).toContainText('已吊销');
  const refused = await request.post(`${baseURL}${PUSH}`, { data: FEED, headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).errors[0].message).toContain('缺少有效的接口密钥');
  await standings.context().close();
});
