//! Who in a department works a petition: the dispatch centre may name a handler when it routes one, and the
//! department may give it to one of its handlers (or back to the department as a whole) at any time. Only a
//! handler of the petition's department can be named.

use super::{after_step, department_petition};
use crate::petitions::model::Petition;
use crate::services::Services;
use crate::staff::model::{Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;
use crate::ui::form::Decision;
use crate::ui::page_path::PagePath;
use leptos::prelude::ServerFnError;

/// The active handlers of `department`, as (staff number, name), by staff number.
pub(super) async fn handlers_of(services: &Services, department: &str) -> Result<Vec<(String, String)>, ServerFnError> {
    let grant = Grant::Handler { department: department.into() };
    let mut handlers: Vec<(String, String)> = services
        .staff
        .accounts()
        .await?
        .into_iter()
        .filter(|account| !account.disabled && account.grants.contains(&grant))
        .map(|account| (account.staff_number, account.name))
        .collect();
    handlers.sort();
    Ok(handlers)
}

pub(super) const NOT_NAMEABLE: &str = "只能指定本部门的承办人（工号）。";

/// Whether `staff_number` may be given a petition of `department`: empty (the department as a whole), or one of
/// its active handlers.
pub(super) async fn can_be_named(
    services: &Services,
    department: &str,
    staff_number: &str,
) -> Result<bool, ServerFnError> {
    Ok(match staff_number.trim() {
        "" => true,
        number => handlers_of(services, department).await?.iter().any(|(n, _)| n == number),
    })
}

/// Gives `petition` to `staff_number` (empty: the department as a whole), if they handle its department; audited
/// as `by` with `grant`. `Err`: the person cannot be named, with why.
pub(super) async fn give(
    services: &Services,
    petition: &Petition,
    staff_number: &str,
    by: &StaffUser,
    grant: &Grant,
) -> Result<Result<(), &'static str>, ServerFnError> {
    let department = petition.case.department.as_deref().unwrap_or_default();
    if !can_be_named(services, department, staff_number).await? {
        return Ok(Err(NOT_NAMEABLE));
    }
    let assignee = Some(staff_number.trim()).filter(|number| !number.is_empty());
    let now = services.site.clock.now();
    let subject = format!("诉求{} → {}", petition.number, assignee.unwrap_or("本部门"));
    let audit = AuditEntry::by(by, grant, "指定承办人", subject, now);
    services.petitions.assign(petition, assignee, &audit, now).await?;
    Ok(Ok(()))
}

/// A handler gives a petition of their department to a colleague, themselves, or the department as a whole.
/// `Ok(Ok(None))`: no such petition there.
pub async fn assign(
    services: &Services,
    caller: Option<&StaffUser>,
    department: &str,
    number: &str,
    staff_number: &str,
) -> Result<Result<Option<Decision>, Denied>, ServerFnError> {
    let (petition, user) = match department_petition(services, caller, department, number).await? {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(Ok(None)),
        Err(denied) => return Ok(Err(denied)),
    };
    let grant = Grant::Handler { department: department.into() };
    Ok(Ok(Some(match give(services, &petition, staff_number, &user, &grant).await? {
        Ok(()) => after_step(Ok(petition), PagePath::new(&["staff", "petitions", department, number])),
        Err(problem) => Decision::field("assignee", problem),
    })))
}
