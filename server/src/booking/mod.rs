//! Server side of booking: the form handlers of the booking questions and of the counter staff, and the SQL behind
//! `app::booking::store::BookingStore`.

pub mod calendar;
mod counter;
mod forms;
mod store;

pub use store::SqlBookings;

use crate::routes::{form, get_as, Declared, Kind};

pub fn routes() -> Vec<Declared> {
    vec![
        form("/book/start", forms::start),
        form("/book/place", forms::place),
        form("/book/day", forms::day),
        form("/book/slot", forms::slot),
        form("/book/who", forms::who),
        form("/book/consent", forms::consent),
        form("/book/confirm", forms::confirm),
        get_as(Kind::Download, "/bookings/{token}/calendar.ics", calendar::download),
        form("/bookings/lookup", forms::lookup),
        form("/bookings/{token}/cancel", forms::cancel),
        form("/bookings/{token}/reschedule", forms::reschedule),
        // Checking in is the booking's: the kiosk shows the form, a counter will too.
        form("/kiosk/{place}/check-in", forms::check_in),
        // The counter staff's, at their place.
        form("/staff/counter/{place}/arrived", counter::arrived),
        form("/staff/counter/{place}/no-show", counter::no_show),
        form("/staff/counter/{place}/close", counter::close),
        form("/staff/counter/{place}/reopen", counter::reopen),
    ]
}

/// Personal data is kept `model::KEEP_PERSONAL_DATA_DAYS` after a booking's day, then blanked.
#[async_trait::async_trait]
impl crate::housekeeping::Chore for SqlBookings {
    fn name(&self) -> &'static str {
        "personal data of old bookings"
    }

    async fn run(&self, now: chrono::DateTime<chrono::FixedOffset>) -> anyhow::Result<u64> {
        Ok(self.anonymise_old(now.date_naive()).await?)
    }
}
