//! The server's integration tests, in one binary: each test file linked on its own cost 700 MB of disk and a
//! link of the whole server, and CI's disk filled up.

mod authorisation;
mod booking;
mod booking_pages;
mod disclosure;
mod disclosure_editing;
mod durability;
mod enforcement;
pub(crate) mod every_route;
mod hostile_input;
mod instances;
mod kiosk;
mod open311;
mod pages;
mod petition_filing;
pub(crate) mod petition_forms;
mod petition_steps;
mod petitions;
mod ranking_publication;
mod rankings;
mod roster;
mod serving;
mod sms_gateway;
mod staff;
mod storage;
mod support;
mod warnings;
