//! Editing the disclosure, server-only: who may edit what (an editor their own department's entries; an admin
//! decides on legal changes), what the editor's pages show, and what the edit and decision forms decide. The
//! rules are the plain functions of `catalog::editing`.

use crate::catalog::editing::{
    self, changes, item_value, list_value, posted, Decided, Edit, Entry, Field, Posted, Refused,
};
use crate::catalog::model::{is_stale, ItemId};
use crate::catalog::page_data::{EditableDepartment, EditorIndex, EntryEditor, EntryLine, Proposal};
use crate::services::Services;
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;
use crate::storage::StoreError;
use crate::ui::form::{Decision, FormProblem};
use crate::ui::page_path::PagePath;
use chrono::NaiveDate;
use leptos::prelude::ServerFnError;

const DAY: &str = "%Y年%-m月%-d日";

/// The departments `user` keeps the disclosure of.
pub fn edited_by(user: &StaffUser) -> Vec<String> {
    user.grants
        .iter()
        .filter_map(|grant| match grant {
            Grant::Editor { department } => Some(department.clone()),
            _ => None,
        })
        .collect()
}

/// Who may open the editor's pages: whoever keeps some department's disclosure. Each entry checks its own.
pub fn may_edit(caller: Option<&StaffUser>) -> Result<&StaffUser, Denied> {
    let user = caller.ok_or(Denied::NotSignedIn)?;
    if edited_by(user).is_empty() {
        Err(Denied::NotGranted)
    } else {
        Ok(user)
    }
}

/// What an editor's address names: a department's responsibility list, or an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    List(String),
    Item(ItemId),
}

impl Target {
    /// The target of `/staff/disclosure/edit/{kind}/{id}`; `None` for a kind or an id of no shape.
    pub fn named(kind: &str, id: &str) -> Option<Self> {
        match kind {
            "departments" => crate::catalog::model::is_id_shaped(id).then(|| Target::List(id.into())),
            "items" => id.parse().ok().map(Target::Item),
            _ => None,
        }
    }

    fn path(&self) -> PagePath {
        match self {
            Target::List(id) => PagePath::new(&["staff", "disclosure", "edit", "departments", id]),
            Target::Item(id) => PagePath::new(&["staff", "disclosure", "edit", "items", &id.to_string()]),
        }
    }
}

/// An entry as it stands: what it is, its fields' texts, and when it was last reviewed.
struct Found {
    entry: Entry,
    title: String,
    department_name: String,
    public_href: String,
    fields: Vec<(Field, String)>,
    reviewed_on: NaiveDate,
}

async fn find(services: &Services, target: &Target) -> Result<Option<Found>, StoreError> {
    let store = &services.catalog.store;
    Ok(match target {
        Target::List(id) => store.department(id).await?.map(|department| Found {
            entry: Entry { department: department.id.clone(), item: None },
            title: format!("{}职责清单", department.name),
            public_href: format!("/departments/{}", department.id),
            fields: vec![(Field::Responsibilities, list_value(&department))],
            reviewed_on: department.responsibilities_reviewed_on,
            department_name: department.name,
        }),
        Target::Item(id) => store.item(*id).await?.map(|item| Found {
            entry: Entry { department: item.department_id.clone(), item: Some(item.id) },
            title: item.name.clone(),
            public_href: format!("/items/{}", item.id),
            fields: Field::ITEM.iter().map(|&field| (field, item_value(&item, field))).collect(),
            reviewed_on: item.reviewed_on,
            department_name: item.department_name,
        }),
    })
}

/// The editor's grant over `found`'s department, if `user` holds it.
fn grant_over(user: &StaffUser, found: &Found) -> Result<Grant, Denied> {
    let grant = Grant::Editor { department: found.entry.department.clone() };
    require(Some(user), &grant).map(|_| grant)
}

