// Early warning through the real server and database: five calls about neighbours' disputes in one community this
// week, where there were none the eight weeks before, raise a warning on the dispatch centre's page, and the
// dispatcher's note on what was done stays with it. Plain forms, with and without scripts.
import { test, expect } from './fixtures';
import { projectNumber } from './flows';
import { MORNING, admin, createAccount, enrol, envOf, phoneIn, seconds, signIn, totp } from './staff_flows';

test('five calls about one thing in one street this week raise a warning, and a note stays with it', async ({ browser, page }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  test.setTimeout(60_000);
  const n = projectNumber(project);
  await admin(page, project, `A9${n}`);
  const link = await createAccount(page, `P9${n}`, '陈晨', '派单员', null);
  const dispatcher = await (await browser.newContext(info.project.use)).newPage();
  await signIn(dispatcher, `P9${n}`, totp(await enrol(dispatcher, link), seconds(MORNING, 30)));
  // No other browser test files neighbours' disputes.
  for (const [i, title] of ['楼上装修噪音吵架', '楼道堆物起争执', '漏水纠纷', '停车位纠纷', '宠物扰邻'].entries()) {
    await phoneIn(dispatcher, {
      category: '邻里纠纷调解',
      community: '金海社区',
      title,
      body: '邻居之间发生纠纷，希望社区出面调解。',
      name: '刘七',
      phone: `1381234010${i}`,
    });
  }
  await dispatcher.goto('/staff/warnings');
  await expect(dispatcher.locator('.hint').first()).toContainText('低于0.001，即发出预警');
  const warning = dispatcher.locator('.warning', { hasText: '邻里纠纷调解' });
  await expect(warning.locator('h2')).toContainText('2026年11月23日—11月29日');
  await expect(warning).toContainText('本周5件，前8周平均0.0件');
  await warning.getByRole('button', { name: '记录处理情况' }).click();
  await expect(dispatcher.locator('.error-summary')).toContainText('请写明采取的措施');
  const again = dispatcher.locator('.warning', { hasText: '邻里纠纷调解' });
  await again.getByLabel('采取的措施').fill('已请社区人民调解委员会逐户走访调解');
  await again.getByRole('button', { name: '记录处理情况' }).click();
  await expect(dispatcher.locator('.warning', { hasText: '邻里纠纷调解' })).toContainText(
    `处理情况：已请社区人民调解委员会逐户走访调解（P9${n}，2026年11月25日 08:00）`,
  );
  await dispatcher.context().close();
});
