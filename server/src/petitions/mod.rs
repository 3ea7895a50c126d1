//! Server side of petitions: so far the SQL behind `app::petitions::store::PetitionStore` (the residents' and
//! handlers' pages and forms come next).

mod store;

pub use store::SqlPetitions;
