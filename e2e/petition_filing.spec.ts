// A resident files a petition on their phone or at a kiosk's browser, with and without JavaScript: one question
// a page, a photo, the code texted to their phone (read from the development outbox), and the confirmation with
// the deadlines worked out by hand; then they follow it on its status page.
import { test, expect } from './fixtures';
import { projectNumber } from './flows';
import { envOf } from './staff_flows';

// A 1×1 red PNG.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

test('a resident files with a photo and a texted code, once, and follows it', async ({ page }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  const phone = `1370000100${projectNumber(project)}`;
  const masked = `137****100${projectNumber(project)}`;

  await page.goto('/petitions/new');
  await expect(page.getByRole('note')).toContainText('110');
  await page.getByRole('button', { name: '开始填写' }).click();
  await expect(page.locator('h1')).toHaveText('反映什么问题？');
  await page.getByLabel('施工、商业噪声扰民').check();
  await page.getByRole('button', { name: '继续' }).click();

  await expect(page.locator('h1')).toHaveText('有多紧急？');
  await expect(page.getByLabel(/^一般（建议）/)).toBeChecked();
  await page.getByRole('button', { name: '继续' }).click();

  await expect(page.locator('h1')).toHaveText('问题发生在哪个街道？');
  await page.getByRole('link', { name: /^望海楼街/ }).click();
  await page.getByLabel('宁园社区').check();
  await page.getByLabel('具体位置（选填）').fill('5号楼东侧工地');
  await page.getByRole('button', { name: '继续' }).click();

  await expect(page.locator('h1')).toHaveText('说说情况');
  await page.getByLabel('标题').fill('广场舞音响声音太大');
  await page.getByLabel('具体内容').fill('短');
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.locator('.error-summary')).toContainText('内容10到1000个字');
  await page.getByLabel('具体内容').fill('每天晚上8点到10点广场舞音响开得很大，老人孩子休息不好。');
  await page.getByRole('button', { name: '继续' }).click();

  await expect(page.locator('h1')).toHaveText('上传照片（选填）');
  await page.getByLabel(/^选择照片/).setInputFiles({ name: 'noise.png', mimeType: 'image/png', buffer: PHOTO });
  await page.getByRole('button', { name: '上传' }).click();
  await expect(page.getByRole('img', { name: '第1张照片' })).toBeVisible();
  await page.getByRole('button', { name: '继续' }).click();

  await expect(page.locator('h1')).toHaveText('怎样联系您？');
  await page.getByLabel('姓名').fill('李四');
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '发送验证码' }).click();
  await expect(page.locator('h1')).toHaveText('输入短信验证码');
  await expect(page.locator('main')).toContainText(masked);

  // The text, as the development outbox kept it.
  const outbox = await page.context().newPage();
  await outbox.goto('/dev/outbox');
  const text = (await outbox.locator('li', { hasText: masked }).first().textContent())!;
  const code = text.match(/验证码是(\d{6})/)![1];
  await outbox.close();
  await page.getByLabel('验证码（6位数字）').fill(code);
  await page.getByRole('button', { name: '继续' }).click();

  await expect(page.locator('h1')).toHaveText('可以公开这件诉求吗？');
  await page.getByLabel(/^不公开/).check();
  await page.getByRole('button', { name: '继续' }).click();

  await expect(page.locator('h1')).toHaveText('核对诉求信息');
  const summary = page.locator('.summary');
  await expect(summary).toContainText('望海楼街 宁园社区 · 5号楼东侧工地');
  await expect(summary).toContainText('1张');
  await expect(summary).toContainText(`李* · ${masked}`);
  expect(await page.content()).not.toContain(phone);
  await page.getByRole('button', { name: '提交诉求' }).click();

  await expect(page.locator('h1')).toHaveText('诉求已提交');
  await expect(page.locator('.tracking-number')).toHaveText(/^120105 20261125 \d{5}$/);
  await expect(page.locator('.access-code')).toHaveText(/^\d{8}$/);
  // Ordinary, filed on Wednesday 25 November: a response by the end of Thursday, the result 7 calendar days on.
  await expect(page.locator('.clocks')).toContainText('响应：2026年11月26日 24:00 前');
  await expect(page.locator('.clocks')).toContainText('办结：2026年12月2日 24:00 前');
  await expect(page.locator('.qr svg')).toBeVisible();

  // Back and submit again: the same petition, not a second one.
  const number = await page.locator('.tracking-number').textContent();
  await page.goto('/petitions/new/check');
  await expect(page.locator('h1')).toHaveText('诉求已提交');
  await expect(page.locator('.tracking-number')).toHaveText(number!);

  const accessCode = await page.locator('.access-code').textContent();
  await page.getByRole('link', { name: '打开进度页面' }).click();
  await expect(page.getByRole('status')).toHaveText('已提交，待派单');
  await expect(page.locator('.facts')).toContainText(`李* · ${masked}`);

  // At a community centre's kiosk: filing is on the phone (its QR), and the lookup is typed on the keypad.
  await page.goto('/kiosk/hall-1');
  await page.getByRole('link', { name: /^反映问题 · 查询进度/ }).click();
  await expect(page.locator('.phone-link .url')).toContainText('/petitions/new?from=kiosk');
  await page.getByLabel('受理编号（19位数字）').fill(number!.replace(/ /g, ''));
  if (project.endsWith('-nojs')) {
    await page.getByLabel('查询码（8位数字）').fill(accessCode!);
  } else {
    for (const digit of accessCode!) await page.locator(`.keys[data-for="code"] [data-key="${digit}"]`).click();
    await expect(page.getByLabel('查询码（8位数字）')).toHaveValue(accessCode!);
  }
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('status')).toHaveText('已提交，待派单');
  await expect(page.locator('.kiosk-home')).toBeVisible();
});
