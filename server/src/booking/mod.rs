//! Server side of booking: the SQL behind `app::store::BookingStore`.

mod store;

pub use store::SqlBookings;
