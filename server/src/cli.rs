//! Commands for the operator, acting on the configured database (`DATABASE_URL`):
//! `server staff add-admin <工号> <姓名> <手机号>` makes the first admin and prints their one-time enrolment link
//! (admins make everyone else in the app); `server close-place <place> <YYYY-MM-DD> <reason>` closes a place for a
//! day until the counter staff's pages do it. Writes signal the change like any other, so on PostgreSQL every
//! running instance's pages hear of it.

use crate::{booking::SqlBookings, config::Config, db, live::Changes};
use anyhow::{bail, Context};
use app::booking::store::BookingStore;
use chrono::NaiveDate;

pub const USAGE: &str = "usage: server                                          serve the app\n       \
                         server staff add-admin <工号> <姓名> <手机号>        make an admin; prints their enrolment link\n       \
                         server close-place <place> <YYYY-MM-DD> <reason>   close a place for a day";

pub async fn run(config: &Config, command: &str, args: &[String]) -> anyhow::Result<()> {
    match (command, args) {
        ("staff", [sub, number, name, phone]) if sub == "add-admin" => {
            let instance = crate::build(config).await?;
            let made = app::staff::service::create_first_admin(&instance.services, number, name, phone).await?;
            instance.pool.close().await;
            match made {
                Ok(issued) => {
                    println!("{} 的管理员账号已创建。请把以下一次性注册链接交给本人（72小时内有效）：", issued.staff_number);
                    println!("{}", issued.link);
                    Ok(())
                }
                Err(problem) => {
                    let messages: Vec<String> = problem.errors.into_iter().map(|(_, message)| message).collect();
                    bail!("{}", messages.join(" "))
                }
            }
        }
        ("close-place", [place, day, reason @ ..]) if !reason.is_empty() => {
            let day: NaiveDate = day.parse().with_context(|| format!("{day} is not a date (YYYY-MM-DD)"))?;
            let pool = db::connect(&config.database_url).await?;
            crate::catalog::seed::seed(&pool).await?;
            let bookings = SqlBookings::new(pool.clone(), Changes::start(&pool).await?);
            if bookings.bookable_place(place).await?.is_none() {
                bail!("there is no place {place}");
            }
            let affected = bookings.close_place(place, day, &reason.join(" ")).await?;
            println!("{place} is closed on {day}; {affected} bookings and waiting-list entries marked");
            Ok(())
        }
        _ => bail!("{USAGE}"),
    }
}
