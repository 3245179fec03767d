//! `nmc-reflective-account`: one NMC written reflective account per chosen reflection, on
//! the approved form's labels, word for word from `content/regulators.toml`. The Wheel fills
//! the prompts; the owner's edits (by prompt id) replace what it fills.

use super::{EditableField, Options, Sources, title_of};
use crate::export::document;

// This template words everything afresh, so its document owns all its text.
type Document = document::Document<'static>;
type Section = document::Section<'static>;
use crate::export::text::{area_title, context_label, focus_summary};
use crate::workbook::{ActionStatus, Reflection};

/// The Wheel pack's free-text prompts at the end of every area.
const COMMENTS: &str = "comments";
const DEVELOP: &str = "develop";

/// The form's prompt ids (`[[nmc.reflective_account.prompts]]`) the Wheel can fill.
const NATURE: &str = "nature";
const LEARNING: &str = "learning";
const CHANGE: &str = "change";
const RELEVANCE: &str = "relevance";

pub fn build(sources: &Sources, reflections: &[&Reflection], options: &Options) -> Document {
    let nmc = &sources.regulators.nmc;
    let first = first_number(sources, options);
    let sections = reflections
        .iter()
        .zip(0u32..)
        .map(|(r, i)| account(sources, r, first.saturating_add(i), options))
        .collect();
    Document {
        template: "nmc-reflective-account".into(),
        title: match reflections.len() {
            1 => format!("{} reflective account", nmc.short_name),
            n => format!("{} reflective accounts ({n})", nmc.short_name),
        },
        notices: vec![
            format!(
                "Written reflective accounts for {} revalidation, filled from the Wheel. Read each one and edit it before you use it.",
                nmc.short_name
            ),
            format!(
                "The {} form asks for no information that could identify a patient, service user, colleague or other individual.",
                nmc.short_name
            ),
        ],
        sections,
        footer: vec![nmc.reflective_account.footer.text.clone()],
    }
}

/// The number of the first account: the owner's choice, else the form's lowest.
fn first_number(sources: &Sources, options: &Options) -> u32 {
    let form = &sources.regulators.nmc.reflective_account;
    options.account_number.unwrap_or(form.number_min)
}

/// The owner can rewrite every prompt of every account, keyed `reflection-id/prompt-id`.
pub(super) fn fields(
    sources: &Sources,
    reflections: &[&Reflection],
    options: &Options,
) -> Vec<EditableField> {
    let form = &sources.regulators.nmc.reflective_account;
    let first = first_number(sources, options);
    let mut fields = Vec::new();
    for (r, i) in reflections.iter().zip(0u32..) {
        let number = first.saturating_add(i);
        for prompt in &form.prompts {
            fields.push(EditableField {
                key: format!("{}/{}", r.id, prompt.id),
                label: format!("Account {number} · {}", prompt.text),
                text: answer(sources, r, &prompt.id, options),
                when_empty: super::FROM_THE_REFLECTION,
            });
        }
    }
    fields
}

/// The text under a prompt: the owner's edit, else what the Wheel fills.
fn answer(sources: &Sources, r: &Reflection, prompt_id: &str, options: &Options) -> String {
    match options.edit(&r.id, prompt_id) {
        Some(edit) => edit.clone(),
        None => filled(sources, r, prompt_id),
    }
}

fn account(sources: &Sources, r: &Reflection, number: u32, options: &Options) -> Section {
    let nmc = &sources.regulators.nmc;
    let form = &nmc.reflective_account;
    let mut section = Section::new(1, format!("Account {number}: {}", title_of(r)))
        .of_reflection(r.id.clone())
        .field(form.number_label.clone(), number.to_string());
    if !form.numbers().contains(&number) {
        section = section.warning(format!(
            "Account {number} is outside {min} to {max}: revalidation needs {max} written reflective accounts, numbered {min} to {max}. Choose which to use, or number them from a lower first account.",
            min = form.number_min,
            max = form.number_max,
        ));
    }
    for prompt in &form.prompts {
        let text = answer(sources, r, &prompt.id, options);
        // Without themes the relevance is empty, and the themes' own warning says why.
        let themeless = prompt.id == RELEVANCE && chosen_themes(sources, r).is_empty();
        let empty = text.trim().is_empty() && !themeless;
        section = section.field(prompt.text.clone(), text);
        if empty {
            section = section.warning(format!(
                "Nothing in the reflection answers \"{}\": write it before you use this account.",
                prompt.text
            ));
        }
    }
    // The themes follow the last prompt, as on the form.
    let ticks = nmc.code.themes.iter().map(|theme| {
        let mark = if r.cpd.code_themes.contains(theme.id.as_str()) {
            'x'
        } else {
            ' '
        };
        format!("[{mark}] {}", theme.label)
    });
    section = section.paragraph(form.themes_label.clone()).list(ticks);
    if chosen_themes(sources, r).len() < form.min_themes as usize {
        section = section.warning(format!(
            "Tick at least {} of the Code's themes: choose them in the reflection's CPD details.",
            form.min_themes
        ));
    }
    section
}

