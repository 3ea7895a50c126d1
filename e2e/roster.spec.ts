// The dispatch centre's duty roster through the real server and database: a dispatcher puts a shift on (a shift
// already over is refused in words), sees who is on duty now, and takes it off again. Which dispatcher an urgent
// petition texts is checked in the router test (roster.rs), where each account has its own phone.
import { test, expect } from './fixtures';
import { expectAccessible } from './accessible';
import { projectNumber } from './flows';
import { MORNING, admin, createAccount, enrol, envOf, seconds, signIn, totp } from './staff_flows';

test('a dispatcher puts a shift on the roster, sees who is on duty, and takes it off', async ({ browser, page }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  test.setTimeout(60_000);
  const n = projectNumber(project);
  await admin(page, project, `R3${n}`);
  const link = await createAccount(page, `P3${n}`, '周敏', '派单员', null);
  const dispatcher = await (await browser.newContext(info.project.use)).newPage();
  await signIn(dispatcher, `P3${n}`, totp(await enrol(dispatcher, link), seconds(MORNING, 30)));
  await dispatcher.goto('/staff/dispatch');
  await dispatcher.getByRole('link', { name: '值班表' }).click();
  await expect(dispatcher.locator('h1')).toHaveText('值班表');
  await expect(dispatcher.locator('.notice')).toContainText('现在没有人值班');
  await expectAccessible(dispatcher, '/staff/dispatch/roster');

  // It is 08:00 on 25 November: a shift on the 24th is over.
  const who = `周敏（P3${n}）`;
  await dispatcher.getByLabel('调度员').selectOption({ label: who });
  await dispatcher.getByLabel('日期').fill('2026-11-24');
  await dispatcher.getByLabel('开始时间').fill('07:00');
  await dispatcher.getByLabel('时长（小时）').fill('9');
  await dispatcher.getByRole('button', { name: '排班', exact: true }).click();
  await expect(dispatcher.locator('.error-summary')).toContainText('这个班已经结束了，不能再排。');

  await dispatcher.getByLabel('调度员').selectOption({ label: who });
  await dispatcher.getByLabel('日期').fill('2026-11-25');
  await dispatcher.getByLabel('开始时间').fill('07:00');
  await dispatcher.getByLabel('时长（小时）').fill('9');
  await dispatcher.getByRole('button', { name: '排班', exact: true }).click();
  await expect(dispatcher.locator('.notice')).toHaveText(`现在值班：${who}，到11月25日 16:00`);
  const row = dispatcher.locator('table.roster tbody tr', { hasText: who });
  await expect(row).toContainText('11月25日 星期三');
  await expect(row).toContainText('07:00—16:00（值班中）');

  await row.getByRole('button', { name: `取消${who}的这个班` }).click();
  await expect(dispatcher.locator('.notice')).toContainText('现在没有人值班');
  await expect(dispatcher.locator('table.roster tbody tr', { hasText: who })).toHaveCount(0);
  await dispatcher.context().close();
});
