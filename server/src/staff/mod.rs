//! Server side of staff identity: the sign-in, sign-out, enrolment and admin forms' handlers, the SQL behind
//! `app::staff::store::StaffStore`, and the chore that forgets what can no longer matter.

mod forms;
mod store;

pub use store::SqlStaff;

use crate::routes::{form, Declared};
use app::staff::sign_in::{forget_before, ABSOLUTE_LIMIT};

pub fn routes() -> Vec<Declared> {
    vec![
        form("/staff/sign-in", forms::sign_in),
        form("/staff/sign-out", forms::sign_out),
        form("/staff/sign-out-everywhere", forms::sign_out_everywhere),
        form("/staff/enrol/{token}", forms::enrol),
        form("/staff/admin/accounts", forms::create_account),
        form("/staff/admin/accounts/{number}", forms::change_account),
    ]
}

/// Sessions past the absolute limit are over whatever their row says, and failures older than a day no longer
/// count: both are deleted. Sign-in events and the audit trail are kept.
#[async_trait::async_trait]
impl crate::housekeeping::Chore for SqlStaff {
    fn name(&self) -> &'static str {
        "staff sessions past their limit and forgotten sign-in failures"
    }

    async fn run(&self, now: chrono::DateTime<chrono::FixedOffset>) -> anyhow::Result<u64> {
        Ok(self.forget(now - ABSOLUTE_LIMIT, forget_before(now)).await?)
    }
}