/// The departments `user` keeps, each entry with when it was last reviewed, the stalest first.
pub async fn editor_index(services: &Services, user: &StaffUser) -> Result<EditorIndex, ServerFnError> {
    let today = services.site.clock.today();
    let reviews = services.catalog.store.reviews().await?;
    let line = |href: String, name: String, on: NaiveDate| EntryLine {
        href,
        name,
        reviewed_on: on.format(DAY).to_string(),
        stale: is_stale(on, today),
    };
    let mut departments = Vec::new();
    for id in edited_by(user) {
        let Some(department) = services.catalog.store.department(&id).await? else { continue };
        let mut items: Vec<_> = reviews
            .iter()
            .filter(|r| r.department == id)
            .filter_map(|r| r.item.as_ref().map(|(item, name)| (r.reviewed_on, *item, name.clone())))
            .collect();
        items.sort();
        departments.push(EditableDepartment {
            list: line(
                Target::List(id.clone()).path().as_str().to_string(),
                "职责清单".into(),
                department.responsibilities_reviewed_on,
            ),
            items: items
                .into_iter()
                .map(|(on, item, name)| line(Target::Item(item).path().as_str().to_string(), name, on))
                .collect(),
            id,
            name: department.name,
        });
    }
    Ok(EditorIndex { today: today.format(DAY).to_string(), departments })
}

/// An entry's editor, if `user` keeps its department; `None` when there is no such entry.
pub async fn entry_editor(
    services: &Services,
    user: &StaffUser,
    target: &Target,
) -> Result<Result<Option<EntryEditor>, Denied>, ServerFnError> {
    let Some(found) = find(services, target).await? else { return Ok(Ok(None)) };
    if let Err(denied) = grant_over(user, &found) {
        return Ok(Err(denied));
    }
    let versions = services.catalog.store.versions(&found.entry).await?;
    Ok(Ok(Some(EntryEditor {
        title: found.title,
        department_name: found.department_name,
        action: target.path().as_str().to_string(),
        public_href: found.public_href,
        fields: found.fields,
        stamp: editing::stamp(&versions),
        reviewed_on: found.reviewed_on.format(DAY).to_string(),
        stale: is_stale(found.reviewed_on, services.site.clock.today()),
        versions,
    })))
}

/// `POST /staff/disclosure/edit/{kind}/{id}`: "reviewed, no change" (`action=reviewed`), or the form's changes:
/// ordinary ones in effect at once, legal ones waiting for an admin. Either way the entry is reviewed today.
/// `None` when there is no such entry.
pub async fn save(
    services: &Services,
    caller: Option<&StaffUser>,
    target: &Target,
    form: &Posted,
) -> Result<Result<Option<Decision>, Denied>, ServerFnError> {
    let user = match may_edit(caller) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let Some(found) = find(services, target).await? else { return Ok(Ok(None)) };
    let grant = match grant_over(user, &found) {
        Ok(grant) => grant,
        Err(denied) => return Ok(Err(denied)),
    };
    let again = |problem: FormProblem| Ok(Ok(Some(Decision::Again(FormProblem { values: form.to_vec(), ..problem }))));
    let Some(stamp) = posted(form, "stamp").and_then(|s| s.parse().ok()) else {
        return again(FormProblem::whole("表单不完整，请重新打开此页后再提交。"));
    };
    let note = match editing::note(form) {
        Ok(note) => note,
        Err(message) => return again(FormProblem::new(vec![("note", message)], Vec::new())),
    };
    let reviewed_only = posted(form, "action") == Some("reviewed");
    let fields: Vec<Field> = found.fields.iter().map(|(field, _)| *field).collect();
    let current =
        |wanted: Field| found.fields.iter().find(|(f, _)| *f == wanted).map(|(_, t)| t.clone()).unwrap_or_default();
    let changes = if reviewed_only {
        Vec::new()
    } else {
        match changes(&fields, current, form) {
            Ok(changes) if changes.is_empty() => {
                return again(FormProblem::whole("没有改动。内容无需修改的，请点“已核对，无需修改”。"));
            }
            Ok(changes) => changes,
            Err(problems) => return again(FormProblem::new(problems, Vec::new())),
        }
    };
    let (applied, proposed) = Edit::split(changes);
    let at = services.site.clock.now();
    let action = if reviewed_only { "核对公开信息，无需修改" } else { "修改公开信息" };
    let audit = AuditEntry::by(user, &grant, action, subject(&found.entry, &found.title), at);
    let edit = Edit {
        entry: found.entry,
        stamp,
        applied,
        proposed,
        note,
        editor: user.staff_number.clone(),
        editor_name: user.name.clone(),
        at,
    };
    match services.catalog.store.edit(&edit, &audit).await? {
        Ok(()) => {
            refresh_search(services, &edit.entry).await?;
            Ok(Ok(Some(Decision::Onward(target.path().with_fragment("versions")))))
        }
        Err(refused) => again(FormProblem::whole(refused.message()).with_status(409)),
    }
}

