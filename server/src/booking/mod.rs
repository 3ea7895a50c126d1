//! Server side of booking: the form handlers of the booking questions, and the SQL behind
//! `app::booking::store::BookingStore`.

pub mod calendar;
pub mod flow;
pub mod manage;
mod store;

pub use store::{SqlBookings, KEEP_PERSONAL_DATA_DAYS};

use crate::routes::{form, get_as, Declared, Kind};

pub fn routes() -> Vec<Declared> {
    vec![
        form("/book/start", flow::start),
        form("/book/place", flow::place),
        form("/book/day", flow::day),
        form("/book/slot", flow::slot),
        form("/book/who", flow::who),
        form("/book/consent", flow::consent),
        form("/book/confirm", flow::confirm),
        get_as(Kind::Download, "/bookings/{token}/calendar.ics", calendar::download),
        form("/bookings/lookup", manage::lookup),
        form("/bookings/{token}/cancel", manage::cancel),
        form("/bookings/{token}/reschedule", manage::reschedule),
    ]
}
