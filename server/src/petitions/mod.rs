//! Server side of petitions: the SQL behind `app::petitions::store::PetitionStore`, and the staff's forms (the
//! residents' pages and forms come next).

mod forms;
mod store;

pub use store::SqlPetitions;

use crate::routes::{form, Declared};

pub fn routes() -> Vec<Declared> {
    vec![
        form("/petitions/lookup", forms::look_up),
        form("/petitions/{token}", forms::answer),
        form("/staff/dispatch/route", forms::route),
        form("/staff/dispatch/phone-in", forms::phone_in),
        form("/staff/petitions/{department}/{number}", forms::handle),
    ]
}
