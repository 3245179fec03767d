//! The export templates: each turns chosen reflections into a [`Document`].

mod cpd_log;
mod hcpc;
mod lines;
mod nmc;
mod parts;
mod record;
mod supervision;

#[cfg(test)]
pub(crate) use parts::PARALLEL_FROM;
pub use parts::{EachReflection, Parts};
pub use record::Scratch;

use std::collections::HashMap;

use chrono::NaiveDate;

use super::document::Document;
use super::regulators::Regulators;
use crate::content::Pack;
use crate::workbook::{Action, Reflection, Workbook};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// Everything in the chosen reflections, for the owner's own files.
    Record,
    /// The NMC's written reflective account, one per reflection.
    NmcReflectiveAccount,
    /// A CPD log with the NMC's totals over its window.
    CpdLog,
    /// A draft of the HCPC's CPD profile, with its word limits and checks.
    HcpcProfile,
    /// The supervisee's own notes to bring to supervision.
    SupervisionPrep,
}

impl Template {
    pub const ALL: [Template; 5] = [
        Template::Record,
        Template::NmcReflectiveAccount,
        Template::CpdLog,
        Template::HcpcProfile,
        Template::SupervisionPrep,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Template::Record => "record",
            Template::NmcReflectiveAccount => "nmc-reflective-account",
            Template::CpdLog => "cpd-log",
            Template::HcpcProfile => "hcpc-profile",
            Template::SupervisionPrep => "supervision-prep",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Template::Record => "everything in the chosen reflections, for your own files",
            Template::NmcReflectiveAccount => {
                "NMC written reflective accounts, on the form's prompts word for word"
            }
            Template::CpdLog => "a CPD log, with the NMC's hours and participatory hours to date",
            Template::HcpcProfile => {
                "an HCPC CPD profile: summary, dated activities, statement and evidence"
            }
            Template::SupervisionPrep => {
                "your own notes for supervision; ratings and comments only if you ask"
            }
        }
    }

    pub fn from_name(name: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Choices the owner makes about a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// NMC: the number of the first reflective account (1 to 5); later ones follow on.
    pub account_number: Option<u32>,
    /// Text the owner wrote over a field before exporting, by field key (e.g. `nature`,
    /// `learning`, `change`, `relevance` for an NMC account; `summary` for an HCPC profile).
    /// For several reflections the key is prefixed by the reflection's id and `/`.
    pub edits: std::collections::BTreeMap<String, String>,
    /// Supervision notes: include self-ratings (left out unless asked for).
    pub include_ratings: bool,
    /// Supervision notes: include comments (left out unless asked for).
    pub include_comments: bool,
    /// Supervision notes: answers in full rather than in summary.
    pub full: bool,
    /// Supervision notes: questions to bring.
    pub questions: Vec<String>,
    /// Supervision notes: the date of the session, when the owner gives it.
    pub session_date: Option<NaiveDate>,
    /// How the owner left out some of what a CPD log or an HCPC profile covers, in words to
    /// stand in brackets after "some of your reflections": "in the context “An incident or
    /// event”". The document then says its totals are of those alone.
    pub chosen_by: Option<String>,
}

impl Options {
    /// The owner's edit of a field, if any: `id/key` first, then `key`.
    pub fn edit(&self, reflection_id: &str, key: &str) -> Option<&String> {
        self.edits
            .get(&format!("{reflection_id}/{key}"))
            .or_else(|| self.edits.get(key))
    }
}

/// A piece of a document's wording the owner can rewrite before exporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditableField {
    /// The key of the owner's edit in [`Options::edits`].
    pub key: String,
    /// What the field is, e.g. "Account 1 · What did you learn…".
    pub label: String,
    /// The text as it would be exported: the owner's edit, else what the template makes.
    pub text: String,
    /// What the document holds when the owner leaves the field empty, to follow "Left
    /// empty, ": "the wording from your reflection is used".
    pub when_empty: &'static str,
}

/// [`EditableField::when_empty`] of a field the template fills from a reflection.
pub(super) const FROM_THE_REFLECTION: &str = "the wording from your reflection is used";
/// [`EditableField::when_empty`] of a field only the owner writes.
pub(super) const A_SPACE_FOR_IT: &str = "the document leaves a space to write it in";

/// The fields of `template` the owner can rewrite, in the document's order; none for a
/// template without editable wording.
pub fn editable_fields(
    template: Template,
    sources: &Sources,
    reflections: &[&Reflection],
    options: &Options,
) -> Vec<EditableField> {
    match template {
        Template::NmcReflectiveAccount => nmc::fields(sources, reflections, options),
        Template::HcpcProfile => hcpc::fields(sources, reflections, options),
        Template::SupervisionPrep => supervision::fields(sources, options),
        Template::Record | Template::CpdLog => Vec::new(),
    }
}

