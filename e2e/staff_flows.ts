// Staff identity in the browser: the first admin from the server's own command (`server staff add-admin`), as an
// operator makes one, and the authenticator as code: the enrolment page's QR code decoded, and RFC 6238 codes
// computed for the server's stopped clock (08:00, and 08:45 on the second server over the same database).
import { execFileSync } from 'child_process';
import { createHmac } from 'crypto';
import * as path from 'path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, Page } from './fixtures';

export const MORNING = new Date('2026-11-25T08:00:00+08:00');
export const LATER = new Date('2026-11-25T08:45:00+08:00');
export const PASSWORD = '海河边的春天来了真好看';

export const envOf = (kind: string, project: string) => process.env[`${kind}_${project.toUpperCase().replace('-', '_')}`];

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
export function totp(secret: string, at: Date): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

export const seconds = (at: Date, s: number) => new Date(at.getTime() + s * 1000);

/** Makes an admin with the server's command on the project's database; the one-time link it prints. */
export function addAdmin(project: string, number: string): string {
  return addAdminOn(envOf('BASE_URL', project)!, envOf('DATABASE_URL', project)!, number);
}

/** The same on `database`, for the server at `base`. */
export function addAdminOn(base: string, database: string, number: string): string {
  const output = execFileSync(
    path.join(__dirname, '..', 'target', 'debug', 'server'),
    ['staff', 'add-admin', number, '王建国', '13900000001'],
    {
      env: {
        ...process.env,
        DATABASE_URL: database,
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
export async function enrol(page: Page, link: string): Promise<string> {
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
export async function signIn(page: Page, number: string, code: string, base = '', password = PASSWORD) {
  await page.goto(`${base}/staff/sign-in`);
  await page.getByLabel('工号').fill(number);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('动态验证码').fill(code);
  await page.getByRole('button', { name: '登录' }).click();
}

/** An admin from the command line, enrolled and signed in at 08:00 (with the next step's code: enrolling used
 * this one). */
export async function admin(page: Page, project: string, number: string): Promise<string> {
  const secret = await enrol(page, addAdmin(project, number));
  await signIn(page, number, totp(secret, seconds(MORNING, 30)));
  await expect(page.locator('h1')).toHaveText('王建国 您好');
  return secret;
}

/** The admin (signed in on `page`) makes an account; the one-time link shown. */
export async function createAccount(page: Page, number: string, name: string, role: string, scope: [string, string] | null) {
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


/** A caller's petition filed by a dispatcher (signed in on `dispatcher`) on the phone-in form; the tracking number
 * and access code read out to the caller. */
export async function phoneIn(
  dispatcher: Page,
  call: { category: string; community: string; title: string; body: string; name: string; phone: string },
): Promise<{ number: string; code: string }> {
  await dispatcher.goto('/staff/dispatch');
  await dispatcher.getByLabel('诉求类别').selectOption({ label: call.category });
  await dispatcher.getByLabel('街道和社区').selectOption({ label: call.community });
  await dispatcher.getByLabel('标题', { exact: true }).fill(call.title);
  await dispatcher.getByLabel('诉求内容').fill(call.body);
  await dispatcher.getByLabel('来电人姓名').fill(call.name);
  await dispatcher.getByLabel('来电人手机').fill(call.phone);
  await dispatcher.getByRole('button', { name: '受理并生成编号' }).click();
  const number = (await dispatcher.locator('#phoned-in-number').textContent())!;
  const code = (await dispatcher.locator('#phoned-in-code').textContent())!;
  return { number, code };
}

/** A handler (signed in on `handler`) signs for a routed petition, records the contact, and closes it. */
export async function closeCase(handler: Page, department: string, number: string, contact: string, reply: string) {
  await handler.goto(`/staff/petitions/${department}/${number}`);
  await handler.getByRole('button', { name: '签收' }).click();
  await handler.getByLabel(/已联系诉求人/).fill(contact);
  await handler.getByRole('button', { name: '已联系诉求人' }).click();
  await handler.getByLabel(/答复并办结/).fill(reply);
  await handler.getByRole('button', { name: '答复并办结' }).click();
  await expect(handler.getByRole('status')).toHaveText('已办结，待回访');
}

/** The caller looks their petition up by number and code and gives the callback: contacted (unless they say not),
 * solved, `rating`. */
export async function callBack(caller: Page, number: string, code: string, rating: string, contacted = true) {
  await caller.goto('/petitions');
  await caller.getByLabel('受理编号').fill(number);
  await caller.getByLabel('查询码').fill(code);
  await caller.getByRole('button', { name: '查询' }).click();
  await caller.getByRole('group', { name: '办理部门联系过您吗？' }).getByLabel(contacted ? '是' : '否').check();
  await caller.getByRole('group', { name: '问题解决了吗？' }).getByLabel('是').check();
  await caller.getByLabel(rating, { exact: true }).check();
  await caller.getByRole('button', { name: '提交评价' }).click();
  await expect(caller.getByRole('status')).toHaveText('已完结');
}
