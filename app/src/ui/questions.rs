//! One question per page (GOV.UK style), for any capability: the answers so far are a draft kept in the visitor's
//! session, each page asks for the first one still missing, and a page reached too early sends the visitor to it.
//! Booking and petition filing both ask this way; their drafts say what their questions are (`Questions`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A question page's data, or the page to send the visitor to instead.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Gate<T> {
    Show(T),
    GoTo(String),
}

/// A gated page's view, or a redirect of `response` (taken where the page began) to the page the gate names.
pub fn gated<T, V: IntoView + 'static>(
    response: &super::PageResponse,
    gate: Result<Gate<T>, ServerFnError>,
    show: impl FnOnce(T) -> V,
) -> Result<AnyView, ServerFnError> {
    Ok(match gate? {
        Gate::Show(data) => show(data).into_any(),
        Gate::GoTo(path) => {
            response.redirect_to(&path);
            view! { <p><a href=path>"继续"</a></p> }.into_any()
        }
    })
}

/// A question's page component `$name`: its title, and its form `$form` (given the gate's data as `step`) once
/// the gate (`$fetch`, a server function) lets the visitor in, inside the capability's `$frame`.
macro_rules! question_page {
    ($frame:ident, $name:ident, $title:literal, $fetch:ident, $form:ident) => {
        #[component]
        pub fn $name() -> impl IntoView {
            let step = Resource::new(|| (), |_| $fetch());
            let response = StoredValue::new($crate::ui::PageResponse::here());
            view! {
                <Title text=$title />
                <$frame>
                    <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                        {move || {
                            let response = response.get_value();
                            Suspend::new($crate::ui::shown(async move {
                                $crate::ui::questions::gated(&response, step.await, |step| view! { <$form step /> })
                            }))
                        }}
                    </Suspense>
                </$frame>
            }
        }
    };
}
pub(crate) use question_page;

/// A draft's questions, in the order they are asked.
pub trait Questions {
    /// Where the draft lives in the session.
    const SESSION_KEY: &'static str;
    /// Where a visitor without a draft starts.
    const START: &'static str;
    type Step: Copy + Into<u8>;

    /// The first question not yet answered (or the check page when all are).
    fn next_step(&self) -> Self::Step;
    fn path(step: Self::Step) -> &'static str;
    /// Where the visitor goes instead of any question once the draft is done (booked, filed).
    #[cfg(feature = "ssr")]
    fn finished(&self) -> Option<crate::ui::page_path::PagePath>;

    /// Whether `step` may be shown: every answer before it is given.
    fn reaches(&self, step: Self::Step) -> bool {
        step.into() <= self.next_step().into()
    }
}

#[cfg(feature = "ssr")]
pub use session::{gate, load, save, with_draft};

#[cfg(feature = "ssr")]
mod session {
    use super::{Gate, Questions};
    use crate::storage::session_failed;
    use crate::ui::form::Decision;
    use crate::ui::page_path::PagePath;
    use leptos::prelude::ServerFnError;
    use serde::{de::DeserializeOwned, Serialize};
    use tower_sessions::Session;

    /// The draft in progress. One saved by an older release in another shape is dropped, and the visitor starts
    /// again: a draft is nothing acknowledged yet, and failing every page for it would be worse.
    pub async fn load<D: Questions + DeserializeOwned>(session: &Session) -> Result<Option<D>, ServerFnError> {
        match session.get(D::SESSION_KEY).await {
            Err(tower_sessions::session::Error::SerdeJson(_)) => {
                session.remove_value(D::SESSION_KEY).await.map_err(session_failed)?;
                Ok(None)
            }
            read => read.map_err(session_failed),
        }
    }

    pub async fn save<D: Questions + Serialize>(session: &Session, draft: &D) -> Result<(), ServerFnError> {
        session.insert(D::SESSION_KEY, draft).await.map_err(session_failed)
    }

    /// Where a visitor goes instead of a question: the start without a draft, the result once done.
    fn elsewhere<D: Questions>(draft: Option<&D>) -> Option<PagePath> {
        match draft {
            None => Some(PagePath::fixed(D::START)),
            Some(draft) => draft.finished(),
        }
    }

    /// A question's page: `show` gets the draft once it has reached `step` and makes what the page shows; before
    /// that, the page to go to instead (the start, the result, or the first question still unanswered).
    pub async fn gate<D: Questions + DeserializeOwned, T>(
        session: &Session,
        step: D::Step,
        show: impl AsyncFnOnce(D) -> Result<T, ServerFnError>,
    ) -> Result<Gate<T>, ServerFnError> {
        let draft = load::<D>(session).await?;
        if let Some(path) = elsewhere(draft.as_ref()) {
            return Ok(Gate::GoTo(path.as_str().into()));
        }
        let draft = draft.expect("elsewhere() is None only with a draft");
        if !draft.reaches(step) {
            return Ok(Gate::GoTo(D::path(draft.next_step()).into()));
        }
        Ok(Gate::Show(show(draft).await?))
    }

    /// Answers a question's form: `decide` gets the unfinished draft and says what comes next, saving the draft it
    /// changed. Without a draft, or once done, the visitor is sent where `elsewhere` says.
    pub async fn with_draft<D: Questions + Serialize + DeserializeOwned>(
        session: &Session,
        decide: impl AsyncFnOnce(D) -> Result<(Decision, Option<D>), ServerFnError>,
    ) -> Result<Decision, ServerFnError> {
        let draft = load::<D>(session).await?;
        if let Some(path) = elsewhere(draft.as_ref()) {
            return Ok(Decision::Onward(path));
        }
        let (decision, changed) = decide(draft.expect("elsewhere() is None only with a draft")).await?;
        if let Some(draft) = changed {
            save(session, &draft).await?;
        }
        Ok(decision)
    }
}