/// What every template reads.
#[derive(Debug, Clone)]
pub struct Sources<'a> {
    pub pack: &'a Pack,
    pub workbook: &'a Workbook,
    pub regulators: &'a Regulators,
    pub today: NaiveDate,
    /// The workbook's actions by the id of their reflection, in workbook order: a template
    /// going through thousands of reflections would otherwise go through every action for
    /// each one.
    actions: HashMap<&'a str, Vec<&'a Action>>,
    /// [`Workbook::newest_first_indices`], sorted once for the whole export.
    newest_first: Vec<usize>,
}

impl<'a> Sources<'a> {
    pub fn new(
        pack: &'a Pack,
        workbook: &'a Workbook,
        regulators: &'a Regulators,
        today: NaiveDate,
    ) -> Self {
        Sources {
            pack,
            workbook,
            regulators,
            today,
            actions: workbook.actions_by_reflection(),
            newest_first: workbook.newest_first_indices(),
        }
    }

    /// Indices of the workbook's reflections, newest first.
    pub fn newest_first(&self) -> &[usize] {
        &self.newest_first
    }

    /// The development actions that came from `reflection`, in workbook order.
    pub fn actions_of(&self, reflection: &Reflection) -> impl Iterator<Item = &'a Action> + '_ {
        self.actions
            .get(reflection.id.as_str())
            .into_iter()
            .flatten()
            .copied()
    }
}

/// The context id of reflections on an incident or event (the Wheel pack's).
pub const INCIDENT_CONTEXT: &str = "incident";

/// What `template` makes of `reflections`.
pub fn parts<'a, 'r>(
    template: Template,
    sources: &'r Sources<'a>,
    reflections: &'r [&'a Reflection],
    options: &Options,
) -> Parts<'a, 'r> {
    let mut parts = match template {
        Template::Record => record::parts(sources, reflections),
        Template::NmcReflectiveAccount => Parts::whole(nmc::build(sources, reflections, options)),
        Template::CpdLog => Parts::whole(cpd_log::build(sources, reflections, options)),
        Template::HcpcProfile => Parts::whole(hcpc::build(sources, reflections, options)),
        Template::SupervisionPrep => {
            Parts::whole(supervision::build(sources, reflections, options))
        }
    };
    if reflections.iter().any(|r| r.context == INCIDENT_CONTEXT) {
        parts.outline.notices.push(
            "Reflecting on an incident does not replace reporting it: report incidents through your organisation's own system."
                .into(),
        );
    }
    parts
}

/// The whole document `template` makes of `reflections`.
pub fn build<'a>(
    template: Template,
    sources: &Sources<'a>,
    reflections: &[&'a Reflection],
    options: &Options,
) -> Document<'a> {
    parts(template, sources, reflections, options).into_document()
}

/// The dates `template` writes of itself rather than from what was typed, besides those of
/// the reflections and actions it quotes: today, and where the template shows them, a CPD
/// window's first day, when the regulators' data was checked, and a supervision session's
/// day. The identifier check
/// passes over them, as a CPD record must carry them.
pub fn written_dates(template: Template, sources: &Sources, options: &Options) -> Vec<NaiveDate> {
    let checked = sources.regulators.checked;
    let mut dates = vec![sources.today];
    match template {
        Template::CpdLog => dates.extend([cpd_log::window_start(sources), checked]),
        Template::HcpcProfile => dates.push(checked),
        Template::SupervisionPrep => dates.extend(options.session_date),
        Template::Record | Template::NmcReflectiveAccount => {}
    }
    dates
}

/// The first day of what `template` covers when no reflection is named: a CPD log the NMC's
/// revalidation window, an HCPC profile the years an audit looks at. The others take the
/// most recent complete reflection.
pub fn default_since(
    template: Template,
    regulators: &Regulators,
    today: NaiveDate,
) -> Option<NaiveDate> {
    match template {
        Template::CpdLog => Some(cpd_log::years_back(today, regulators.nmc.cpd.cycle_years)),
        Template::HcpcProfile => Some(cpd_log::years_back(
            today,
            regulators.hcpc.audit.renewal_years,
        )),
        Template::Record | Template::NmcReflectiveAccount | Template::SupervisionPrep => None,
    }
}

/// A reflection's title, or "untitled".
pub(super) fn title_of(reflection: &Reflection) -> &str {
    match reflection.title.trim() {
        "" => "untitled",
        title => title,
    }
}

/// The pack and where its content comes from, for a document's footer.
pub(super) fn attribution(pack: &Pack) -> String {
    format!(
        "{} {}. {}",
        pack.title, pack.version, pack.source.attribution
    )
}

/// The label of a Code theme or activity type id, or the id itself if unknown.
pub fn label_of(items: &[super::regulators::Item], id: &str) -> String {
    label_in(items, id).to_string()
}

/// [`label_of`], borrowed.
pub fn label_in<'i>(items: &'i [super::regulators::Item], id: &'i str) -> &'i str {
    items
        .iter()
        .find(|i| i.id == id)
        .map_or(id, |i| i.label.as_str())
}

#[cfg(test)]
#[path = "../tests/templates.rs"]
mod tests;