/// This instance's search index, at once (the others hear the signal): the editor's next search finds the edit.
async fn refresh_search(services: &Services, entry: &Entry) -> Result<(), StoreError> {
    if let Some(id) = entry.item {
        if let Some(item) = services.catalog.store.item(id).await? {
            services.catalog.search.update(&[item]);
        }
    }
    Ok(())
}

/// What the audit trail says the action was on: the entry, named.
fn subject(entry: &Entry, title: &str) -> String {
    match entry.item {
        Some(id) => format!("item:{id} {title}"),
        None => format!("department:{} {title}", entry.department),
    }
}

/// Legal changes waiting for the service office, the oldest first, each said to be current or not.
pub async fn proposals(services: &Services) -> Result<Vec<Proposal>, ServerFnError> {
    let mut shown = Vec::new();
    for version in services.catalog.store.proposals().await? {
        let Some(id) = version.entry.item else { continue };
        let Some(item) = services.catalog.store.item(id).await? else { continue };
        shown.push(Proposal {
            current: version.changes.iter().all(|c| item_value(&item, c.field) == c.before),
            department_name: item.department_name,
            item_name: item.name,
            version,
        });
    }
    Ok(shown)
}

/// `POST /staff/disclosure/approvals/{id}`: an admin approves (`decision=approve`) or rejects with a reason.
/// `None` when there is no such version.
pub async fn decide(
    services: &Services,
    caller: Option<&StaffUser>,
    id: &str,
    form: &Posted,
) -> Result<Result<Option<Decision>, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Admin) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let Ok(id) = id.parse::<i64>() else { return Ok(Ok(None)) };
    let Some(version) = services.catalog.store.version(id).await? else { return Ok(Ok(None)) };
    let approve = match posted(form, "decision") {
        Some("approve") => true,
        Some("reject") => false,
        _ => return Ok(Ok(Some(Decision::field("decision", "请选择通过或不通过。")))),
    };
    let note = match editing::note(form) {
        Ok(note) if note.is_empty() && !approve => {
            return Ok(Ok(Some(Decision::field("note", "不通过时请写明理由，编辑会看到。"))));
        }
        Ok(note) => note,
        Err(message) => return Ok(Ok(Some(Decision::field("note", message)))),
    };
    let at = services.site.clock.now();
    let action =
        if approve { "审核通过公开信息法定内容修改" } else { "驳回公开信息法定内容修改" };
    let entry = version.entry.clone();
    let audit = AuditEntry::by(user, &Grant::Admin, action, format!("version:{id} {}", subject(&entry, "")), at);
    let decided = Decided { by: user.staff_number.clone(), at, note };
    match services.catalog.store.decide(id, approve, &decided, &audit).await? {
        Ok(_) => {
            refresh_search(services, &entry).await?;
            Ok(Ok(Some(Decision::Onward(PagePath::fixed("/staff/disclosure/approvals")))))
        }
        Err(refused @ (Refused::Outdated | Refused::NotPending)) => {
            Ok(Ok(Some(Decision::Again(FormProblem::whole(refused.message()).with_status(409)))))
        }
    }
}
