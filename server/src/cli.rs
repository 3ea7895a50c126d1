//! The operator's command, acting on the configured database (`DATABASE_URL`): `server staff add-admin <工号>
//! <姓名> <手机号>` makes the first admin and prints their one-time enrolment link. Admins make everyone else in
//! the app, and counter staff close their place for a day on their own page. `server demo load|remove` adds or
//! takes away the demo history; `server enforcement import` takes a feed file from the enforcement platform.

use crate::config::Config;
use anyhow::{bail, Context};

pub const USAGE: &str = "usage: server                                     serve the app\n       \
                         server staff add-admin <工号> <姓名> <手机号>   make an admin; prints their enrolment link\n       \
                         server demo load                           load the demo petitions and enforcement records (演示数据)\n       \
                         server demo remove                         remove them\n       \
                         server enforcement import <file.json>      import an enforcement feed file (docs/enforcement-feed.md)";

pub async fn run(config: &Config, command: &str, args: &[String]) -> anyhow::Result<()> {
    match (command, args) {
        ("staff", [sub, number, name, phone]) if sub == "add-admin" => {
            let instance = crate::build(config).await?;
            let made = app::staff::service::create_first_admin(&instance.services, number, name, phone).await?;
            instance.pool.close().await;
            match made {
                Ok(issued) => {
                    println!(
                        "{} 的管理员账号已创建。请把以下一次性注册链接交给本人（72小时内有效）：",
                        issued.staff_number
                    );
                    println!("{}", issued.link);
                    Ok(())
                }
                Err(problem) => {
                    let messages: Vec<String> = problem.errors.into_iter().map(|(_, message)| message).collect();
                    bail!("{}", messages.join(" "))
                }
            }
        }
        ("demo", [sub]) if sub == "load" => {
            let instance = crate::build(config).await?;
            let loaded = crate::petitions::demo::load(&instance.pool).await?;
            let records = crate::rankings::demo::load(&instance.pool, &instance.services).await?;
            println!(
                "已装入{loaded}件演示诉求和{records}条演示执法记录。页面会标明“演示数据”；用 server demo remove 删除。"
            );
            Ok(())
        }
        ("demo", [sub]) if sub == "remove" => {
            let pool = crate::db::connect(&config.database_url).await?;
            let removed = crate::petitions::demo::remove(&pool).await?;
            let records = crate::rankings::demo::remove(&pool).await?;
            println!("已删除{removed}件演示诉求和{records}条演示执法记录。");
            Ok(())
        }
        ("enforcement", [sub, file]) if sub == "import" => {
            let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {file}"))?;
            let feed = serde_json::from_str(&text).with_context(|| format!("{file} is not an enforcement feed"))?;
            let instance = crate::build(config).await?;
            let imported = app::rankings::service::reporting::import(&instance.services, &feed, "file").await?;
            instance.pool.close().await;
            match imported {
                Ok(done) => {
                    println!("新增{}条，更新{}条，未变{}条执法记录。", done.added, done.replaced, done.unchanged);
                    Ok(())
                }
                Err(problems) => {
                    let lines: Vec<String> = problems
                        .into_iter()
                        .map(|p| match (p.record, p.id) {
                            (Some(at), Some(id)) => format!("第{at}条（{id}）：{}", p.message),
                            _ => p.message,
                        })
                        .collect();
                    bail!("文件中的记录均未导入：\n{}", lines.join("\n"))
                }
            }
        }
        _ => bail!("{USAGE}"),
    }
}
