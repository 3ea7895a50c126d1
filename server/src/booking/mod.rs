//! Server side of booking: the form handlers of the booking questions, and the SQL behind
//! `app::store::BookingStore`.

pub mod calendar;
pub mod flow;
pub mod manage;
mod store;

pub use store::{SqlBookings, KEEP_PERSONAL_DATA_DAYS};
