// Staff identity and the counter, through the real server and database. The first admin comes from the server's
// own command, everyone else is made in the app, and the authenticator is staff_flows.ts.
import { test, expect } from './fixtures';
import { bookFirstSlotAtKiosk, projectNumber, residentId } from './flows';
import { LATER, MORNING, admin, createAccount, enrol, envOf, seconds, signIn, totp } from './staff_flows';

test('an admin makes a handler, who enrols from the QR code and sees only what the grant allows', async ({ browser, page }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  const n = projectNumber(project);
  await admin(page, project, `A1${n}`);
  const link = await createAccount(page, `H1${n}`, '李秀英', '承办人', ['部门（承办人、部门负责人、公开信息编辑）', '河北区民政局']);
  await page.goto('/staff/admin/accounts');
  await expect(page.locator('table.accounts')).toContainText(`H1${n}`);
  await expect(page.locator('table.accounts')).toContainText('139****0002');
  await expect(page.locator('table.accounts')).toContainText('待注册');

  // The handler, in a browser of their own.
  const handler = await (await browser.newContext(info.project.use)).newPage();
  const secret = await enrol(handler, link);
  await signIn(handler, `H1${n}`, totp(secret, seconds(MORNING, 30)));
  await expect(handler.locator('.grants')).toContainText('承办人 · 河北区民政局');
  await expect(handler.getByRole('link', { name: '诉求办理' })).toHaveAttribute('href', '/staff/petitions/civil-affairs');
  await expect(handler.getByRole('link', { name: '账号与权限' })).toHaveCount(0);
  const refused = await handler.goto('/staff/admin/accounts');
  expect(refused?.status()).toBe(403);
  await expect(handler.locator('.problem')).toContainText('没有办理此项工作的权限');
  expect(await handler.content()).not.toContain('王建国');
  // The staff cookie never goes to residents' pages.
  const cookies = await handler.context().cookies();
  const staffCookie = cookies.find((c) => c.name === 'palm_staff');
  expect(staffCookie?.path).toBe('/staff');
  expect(staffCookie?.httpOnly).toBe(true);
  expect(staffCookie?.sameSite).toBe('Strict');
  await handler.context().close();
});

test('a replayed code and a wrong code are refused alike, five failures lock until a quarter past', async ({ page }, info) => {
  const project = info.project.name;
  const later = envOf('LATER_URL', project);
  test.skip(!envOf('DATABASE_URL', project) || !later, 'needs the servers cargo xtask test starts');
  const n = projectNumber(project);
  const number = `A2${n}`;
  const secret = await admin(page, project, number);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in$/);

  const wrong = '工号、密码或动态验证码不正确。';
  await signIn(page, number, totp(secret, seconds(MORNING, 30)));
  await expect(page.locator('.error-summary')).toContainText(wrong);
  await signIn(page, number, totp(secret, seconds(MORNING, 30)) === '000000' ? '111111' : '000000');
  await expect(page.locator('.error-summary')).toContainText(wrong);
  await signIn(page, number, totp(secret, MORNING), '', '不是这个密码不是这个密码');
  await expect(page.locator('.error-summary')).toContainText(wrong);
  await signIn(page, number, '123456');
  await signIn(page, number, '123456');
  await expect(page.locator('.error-summary')).toContainText('尝试次数过多，已暂停登录。请于08:15后再试');
  await signIn(page, number, totp(secret, seconds(MORNING, 60)));
  await expect(page.locator('.error-summary')).toContainText('请于08:15后再试');

  // 08:45, on the second server over the same database: the lock has ended.
  await signIn(page, number, totp(secret, LATER), later);
  await expect(page.locator('h1')).toHaveText('王建国 您好');
});

test('a session unused for half an hour has ended', async ({ page }, info) => {
  const project = info.project.name;
  const later = envOf('LATER_URL', project);
  test.skip(!envOf('DATABASE_URL', project) || !later, 'needs the servers cargo xtask test starts');
  await admin(page, project, `A3${projectNumber(project)}`);
  await page.goto('/staff');
  await expect(page.locator('h1')).toHaveText('王建国 您好');
  // The same browser 45 minutes later (the second server's clock): sent to sign in.
  await page.goto(`${later}/staff`);
  await expect(page).toHaveURL(`${later}/staff/sign-in`);
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
});

test('counter staff mark an arrival, close a day and reopen it, and the residents are told', async ({ browser, page }, info) => {
  const project = info.project.name;
  const later = envOf('LATER_URL', project);
  test.skip(!envOf('DATABASE_URL', project) || !later, 'needs the servers cargo xtask test starts');
  const n = projectNumber(project);
  // A place of this test's own: closing its day disturbs no other spec.
  const place = ['community-040', '月牙河街金海社区党群服务中心'];

  // Two residents ask for the first slot there at 08:00: one counter, so one seat, and the second waits.
  const resident = await (await browser.newContext(info.project.use)).newPage();
  await bookFirstSlotAtKiosk(resident, place[0], residentId(60 + n));
  const arriving = resident.url();
  const arrivingCode = (await resident.locator('.check-in-code').textContent())!;
  await bookFirstSlotAtKiosk(resident, place[0], residentId(70 + n));
  const waiting = resident.url();
  await expect(resident.getByRole('status')).toContainText('已登记候补');

  await admin(page, project, `A4${n}`);
  const link = await createAccount(page, `C4${n}`, '张伟', '窗口工作人员', ['办理点（窗口工作人员）', place[1]]);
  const counter = await (await browser.newContext(info.project.use)).newPage();
  const secret = await enrol(counter, link);

  // 08:45 at the counter, inside the check-in window of the 09:00 slot.
  await signIn(counter, `C4${n}`, totp(secret, LATER), later);
  await counter.getByRole('link', { name: '今天的预约' }).click();
  await expect(counter.locator('h1')).toContainText(place[1]);
  const row = counter.locator('.counter-entry', { hasText: arrivingCode });
  // A kiosk asks no name; the ID number stays off the list until the booking is opened.
  await expect(row).toContainText('（未填写姓名）');
  expect(await counter.content()).not.toContain(residentId(60 + n));
  await row.getByRole('link', { name: '（未填写姓名）' }).click();
  await expect(counter.locator('.facts')).toContainText(residentId(60 + n));
  await counter.goBack();
  await row.getByRole('button', { name: '到场' }).click();
  await expect(counter.locator('.counter-entry', { hasText: arrivingCode })).toContainText('已签到');
  await expect(counter.locator('ol.counter-list .counter-entry')).toContainText('候补第1位');

  await counter.getByLabel('原因（预约人会看到）').fill('停电检修');
  await counter.getByRole('button', { name: '停止办公' }).click();
  await expect(counter.getByRole('status')).toContainText('今天已停止办公：停电检修');

  await resident.goto(`${later}${new URL(waiting).pathname}`);
  await expect(resident.getByRole('status')).toHaveText('办理点当天停止办公，预约已失效');
  await resident.goto(`${later}${new URL(arriving).pathname}`);
  await expect(resident.getByRole('status')).toHaveText('已签到', { message: 'an arrival is not undone by a closure' });

  // Reopened: the waiting resident is back in the line, in the same place.
  await counter.getByRole('button', { name: '恢复办公' }).click();
  await expect(counter.locator('ol.counter-list .counter-entry')).toContainText('候补第1位');
  await resident.goto(`${later}${new URL(waiting).pathname}`);
  await expect(resident.getByRole('status')).toContainText('已登记候补');
  await resident.context().close();
  await counter.context().close();
});
