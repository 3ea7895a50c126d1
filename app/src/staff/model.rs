//! Who a member of staff is and what they may do: an account holds grants, each a role over a scope (a
//! department, a place, or the district). `require` is the one check every staff page, form handler and server
//! function makes for itself.

use serde::{Deserialize, Serialize};

/// One role over one scope. A grant allows exactly what it names: an admin manages accounts but does not see a
/// place's bookings, and a handler of one department sees nothing of another's.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grant {
    /// Answers the petitions routed to a department.
    Handler { department: String },
    /// A department's figures and appeals; signs off its declines and extension requests.
    DepartmentHead { department: String },
    /// The district's dispatch centre: routes, transfers, approves, calls back.
    Dispatcher,
    /// Works the counter at one place.
    CounterStaff { place: String },
    /// Keeps a department's disclosure (its responsibility list and its items' details) up to date; legal fields
    /// wait for an admin's approval.
    Editor { department: String },
    /// Accounts and grants, for the district.
    Admin,
}

/// The scope of the district-wide roles, as stored.
pub const DISTRICT: &str = "district";

impl Grant {
    /// The stored pair (role, scope).
    pub fn role(&self) -> &'static str {
        match self {
            Grant::Handler { .. } => "handler",
            Grant::DepartmentHead { .. } => "department_head",
            Grant::Dispatcher => "dispatcher",
            Grant::CounterStaff { .. } => "counter_staff",
            Grant::Editor { .. } => "editor",
            Grant::Admin => "admin",
        }
    }

    pub fn scope(&self) -> &str {
        match self {
            Grant::Handler { department } | Grant::DepartmentHead { department } | Grant::Editor { department } => {
                department
            }
            Grant::CounterStaff { place } => place,
            Grant::Dispatcher | Grant::Admin => DISTRICT,
        }
    }

    /// The grant a stored (role, scope) pair stands for; `None` for a pair this build does not know.
    pub fn from_stored(role: &str, scope: &str) -> Option<Grant> {
        let scoped = (!scope.is_empty() && scope != DISTRICT).then(|| scope.to_string());
        match role {
            "handler" => Some(Grant::Handler { department: scoped? }),
            "department_head" => Some(Grant::DepartmentHead { department: scoped? }),
            "counter_staff" => Some(Grant::CounterStaff { place: scoped? }),
            "editor" => Some(Grant::Editor { department: scoped? }),
            "dispatcher" if scope == DISTRICT => Some(Grant::Dispatcher),
            "admin" if scope == DISTRICT => Some(Grant::Admin),
            _ => None,
        }
    }

    /// The role's name for people, without its scope.
    pub fn role_label(&self) -> &'static str {
        role_label(self.role())
    }
}

/// The roles an admin can grant, as (stored role, label).
pub const ROLES: [(&str, &str); 6] = [
    ("handler", "承办人"),
    ("department_head", "部门负责人"),
    ("editor", "公开信息编辑"),
    ("dispatcher", "派单员"),
    ("counter_staff", "窗口工作人员"),
    ("admin", "系统管理员"),
];

pub fn role_label(role: &str) -> &'static str {
    ROLES.iter().find(|(stored, _)| *stored == role).map_or("未知角色", |(_, label)| label)
}

/// A member of staff signed in: who, and what they may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub account_id: i64,
    pub staff_number: String,
    pub name: String,
    pub grants: Vec<Grant>,
}

impl StaffUser {
    pub fn holds(&self, grant: &Grant) -> bool {
        self.grants.contains(grant)
    }

    /// The places this person works the counter at.
    pub fn counter_places(&self) -> impl Iterator<Item = &str> {
        self.grants.iter().filter_map(|grant| match grant {
            Grant::CounterStaff { place } => Some(place.as_str()),
            _ => None,
        })
    }
}

/// Why a request for something staff-only was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is signed in (or their session ended, or their account is disabled).
    NotSignedIn,
    /// Signed in, without the grant it needs.
    NotGranted,
}

impl Denied {
    pub fn message(self) -> &'static str {
        match self {
            Denied::NotSignedIn => "请先登录工作人员账号。",
            Denied::NotGranted => "您的账号没有办理此项工作的权限。如需开通，请联系系统管理员。",
        }
    }
}

/// The caller, if they hold `grant`.
pub fn require<'a>(caller: Option<&'a StaffUser>, grant: &Grant) -> Result<&'a StaffUser, Denied> {
    let user = caller.ok_or(Denied::NotSignedIn)?;
    if user.holds(grant) {
        Ok(user)
    } else {
        Err(Denied::NotGranted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counter_at(place: &str) -> StaffUser {
        StaffUser {
            account_id: 7,
            staff_number: "C0007".into(),
            name: "李四".into(),
            grants: vec![Grant::CounterStaff { place: place.into() }],
        }
    }

    #[test]
    fn nobody_signed_in_is_asked_to_sign_in() {
        assert_eq!(require(None, &Grant::Admin), Err(Denied::NotSignedIn));
    }

    #[test]
    fn a_grant_for_one_place_opens_that_place_only() {
        let user = counter_at("hall-1");
        assert!(require(Some(&user), &Grant::CounterStaff { place: "hall-1".into() }).is_ok());
        assert_eq!(require(Some(&user), &Grant::CounterStaff { place: "hall-2".into() }), Err(Denied::NotGranted));
    }

    #[test]
    fn an_admin_is_not_counter_staff_anywhere() {
        let admin =
            StaffUser {
                account_id: 1, staff_number: "A0001".into(), name: "王五".into(), grants: vec![Grant::Admin]
            };
        assert_eq!(require(Some(&admin), &Grant::CounterStaff { place: "hall-1".into() }), Err(Denied::NotGranted));
        assert!(require(Some(&admin), &Grant::Admin).is_ok());
    }

    #[test]
    fn a_department_head_does_not_hold_the_handlers_grant() {
        let head = StaffUser {
            account_id: 3,
            staff_number: "D0003".into(),
            name: "赵六".into(),
            grants: vec![Grant::DepartmentHead { department: "civil-affairs".into() }],
        };
        assert_eq!(
            require(Some(&head), &Grant::Handler { department: "civil-affairs".into() }),
            Err(Denied::NotGranted)
        );
    }

    #[test]
    fn stored_pairs_come_back_as_the_same_grant() {
        for grant in [
            Grant::Handler { department: "civil-affairs".into() },
            Grant::DepartmentHead { department: "civil-affairs".into() },
            Grant::Dispatcher,
            Grant::CounterStaff { place: "community-006".into() },
            Grant::Editor { department: "civil-affairs".into() },
            Grant::Admin,
        ] {
            assert_eq!(Grant::from_stored(grant.role(), grant.scope()), Some(grant.clone()));
        }
    }

    #[test]
    fn a_scoped_role_without_its_scope_is_no_grant() {
        assert_eq!(Grant::from_stored("handler", DISTRICT), None);
        assert_eq!(Grant::from_stored("counter_staff", ""), None);
        assert_eq!(Grant::from_stored("editor", DISTRICT), None);
        assert_eq!(Grant::from_stored("admin", "hall-1"), None);
        assert_eq!(Grant::from_stored("superuser", DISTRICT), None);
    }
}
