// The staff report of stale disclosure through the real server and database: the service office's admin opens it
// from the desk and reads every department, the stalest first, with the stale badge in words.
import { test, expect } from './fixtures';
import { projectNumber } from './flows';
import { admin, envOf } from './staff_flows';

test('the service office reads what is stale in each department\'s disclosure', async ({ page }, info) => {
  const project = info.project.name;
  test.skip(!envOf('DATABASE_URL', project), 'needs the servers cargo xtask test starts');
  const n = projectNumber(project);
  await admin(page, project, `E2${n}`);
  await page.getByRole('link', { name: '公开信息更新情况（职责清单和办事事项）' }).click();
  await expect(page.locator('h1')).toHaveText('公开信息更新情况');
  const rows = page.locator('table.staleness tbody tr');
  await expect(rows).toHaveCount(24);
  // The civil air defence office: its list reviewed 22 January 2018, its 3 items in 2026: 3 of 4 fresh.
  await expect(rows.first()).toContainText('河北区人民防空办公室');
  await expect(rows.first()).toContainText('超过一年未更新');
  await expect(rows.first().locator('td').last()).toHaveText('75.0%');
  await expect(page.locator('main')).toContainText('截至2026年11月25日');
});
