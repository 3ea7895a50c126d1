//! Early warning as the dispatch centre works it: the past year's flags with their notes, and a dispatcher's note
//! on one (`warning` has the rule).

use crate::categories::category;
use crate::clock::beijing;
use crate::petitions::page_data::{WarningRow, WarningsView};
use crate::petitions::warning::{flags, rule_in_words, week_of, Flag, WarningNote, BASELINE_WEEKS};
use crate::services::Services;
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;
use crate::ui::form::Decision;
use chrono::{Duration, NaiveDate, TimeZone};
use leptos::prelude::ServerFnError;
use serde::Deserialize;

/// Weeks the page looks back over, this one included.
const WEEKS: i64 = 52;

/// A note says what was done, and fits on the page.
const NOTE_CHARS: std::ops::RangeInclusive<usize> = 4..=500;

/// The flags of the past `WEEKS` weeks, this one so far included.
async fn recent_flags(services: &Services) -> Result<(Vec<Flag>, NaiveDate), ServerFnError> {
    let now = services.site.clock.now();
    let this_week = week_of(now.date_naive());
    let mondays: Vec<NaiveDate> = (0..WEEKS).map(|back| this_week - Duration::weeks(back)).collect();
    let first = this_week - Duration::weeks(WEEKS - 1);
    let counted_from = first - Duration::weeks(BASELINE_WEEKS);
    let midnight = |day: NaiveDate| beijing().from_local_datetime(&day.into()).single().expect("no gaps in UTC+8");
    let filed =
        services.petitions.filed_between(midnight(counted_from), midnight(this_week + Duration::weeks(1))).await?;
    Ok((flags(&filed, &mondays), first))
}

/// For dispatchers: the rule, and each flag of the past year, latest first, with its note or none yet.
pub async fn warnings(services: &Services) -> Result<WarningsView, ServerFnError> {
    let (flags, first) = recent_flags(services).await?;
    let notes = services.petitions.warning_notes(first).await?;
    let rows = flags
        .into_iter()
        .map(|flag| {
            let note = notes
                .iter()
                .find(|n| n.week == flag.week && n.street == flag.street && n.category == flag.category)
                .map(|n| format!("{}（{}，{}）", n.note, n.by, n.at.format("%Y年%-m月%-d日 %H:%M")));
            let last = flag.week + Duration::days(6);
            WarningRow {
                week: flag.week.to_string(),
                week_words: format!("{}—{}", flag.week.format("%Y年%-m月%-d日"), last.format("%-m月%-d日")),
                street: flag.street.clone(),
                category: flag.category.clone(),
                category_label: category(&flag.category).map_or(flag.category.clone(), |c| c.label.to_string()),
                count: flag.count,
                baseline: format!("{:.1}", flag.baseline),
                tail: if flag.tail < 0.0001 { "< 0.0001".into() } else { format!("{:.4}", flag.tail) },
                note,
            }
        })
        .collect();
    Ok(WarningsView { rule: rule_in_words(), rows })
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct AcknowledgeForm {
    #[serde(default)]
    pub week: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub note: String,
}

/// A dispatcher's note on a flag of the past year: what was done about it. One note a flag.
pub async fn acknowledge(
    services: &Services,
    caller: Option<&StaffUser>,
    form: AcknowledgeForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Dispatcher) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let (flags, _) = recent_flags(services).await?;
    let week = form.week.trim().parse::<NaiveDate>().ok();
    let Some(flag) =
        flags.iter().find(|f| Some(f.week) == week && f.street == form.street && f.category == form.category)
    else {
        return Ok(Ok(Decision::whole("没有找到这条预警。")));
    };
    let chars = form.note.trim().chars().count();
    if !NOTE_CHARS.contains(&chars) {
        let message = format!("请写明采取的措施，{}至{}个字。", NOTE_CHARS.start(), NOTE_CHARS.end());
        return Ok(Ok(Decision::field("note", message)));
    }
    let now = services.site.clock.now();
    let note = WarningNote {
        week: flag.week,
        street: flag.street.clone(),
        category: flag.category.clone(),
        note: form.note.trim().to_string(),
        by: user.staff_number.clone(),
        at: now,
    };
    let subject = format!("{} {} {}", flag.week, flag.street, flag.category);
    let audit = AuditEntry::by(user, &Grant::Dispatcher, "处理预警", subject, now);
    Ok(Ok(match services.petitions.acknowledge(&note, &audit).await? {
        true => Decision::onward("/staff/warnings"),
        false => Decision::whole("这条预警已经处理过了。"),
    }))
}
