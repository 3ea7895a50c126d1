// Staff identity and the counter, through the real server and database. The first admin comes from the server's
// own command (`server staff add-admin`), as an operator makes one; everyone else is made in the app. The
// authenticator is this file: it decodes the enrolment page's QR code and computes RFC 6238 codes for the
// server's stopped clock (08:00, and 08:45 on the second server over the same database).
import { execFileSync } from 'child_process';
import { createHmac } from 'crypto';
import * as path from 'path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { test, expect, Page } from './fixtures';
import { bookFirstSlotAtKiosk, projectNumber, residentId } from './flows';

const MORNING = new Date('2026-11-25T08:00:00+08:00');
const LATER = new Date('2026-11-25T08:45:00+08:00');
const PASSWORD = '海河边的春天来了真好看';

const envOf = (kind: string, project: string) => process.env[`${kind}_${project.toUpperCase().replace('-', '_')}`];

/** The base32 secret as bytes (RFC 4648, no padding). */
function base32(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit TOTP code (HMAC-SHA1, 30-second steps) of `secret` at `at`. */
function totp(secret: string, at: Date): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

const seconds = (at: Date, s: number) => new Date(at.getTime() + s * 1000);

/** Makes an admin with the server's command on the project's database; the one-time link it prints. */
function addAdmin(project: string, number: string): string {
  const base = envOf('BASE_URL', project)!;
  const output = execFileSync(
    path.join(__dirname, '..', 'target', 'debug', 'server'),
    ['staff', 'add-admin', number, '王建国', '13900000001'],
    {
      env: {
        ...process.env,
        DATABASE_URL: envOf('DATABASE_URL', project)!,
        PUBLIC_BASE_URL: base,
        PALM_FIXED_TIME: '2026-11-25T08:00:00+08:00',
        RUST_LOG: 'warn',
      },
      encoding: 'utf8',
    },
  );
  const link = output.split('\n').find((line) => line.startsWith(base));
  expect(link, output).toBeTruthy();
  return link!;
}

/** Opens an enrolment link, reads the authenticator's secret from its QR code (and checks the text beside it),
 * and sets the password with the code of 08:00. Returns the secret. */
async function enrol(page: Page, link: string): Promise<string> {
  await page.goto(link);
  await expect(page.locator('h1')).toHaveText('设置密码和动态验证码');
  const png = PNG.sync.read(await page.locator('.enrol-qr svg').screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toMatch(/^otpauth:\/\/totp\//);
  const secret = new URL(decoded!.data).searchParams.get('secret')!;
  await expect(page.locator('.secret')).toHaveText(secret.match(/.{1,4}/g)!.join(' '));
  await page.getByLabel('新密码').fill(PASSWORD);
  await page.getByLabel('再输入一次').fill(PASSWORD);
  await page.getByLabel('验证器上的6位数字').fill(totp(secret, MORNING));
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in\?enrolled=1$/);
  await expect(page.getByRole('status')).toHaveText('密码和动态验证码已设置好，请登录。');
  return secret;
}

/** Signs in on the server at `base` (the page's own when empty) with `code`. */
async function signIn(page: Page, number: string, code: string, base = '', password = PASSWORD) {
  await page.goto(`${base}/staff/sign-in`);
  await page.getByLabel('工号').fill(number);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('动态验证码').fill(code);
  await page.getByRole('button', { name: '登录' }).click();
}

/** An admin from the command line, enrolled and signed in at 08:00 (with the next step's code: enrolling used
 * this one). */
async function admin(page: Page, project: string, number: string): Promise<string> {
  const secret = await enrol(page, addAdmin(project, number));
  await signIn(page, number, totp(secret, seconds(MORNING, 30)));
  await expect(page.locator('h1')).toHaveText('王建国 您好');
  return secret;
}

/** The admin (signed in on `page`) makes an account; the one-time link shown. */
async function createAccount(page: Page, number: string, name: string, role: string, scope: [string, string] | null) {
  await page.goto('/staff/admin/accounts');
  await page.getByLabel('工号').fill(number);
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('手机号码').fill('13900000002');
  await page.getByLabel('角色').selectOption({ label: role });
  if (scope) await page.getByLabel(scope[0]).selectOption({ label: scope[1] });
  await page.getByRole('button', { name: '创建账号并生成注册链接' }).click();
  await expect(page.locator('h1')).toContainText(number);
  return (await page.locator('#enrolment-link').textContent())!;
}

test('an admin makes a handler, who enrols from the QR code and sees only what the grant allows', async ({ browser, page }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  const n = projectNumber(project);
  await admin(page, project, `A1${n}`);
  const link = await createAccount(page, `H1${n}`, '李秀英', '承办人', ['部门（承办人、部门负责人）', '河北区民政局']);
  await page.goto('/staff/admin/accounts');
  await expect(page.locator('table.accounts')).toContainText(`H1${n}`);
  await expect(page.locator('table.accounts')).toContainText('139****0002');
  await expect(page.locator('table.accounts')).toContainText('待注册');

  // The handler, in a browser of their own.
  const handler = await (await browser.newContext(info.project.use)).newPage();
  const secret = await enrol(handler, link);
  await signIn(handler, `H1${n}`, totp(secret, seconds(MORNING, 30)));
  await expect(handler.locator('.grants')).toHaveText('承办人 · 河北区民政局');
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
