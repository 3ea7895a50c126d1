//! Forms that work without JavaScript: a rejected submission comes back as the same page, status 400, with an
//! error summary at the top (GOV.UK style), each message beside its field, and what was typed still there.
//! The server's form handler provides a `FormProblem` when it renders the page again.

use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct FormProblem {
    /// (field name, message), in the order of the fields.
    pub errors: Vec<(&'static str, String)>,
    /// The submitted values to show again (never ID numbers or phones in full).
    pub values: Vec<(String, String)>,
    /// 400, or 429 when the form was sent too often.
    pub status: u16,
}

impl FormProblem {
    pub fn new(errors: Vec<(&'static str, String)>, values: Vec<(String, String)>) -> Self {
        Self { errors, values, status: 400 }
    }

    /// One message about the form as a whole.
    pub fn whole(message: impl Into<String>) -> Self {
        Self::new(vec![("", message.into())], Vec::new())
    }

    pub fn with_status(self, status: u16) -> Self {
        Self { status, ..self }
    }
}

/// What a form's handler decided: the page the visitor goes on to (a 303), or the form's own page again with the
/// problem. Every form in the app answers one of these two ways; a failure of ours is neither (it is an error,
/// shown as the page again with a 503).
#[cfg(feature = "ssr")]
#[derive(Debug)]
pub enum Decision {
    Onward(super::page_path::PagePath),
    Again(FormProblem),
}

#[cfg(feature = "ssr")]
impl Decision {
    /// On to a page written in the code.
    pub fn onward(path: &'static str) -> Self {
        Self::Onward(super::page_path::PagePath::fixed(path))
    }

    /// The page again, with one field's problem.
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        Self::Again(FormProblem::new(vec![(field, message.into())], Vec::new()))
    }

    /// The page again, with a problem about the form as a whole.
    pub fn whole(message: impl Into<String>) -> Self {
        Self::Again(FormProblem::whole(message))
    }
}

/// The problem with the submission being shown again, if any.
pub fn form_problem() -> Option<FormProblem> {
    use_context::<FormProblem>()
}

pub fn error_for(field: &str) -> Option<String> {
    form_problem()?.errors.into_iter().find(|(f, _)| *f == field).map(|(_, m)| m)
}

pub fn submitted(field: &str) -> Option<String> {
    form_problem()?.values.into_iter().find(|(f, _)| f == field).map(|(_, v)| v)
}

/// Every value sent for `field`, in the form's order (a repeated field: a table's column); none when no form is
/// being shown again.
pub fn submitted_all(field: &str) -> Option<Vec<String>> {
    Some(form_problem()?.values.into_iter().filter(|(f, _)| f == field).map(|(_, v)| v).collect())
}

/// "There is a problem", with a link to each field. Sets the page's status (400, or the problem's own).
#[component]
pub fn ErrorSummary() -> impl IntoView {
    form_problem().map(|problem| {
        crate::ui::set_status(problem.status);
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>"请修改以下问题"</h2>
                <ul>
                    {problem.errors.into_iter().map(|(field, message)| {
                        if field.is_empty() {
                            view! { <li>{message}</li> }.into_any()
                        } else {
                            view! { <li><a href=format!("#{field}")>{message}</a></li> }.into_any()
                        }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// A `<textarea>` holding `text`. Leptos writes a textarea's children as they are, unescaped (as for `<script>`),
/// and a `</textarea>` in what someone typed would end it early: the text is escaped here.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    name: &'static str,
    rows: u32,
    maxlength: u32,
    #[prop(into)] text: String,
) -> impl IntoView {
    let text = html_escape::encode_text(&text).into_owned();
    view! { <textarea id=id name=name rows=rows maxlength=maxlength>{text}</textarea> }
}

/// A field's own message, just above the input.
#[component]
pub fn FieldError(field: &'static str) -> impl IntoView {
    error_for(field).map(|message| view! { <p class="field-error" id=format!("{field}-error")>{message}</p> })
}

/// One labelled radio button with a hint under its label; a disabled one is greyed out.
#[component]
pub fn Radio(
    name: &'static str,
    value: String,
    label: String,
    hint: String,
    #[prop(optional)] checked: bool,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let id = format!("{name}-{}", value.replace([':', '/'], ""));
    view! {
        <div class="radio" class:closed=disabled>
            <input type="radio" name=name id=id.clone() value=value checked=checked disabled=disabled />
            <label for=id>{label}<span class="hint">{hint}</span></label>
        </div>
    }
}
