// Several instances over PostgreSQL, in browsers: the standings open on one instance show a callback given through
// another within 3 seconds, without a reload where scripts run (the change crosses instances as a NOTIFY), on
// reloading where they do not. `cargo xtask test` starts the two instances on a database of their own when
// TEST_DATABASE_URL is set (always in CI); they serve the two phone projects, each with its own department.
import { test, expect } from './fixtures';
import { projectNumber } from './flows';
import { MORNING, addAdminOn, callBack, closeCase, createAccount, enrol, phoneIn, seconds, signIn, totp } from './staff_flows';

const A = process.env.PG_BASE_URL;
const B = process.env.PG_PEER_URL;
const DATABASE = process.env.PG_DATABASE_URL;

test('a callback given through one instance moves the standings open on another', async ({ browser }, info) => {
  const project = info.project.name;
  test.skip(!A || !B || !DATABASE, 'needs PostgreSQL: cargo xtask test starts two instances on it when TEST_DATABASE_URL is set');
  test.skip(!project.startsWith('phone'), 'the PostgreSQL pair serves the phone projects');
  test.setTimeout(60_000);
  const live = !project.endsWith('-nojs');
  const n = projectNumber(project);
  const [department, category, title] = live
    ? ['河北区交通运输局', '公交线路、站点', '公交站牌被撞坏']
    : ['河北区城市管理委员会', '路灯不亮', '小区门口路灯不亮'];
  const on = async (base: string) => (await browser.newContext({ ...info.project.use, baseURL: base })).newPage();

  // The standings, open on instance B.
  const standings = await on(B!);
  await standings.goto('/rankings');
  await expect(standings.locator('h1')).toHaveText('2026年11月部门考评排名');
  await expect(standings.getByText(`${department}：有效回访`)).toHaveCount(0);
  if (live) {
    await expect(standings.locator('.live-region[data-live="connected"]')).toBeAttached();
    await standings.evaluate(() => ((window as any).stillHere = true));
  }

  // Everything else through instance A: the staff, the case, the caller's callback.
  const admin = await on(A!);
  await signIn(admin, `A0${n}`, totp(await enrol(admin, addAdminOn(A!, DATABASE!, `A0${n}`)), seconds(MORNING, 30)));
  const dispatcherLink = await createAccount(admin, `P0${n}`, '孟佳', '派单员', null);
  const handlerLink = await createAccount(admin, `H0${n}`, '于洋', '承办人', ['部门（承办人、部门负责人、公开信息编辑）', department]);
  const dispatcher = await on(A!);
  await signIn(dispatcher, `P0${n}`, totp(await enrol(dispatcher, dispatcherLink), seconds(MORNING, 30)));
  const { number, code } = await phoneIn(dispatcher, {
    category,
    community: '金海社区',
    title,
    body: '社区门口的设施坏了，晚上出行不便。',
    name: '何九',
    phone: '13812340900',
  });
  await dispatcher.locator('.queue-row', { hasText: title }).getByRole('button', { name: '派单' }).click();
  const handler = await on(A!);
  await signIn(handler, `H0${n}`, totp(await enrol(handler, handlerLink), seconds(MORNING, 30)));
  const departmentId = live ? 'transport' : 'urban-management';
  await closeCase(handler, departmentId, number, '已电话联系来电人', '已派人修复');
  const caller = await on(A!);
  await callBack(caller, number, code, '非常满意');

  if (!live) await standings.reload();
  await expect(standings.locator('.too-few')).toContainText(`${department}：有效回访1件`, { timeout: 3_000 });
  if (live) expect(await standings.evaluate(() => (window as any).stillHere)).toBe(true);
  for (const page of [standings, admin, dispatcher, handler, caller]) await page.context().close();
});
