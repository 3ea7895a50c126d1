//! Server side of booking: the form handlers of the booking questions, and the SQL behind
//! `app::store::BookingStore`.

pub mod calendar;
pub mod flow;
mod store;

pub use store::SqlBookings;
