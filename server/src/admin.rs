//! Staff commands, until the staff pages exist: `server close-place <place> <YYYY-MM-DD> <reason>`. They act on
//! the configured database (`DATABASE_URL`) and signal the change like any write, so on PostgreSQL every running
//! instance's pages hear of it.

use crate::{booking::SqlBookings, config::Config, db, live::Changes};
use anyhow::{bail, Context};
use app::booking::store::BookingStore;
use chrono::NaiveDate;

pub const USAGE: &str = "usage: server                                   serve the app\n       \
                         server close-place <place> <YYYY-MM-DD> <reason>   close a place for a day";

pub async fn run(config: &Config, command: &str, args: &[String]) -> anyhow::Result<()> {
    match (command, args) {
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
