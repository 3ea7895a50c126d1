// A resident files a petition on their phone or at a kiosk's browser, with and without JavaScript: one question
// a page, a photo, the code texted to their phone (read from the development outbox), and the confirmation with
// the deadlines worked out by hand; then they follow it on its status page.
import { test, expect, Page } from './fixtures';
import { projectNumber } from './flows';
import { MORNING, admin, createAccount, enrol, envOf, seconds, signIn, totp } from './staff_flows';

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

/** Answers every question up to the check page for a drain blocked in 望海楼 宁园社区, agreeing to publication. */
async function answerUpToCheck(page: Page, title: string, body: string, phone: string) {
  await page.goto('/petitions/new');
  await page.getByRole('button', { name: '开始填写' }).click();
  await page.getByLabel('下水道堵塞、污水外溢').check();
  await page.getByRole('button', { name: '继续' }).click();
  await page.getByRole('button', { name: '继续' }).click();
  await page.getByRole('link', { name: /^望海楼街/ }).click();
  await page.getByLabel('宁园社区').check();
  await page.getByRole('button', { name: '继续' }).click();
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('具体内容').fill(body);
  await page.getByRole('button', { name: '继续' }).click();
  await page.getByRole('button', { name: '继续' }).click();
  await page.getByLabel('姓名').fill('王五');
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '发送验证码' }).click();
  const outbox = await page.context().newPage();
  await outbox.goto('/dev/outbox');
  const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const text = (await outbox.locator('li', { hasText: masked }).first().textContent())!;
  await outbox.close();
  await page.getByLabel('验证码（6位数字）').fill(text.match(/验证码是(\d{6})/)![1]);
  await page.getByRole('button', { name: '继续' }).click();
  await page.getByLabel(/^同意公开/).check();
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.locator('h1')).toHaveText('核对诉求信息');
}

test('a dispatcher publishes a masked petition and a neighbour says "me too"', async ({ browser, page, request }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  test.setTimeout(60_000);
  const n = projectNumber(project);

  const first = await (await browser.newContext(info.project.use)).newPage();
  await answerUpToCheck(first, '东门下水道堵塞', '宁园社区东门下水道堵塞，污水外溢到路面，3号楼2门501的住户电话13812345678', `1370000200${n}`);
  await expect(first.getByText('附近已有相似的诉求')).toHaveCount(0);
  await first.getByRole('button', { name: '提交诉求' }).click();
  await expect(first.locator('h1')).toHaveText('诉求已提交');

  // The dispatcher is offered the text masked, and publishes it.
  await admin(page, project, `A6${n}`);
  const link = await createAccount(page, `P6${n}`, '钱进', '派单员', null);
  const dispatcher = await (await browser.newContext(info.project.use)).newPage();
  await signIn(dispatcher, `P6${n}`, totp(await enrol(dispatcher, link), seconds(MORNING, 30)));
  await dispatcher.goto('/staff/dispatch');
  const row = dispatcher.locator('h2#publish + ol .queue-row', { hasText: '东门下水道堵塞' });
  await expect(row.getByLabel(/^公开内容/)).toHaveValue('宁园社区东门下水道堵塞，污水外溢到路面，＊号楼＊门＊＊＊的住户电话138****5678');
  await row.getByRole('button', { name: '公开', exact: true }).click();
  await expect(dispatcher.locator('h2#publish + ol .queue-row', { hasText: '东门下水道堵塞' })).toHaveCount(0);

  // A neighbour writing about the same drain is offered it and joins it; the public list counts them.
  const neighbour = await (await browser.newContext(info.project.use)).newPage();
  await answerUpToCheck(neighbour, '东门下水道堵了', '东门的下水道堵了，污水都外溢到路面上了，请尽快疏通', `1370000300${n}`);
  const similar = neighbour.locator('.similar li', { hasText: '东门下水道堵塞' });
  await similar.getByRole('button', { name: '我也遇到了' }).click();
  await expect(neighbour.locator('.similar')).toContainText('您的诉求将计入这件诉求');
  await neighbour.getByRole('button', { name: '提交诉求' }).click();
  await expect(neighbour.locator('h1')).toHaveText('诉求已提交');
  await neighbour.goto('/petitions/public');
  const published = neighbour.locator('.public-petitions li', { hasText: '东门下水道堵塞' });
  await expect(published).toContainText('另有1人一同反映');
  await expect(published).not.toContainText('13812345678');

  // The same petition for anyone's software, as an Open311 GeoReport v2 service request: open, masked, placed by
  // its community.
  const baseURL = info.project.use.baseURL!;
  const requests = await (await request.get(`${baseURL}/open311/v2/requests.json`)).json();
  const drain = requests.find((r: any) => r.description.startsWith('东门下水道堵塞'));
  expect(drain.status).toBe('open');
  expect(drain.description).toContain('＊号楼＊门＊＊＊的住户电话138****5678');
  expect(drain.address).toBe('宁园社区，望海楼街，天津市河北区');
  expect(drain.address_id).toBe('community-002');
  const xml = await (await request.get(`${baseURL}/open311/v2/requests/${drain.service_request_id}.xml`)).text();
  expect(xml).toContain(`<service_request_id>${drain.service_request_id}</service_request_id><status>open</status>`);
  for (const p of [first, dispatcher, neighbour]) await p.context().close();
});
