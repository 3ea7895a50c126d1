// Petitions through the real server and database: a dispatcher takes a call, files it and routes it; the
// department's handler signs for it, calls and asks for more; the caller follows it all with the number and code
// read out to them. The deadlines shown are the ones worked out by hand.
import { test, expect, Page } from './fixtures';
import { projectNumber } from './flows';
import { MORNING, admin, createAccount, enrol, envOf, seconds, signIn, totp } from './staff_flows';

/** A dispatcher takes a caller's noise complaint on the phone-in form. */
async function phoneIn(dispatcher: Page, title: string) {
  await dispatcher.getByLabel('诉求类别').selectOption({ label: '施工、商业噪声扰民' });
  await dispatcher.getByLabel('街道和社区').selectOption({ label: '金海社区' });
  await dispatcher.getByLabel('标题', { exact: true }).fill(title);
  await dispatcher.getByLabel('诉求内容').fill('工地每晚十一点后还在施工，影响休息。');
  await dispatcher.getByLabel('来电人姓名').fill('李四');
  await dispatcher.getByLabel('来电人手机').fill('13912345678');
  await dispatcher.getByRole('button', { name: '受理并生成编号' }).click();
}

test('a phoned-in petition is routed, worked, extended, closed, sent back by the caller, and declined through the dispatcher', async ({ browser, page }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  test.setTimeout(60_000);
  const n = projectNumber(project);
  await admin(page, project, `A5${n}`);
  const link = await createAccount(page, `P5${n}`, '赵敏', '派单员', null);
  const handlerLink = await createAccount(page, `H5${n}`, '孙丽', '承办人', ['部门（承办人、部门负责人、公开信息编辑）', '天津市河北区生态环境局']);
  const dispatcher = await (await browser.newContext(info.project.use)).newPage();
  const secret = await enrol(dispatcher, link);
  await signIn(dispatcher, `P5${n}`, totp(secret, seconds(MORNING, 30)));
  await dispatcher.getByRole('link', { name: '派单' }).click();
  await expect(dispatcher.locator('h1')).toHaveText('待派单的诉求');

  // The call, at 08:00 on Wednesday 25 November.
  await phoneIn(dispatcher, '夜间施工噪声');
  const number = (await dispatcher.locator('#phoned-in-number').textContent())!;
  const code = (await dispatcher.locator('#phoned-in-code').textContent())!;
  expect(number).toMatch(/^12010520261125\d{5}$/);
  expect(code).toMatch(/^\d{8}$/);

  // Routed to the department its category suggests.
  const row = dispatcher.locator('.queue-row', { hasText: '夜间施工噪声' });
  await expect(row.getByLabel('办理部门')).toHaveValue('ecology');
  await row.getByRole('button', { name: '派单' }).click();
  await expect(dispatcher.locator('h1')).toHaveText('待派单的诉求');
  await expect(dispatcher.locator('.queue-row', { hasText: '夜间施工噪声' })).toHaveCount(0);

  // The caller, on their own phone.
  const caller = await (await browser.newContext(info.project.use)).newPage();
  await caller.goto('/petitions');
  await caller.getByLabel('受理编号').fill(number.replace(/^(\d{6})(\d{8})/, '$1 $2 '));
  await caller.getByLabel('查询码').fill(code);
  await caller.getByRole('button', { name: '查询' }).click();
  await expect(caller).toHaveURL(/\/petitions\/[A-Za-z0-9_-]{43}$/);
  await expect(caller.getByRole('status')).toHaveText('已派单，待签收');
  await expect(caller.locator('.facts')).toContainText('天津市河北区生态环境局');
  await expect(caller.locator('.facts')).toContainText('李* · 139****5678');
  // Ordinary: 1 working day to respond, from Thursday the 26th; 7 calendar days for the result, ending
  // Wednesday 2 December.
  await expect(caller.locator('.clocks')).toContainText('响应：2026年11月26日 24:00 前');
  await expect(caller.locator('.clocks')).toContainText('办结：2026年12月2日 24:00 前');
  expect(await caller.content()).not.toContain('13912345678');

  // The bureau's handler finds it in the queue, signs for it, calls, and asks for a photo.
  const handler = await (await browser.newContext(info.project.use)).newPage();
  const handlerSecret = await enrol(handler, handlerLink);
  await signIn(handler, `H5${n}`, totp(handlerSecret, seconds(MORNING, 30)));
  await handler.getByRole('link', { name: '诉求办理' }).click();
  if (!project.endsWith('-nojs')) {
    // With the queue open, another call is routed to the bureau: it appears without a reload.
    await expect(handler.locator('.live-region[data-live="connected"]')).toBeAttached();
    await handler.evaluate(() => ((window as any).stillHere = true));
    await phoneIn(dispatcher, '工地噪声又来了');
    await dispatcher.locator('.queue-row', { hasText: '工地噪声又来了' }).getByRole('button', { name: '派单' }).click();
    await expect(handler.locator('.queue-row', { hasText: '工地噪声又来了' })).toBeVisible();
    expect(await handler.evaluate(() => (window as any).stillHere)).toBe(true);
  }
  const queued = handler.locator('.queue-row', { hasText: '夜间施工噪声' });
  await expect(queued).toContainText('响应：2026年11月26日 24:00 截止');
  await queued.getByRole('link', { name: '办理' }).click();
  await expect(handler.locator('.facts')).toContainText('月牙河 · 金海社区');
  await handler.getByRole('button', { name: '签收' }).click();
  await handler.getByLabel(/已联系诉求人/).fill('已电话联系来电人，今晚到现场查看');
  await handler.getByRole('button', { name: '已联系诉求人' }).click();
  await handler.getByLabel(/请诉求人补充材料/).fill('请拍一段施工时的视频截图');
  await handler.getByRole('button', { name: '请诉求人补充材料' }).click();
  await expect(handler.getByRole('status')).toHaveText('待补充材料');

  await caller.reload();
  await expect(caller.getByRole('status')).toHaveText('待补充材料');
  await expect(caller.locator('.milestones')).toContainText('部门请您补充材料');
  await expect(caller.locator('.milestones')).toContainText('请拍一段施工时的视频截图');
  await expect(caller.locator('.clocks')).toContainText('响应：2026年11月26日 24:00 前，已于2026-11-25 08:00完成');

  // The caller answers on the same page; the handler sees it and the clock runs again.
  await caller.getByLabel('补充材料').fill('视频截图已发到区生态环境局邮箱');
  await caller.getByRole('button', { name: '提交补充' }).click();
  await expect(caller.getByRole('status')).toHaveText('已联系，办理中');
  await expect(caller.locator('.milestones')).toContainText('您已补充材料');
  await handler.reload();
  await expect(handler.locator('.milestones')).toContainText('视频截图已发到区生态环境局邮箱');
  await expect(handler.getByRole('button', { name: '答复并办结' })).toBeVisible();

  // More time, asked by the department and approved by the dispatch centre: 7 days end on Wednesday 2 December;
  // three more end on Saturday the 5th, which runs on to the end of Monday 7 December.
  await handler.getByText('申请延期').click();
  await handler.getByLabel(/^延长/).fill('3');
  await handler.getByLabel('理由', { exact: true }).nth(1).fill('需要协调夜间施工许可部门');
  await handler.getByRole('button', { name: '提交延期申请' }).click();
  await expect(handler.getByRole('note')).toContainText('等待派单员审核：申请延期3日');
  await dispatcher.reload();
  const asked = dispatcher.locator('.queue-row', { hasText: '申请延期3日' });
  await expect(asked).toContainText('天津市河北区生态环境局');
  await asked.getByRole('button', { name: '批准' }).click();
  await caller.reload();
  await expect(caller.locator('.milestones')).toContainText('办结时限经批准延长3日');
  await expect(caller.locator('.clocks')).toContainText('办结：2026年12月7日 24:00 前');

  // Replied and closed; the caller says it is not solved, and it goes back to the department once.
  await handler.reload();
  await handler.getByLabel(/答复并办结/).fill('已责令工地夜间停工，并安排巡查');
  await handler.getByRole('button', { name: '答复并办结' }).click();
  await expect(handler.getByRole('status')).toHaveText('已办结，待回访');
  await caller.reload();
  await expect(caller.locator('.milestones')).toContainText('已责令工地夜间停工，并安排巡查');
  await caller.getByRole('group', { name: '办理部门联系过您吗？' }).getByLabel('是').check();
  await caller.getByRole('group', { name: '问题解决了吗？' }).getByLabel('否').check();
  await caller.getByLabel('不满意', { exact: true }).check();
  await caller.getByRole('button', { name: '提交评价' }).click();
  await expect(caller.getByRole('status')).toHaveText('已签收');
  await expect(caller.locator('.milestones')).toContainText('您已评价：未解决，退回重办');
  await handler.reload();
  await expect(handler.locator('.bad-review')).toContainText('回访核实：2026年11月26日 24:00 前');

  // Not the bureau's after all: a transfer sent back, then a decline approved; the caller reads why.
  await handler.getByText('申请转办').click();
  await handler.getByLabel('转给').selectOption({ label: '河北区住房和建设委员会' });
  await handler.getByLabel('理由', { exact: true }).first().fill('工地属于住建委监管');
  await handler.getByRole('button', { name: '提交转办申请' }).click();
  await dispatcher.reload();
  await dispatcher.locator('.queue-row', { hasText: '申请转办' }).getByRole('button', { name: '退回' }).click();
  await handler.reload();
  await expect(handler.getByText('等待派单员审核')).toHaveCount(0);
  await handler.getByText('申请不予受理').click();
  await handler.getByLabel('理由（诉求人会看到）').selectOption({ label: '已经答复，且没有新的事实和理由' });
  await handler.getByRole('button', { name: '提交不予受理申请' }).click();
  await dispatcher.reload();
  await dispatcher.locator('.queue-row', { hasText: '申请不予受理' }).getByRole('button', { name: '批准' }).click();
  await caller.reload();
  await expect(caller.getByRole('status')).toHaveText('不予受理');
  await expect(caller.locator('.milestones')).toContainText('不予受理：已经答复，且没有新的事实和理由');
  await caller.context().close();
  await handler.context().close();
  await dispatcher.context().close();
});
