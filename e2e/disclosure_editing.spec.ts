// Keeping the disclosure up to date through the real server and database, with and without scripts: the service
// office makes a department's editor; the editor changes the department's stalest item (public and searchable at
// once) and proposes a new legal basis (public only once the office approves it), then reviews the department's
// responsibility list with no change. Each project keeps its own department, each fully fresh already, so that no
// other spec's figures move.
import { expectAccessible } from './accessible';
import { test, expect } from './fixtures';
import { projectNumber } from './flows';
import { MORNING, admin, createAccount, enrol, envOf, seconds, signIn, totp } from './staff_flows';

const DEPARTMENTS: Record<number, string> = {
  1: '河北区退役军人事务局',
  2: '河北区商务局',
  3: '天津市住房公积金管理中心河北管理部',
  4: '河北区应急管理局',
};

test('an editor keeps a department\'s disclosure, and the service office approves a legal change', async ({ browser, page }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  test.setTimeout(60_000);
  const n = projectNumber(project);
  const department = DEPARTMENTS[n];
  const window = `海河${n}号专窗`;
  const basis = `《天津市政务服务办法》第二十${n}条`;

  await admin(page, project, `E3${n}`);
  const link = await createAccount(page, `E4${n}`, '陈静', '公开信息编辑', ['部门（承办人、部门负责人、公开信息编辑）', department]);
  const editor = await (await browser.newContext(info.project.use)).newPage();
  await signIn(editor, `E4${n}`, totp(await enrol(editor, link), seconds(MORNING, 30)));
  await editor.getByRole('link', { name: '维护公开信息' }).click();
  await expect(editor.locator('h1')).toHaveText('维护公开信息');
  await expect(editor.locator('h2')).toHaveText([department]);

  // The stalest item first, after the list.
  const first = editor.locator('ul.entries li').nth(1).locator('a');
  const name = (await first.textContent())!;
  await first.click();
  await expect(editor.locator('h1')).toHaveText(name);
  const publicHref = (await editor.getByRole('link', { name: '查看公开页面' }).getAttribute('href'))!;
  const description = editor.getByLabel('事项说明');
  await description.fill(`${await description.inputValue()}可到${window}办理。`);
  await editor.getByLabel(/^设定依据/).fill(basis);
  // A new material in the last blank row of the materials table.
  const material = `${window}预约回执`;
  const blank = editor.locator('fieldset#materials tbody tr').last();
  await blank.getByLabel(/的材料名称$/).fill(material);
  await blank.getByLabel(/的是否必需$/).selectOption({ label: '非必需' });
  await blank.getByLabel(/的份数$/).fill('1');
  await blank.getByLabel(/的来源$/).fill('网上预约后打印');
  await editor.getByLabel(/^修改说明/).fill('按窗口调整更新');
  await editor.getByRole('button', { name: '保存修改' }).click();
  await expect(editor).toHaveURL(/#versions$/);
  await expect(editor.getByRole('status')).toContainText('有法定内容的修改正在等待区政务服务办审核');
  const versions = editor.locator('ol.versions > li');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText('法定内容修改，待审核');
  await expect(versions.nth(0).locator('ins')).toHaveText(basis);
  await expect(versions.nth(1)).toContainText('已修改 · 2026年11月25日 08:00 · 陈静（E4');
  await expect(versions.nth(1)).toContainText('说明：按窗口调整更新');
  await expect(versions.nth(1).locator('ins', { hasText: material })).toHaveText(`${material}｜非必需｜原件｜1份｜网上预约后打印｜`);
  await expectAccessible(editor, 'the item editor with its versions');

  // Residents read the new text and find it by its words at once; the basis is not public yet.
  const resident = await (await browser.newContext(info.project.use)).newPage();
  await resident.goto(publicHref);
  await expect(resident.locator('.lead')).toContainText(window);
  await expect(resident.locator('.checklist li', { hasText: material })).toContainText('视情况 · 原件 · 1份 · 网上预约后打印');
  await expect(resident.locator('.facts')).not.toContainText(basis);
  await resident.goto(`/search?q=${encodeURIComponent(window)}`);
  await expect(resident.locator('main')).toContainText(name);

  // The service office approves the basis; it is public.
  await page.goto('/staff');
  await page.getByRole('link', { name: '公开信息法定内容审核' }).click();
  const proposal = page.locator('section.proposal', { hasText: name });
  await expect(proposal.locator('ins')).toHaveText(basis);
  await expectAccessible(page, '/staff/disclosure/approvals');
  await proposal.getByRole('radio', { name: /^通过/ }).check();
  await proposal.getByRole('button', { name: '提交审核意见' }).click();
  await expect(page.locator('section.proposal', { hasText: name })).toHaveCount(0);
  await resident.goto(publicHref);
  await expect(resident.locator('.facts')).toContainText(basis);

  // The list looked at and right as it is: reviewed today, no version of its text.
  await editor.goto('/staff/disclosure/edit');
  await editor.locator('ul.entries li').first().getByRole('link', { name: '职责清单' }).click();
  await editor.getByRole('button', { name: '已核对，无需修改' }).click();
  await expect(editor.locator('ol.versions > li').first()).toContainText('已核对，无需修改');
  await expect(editor.locator('main')).toContainText('最近审核：2026年11月25日');
});