/// What the Wheel puts under a prompt, by the prompt's id.
fn filled(sources: &Sources, r: &Reflection, prompt_id: &str) -> String {
    match prompt_id {
        NATURE => nature(sources, r),
        LEARNING => learning(sources, r),
        CHANGE => change(sources, r),
        RELEVANCE => chosen_themes(sources, r).join("; "),
        _ => String::new(),
    }
}

/// The title, the context, the focus areas, and the CPD method and date when known.
fn nature(sources: &Sources, r: &Reflection) -> String {
    let pack = sources.pack;
    let mut lines = Vec::new();
    if !r.title.trim().is_empty() {
        lines.push(sentence(r.title.trim()));
    }
    lines.push(format!(
        "Context: {}. Focus: {}.",
        context_label(pack, &r.context),
        focus_summary(pack, &r.focus)
    ));
    let mut cpd = Vec::new();
    if let Some(method) = r.cpd.method.as_deref().filter(|m| !m.trim().is_empty()) {
        cpd.push(format!("CPD method: {}.", method.trim()));
    }
    // Month and year only: an exact date of care can identify the person (NMC guidance).
    if let Some(date) = r.cpd.activity_date {
        cpd.push(format!("When: {}.", date.format("%B %Y")));
    }
    if !cpd.is_empty() {
        lines.push(cpd.join(" "));
    }
    lines.join("\n\n")
}

/// The answers to the reflective questions, each after its question, then the comments.
fn learning(sources: &Sources, r: &Reflection) -> String {
    let (pack, workbook) = (sources.pack, sources.workbook);
    let mut blocks = Vec::new();
    for area in &pack.areas {
        for question in &area.questions {
            if let Some(answer) = r
                .answers
                .get(question.id.as_str())
                .filter(|a| !a.trim().is_empty())
            {
                let question = workbook.worded(pack, &question.text);
                blocks.push(format!("{}\n{}", labelled(question), answer.trim()));
            }
        }
    }
    for (area, text) in area_prompt(r, COMMENTS) {
        let label = prompt_text(sources, area, COMMENTS);
        blocks.push(format!(
            "{}\n{text}",
            labelled(format!("{label} ({})", area_title(pack, area)))
        ));
    }
    blocks.join("\n\n")
}

/// What the owner can do to develop, then the development actions from this reflection.
fn change(sources: &Sources, r: &Reflection) -> String {
    let pack = sources.pack;
    let mut blocks = Vec::new();
    for (area, text) in area_prompt(r, DEVELOP) {
        let label = prompt_text(sources, area, DEVELOP);
        blocks.push(format!(
            "{}\n{text}",
            labelled(format!("{}: {label}", area_title(pack, area)))
        ));
    }
    let actions: Vec<String> = sources
        .actions_of(r)
        .filter(|a| a.status != ActionStatus::Dropped)
        .map(|a| {
            let mut notes = Vec::new();
            if let Some(due) = a.due {
                notes.push(format!("due {due}"));
            }
            if a.status == ActionStatus::Done {
                notes.push("done".to_string());
            }
            match notes.is_empty() {
                true => format!("- {}", a.text),
                false => format!("- {} ({})", a.text, notes.join(", ")),
            }
        })
        .collect();
    if !actions.is_empty() {
        blocks.push(format!("Development actions:\n{}", actions.join("\n")));
    }
    blocks.join("\n\n")
}

/// The labels of the Code's themes the reflection chose, in the Code's order.
fn chosen_themes(sources: &Sources, r: &Reflection) -> Vec<String> {
    let themes = &sources.regulators.nmc.code.themes;
    themes
        .iter()
        .filter(|t| r.cpd.code_themes.contains(t.id.as_str()))
        .map(|t| t.label.clone())
        .collect()
}

/// What the reflection wrote for one of the Wheel's area prompts, area by area in the
/// order the reflection keeps them.
fn area_prompt<'r>(r: &'r Reflection, prompt_id: &str) -> Vec<(&'r str, &'r str)> {
    r.prompts
        .iter()
        .filter_map(|(area, prompts)| {
            let text = prompts.get(prompt_id)?.trim();
            (!text.is_empty()).then_some((area.as_str(), text))
        })
        .collect()
}

/// The pack's text of an area prompt, in the workbook's "I" or "we".
fn prompt_text(sources: &Sources, area: &str, prompt_id: &str) -> String {
    let text = sources
        .pack
        .area(area)
        .and_then(|a| a.prompts.iter().find(|p| p.id == prompt_id))
        .map_or(prompt_id, |p| p.text.as_str());
    sources.workbook.worded(sources.pack, text)
}

/// Ends the text with a full stop unless it already ends a sentence.
fn sentence(text: &str) -> String {
    match text.ends_with(['.', '?', '!']) {
        true => text.to_string(),
        false => format!("{text}."),
    }
}

/// Ends a label with a colon unless it already ends with punctuation, so that it reads
/// well when a Markdown reader joins it to the next line.
fn labelled(text: String) -> String {
    match text.ends_with(['.', '?', '!', ':']) {
        true => text,
        false => text + ":",
    }
}

#[cfg(test)]
#[path = "../tests/nmc.rs"]
mod tests;
