//! The personal statement's part for one reflection, in the three parts the HCPC asks for:
//! what I did, what I learnt, how it improved my practice and benefited service users. Built
//! from the reflection's own words; the owner can rewrite it before exporting.

use super::{PARTS, STATEMENT};
use crate::content::Pack;
use crate::export::select::date_of;
use crate::export::templates::{Options, Sources, label_of, title_of};
use crate::export::text::{context_label, focus_summary};
use crate::workbook::Reflection;

/// What I did, what I learnt, how it improved my practice: each part's label and text.
pub(super) fn statement_parts(sources: &Sources, r: &Reflection) -> Vec<(String, String)> {
    let texts = [
        did(sources, r),
        learnt(sources.pack, r),
        improved(sources, r),
    ];
    let labels = &sources.regulators.hcpc.profile.statement_parts;
    texts
        .into_iter()
        .enumerate()
        .map(|(index, text)| {
            let label = labels.get(index).map_or(PARTS[index], String::as_str);
            (label.to_string(), text)
        })
        .collect()
}

/// A reflection's part of the statement as one text: the owner's edit, else each part
/// under its label.
pub(super) fn statement_text(sources: &Sources, r: &Reflection, options: &Options) -> String {
    if let Some(text) = options.edit(&r.id, STATEMENT) {
        return text.clone();
    }
    let parts = statement_parts(sources, r).into_iter();
    let parts = parts.map(|(label, text)| format!("{label}:\n{text}"));
    parts.collect::<Vec<_>>().join("\n\n")
}

fn did(sources: &Sources, r: &Reflection) -> String {
    let cpd = &r.cpd;
    let mut text = format!(
        "{} ({}). Focus: {}.",
        title_of(r),
        context_label(sources.pack, &r.context),
        focus_summary(sources.pack, &r.focus)
    );
    if let Some(kind) = &cpd.activity_type {
        let label = label_of(&sources.regulators.hcpc.activity_types.types, kind);
        text.push_str(&format!(" Type of activity: {label}."));
    }
    let method = cpd.method.as_deref().unwrap_or("not recorded");
    // Month and year only in the narrative: an exact date of care can identify the person.
    text.push_str(&format!(
        " CPD method: {method}; when: {}.",
        date_of(r).format("%B %Y")
    ));
    text
}

/// The texts of a reflection's areas, in the pack's order, then any from an older pack.
fn prompts_of<'r>(pack: &Pack, r: &'r Reflection, prompt: &str) -> Vec<&'r str> {
    let known = pack
        .areas
        .iter()
        .filter_map(|a| r.prompts.get(a.id.as_str()));
    let older = r
        .prompts
        .iter()
        .filter(|(area, _)| pack.area(area).is_none())
        .map(|(_, texts)| texts);
    let texts = known.chain(older).filter_map(|p| p.get(prompt));
    texts.map(String::as_str).collect()
}

fn learnt(pack: &Pack, r: &Reflection) -> String {
    let questions = pack.areas.iter().flat_map(|a| &a.questions);
    let older = r.ids_not_in(pack).answers;
    let ids = questions.map(|q| q.id.as_str()).chain(older);
    let mut texts: Vec<&str> = ids
        .filter_map(|id| r.answers.get(id))
        .map(String::as_str)
        .collect();
    texts.extend(prompts_of(pack, r, "comments"));
    if texts.is_empty() {
        return "[Nothing written yet: say what you learnt.]".into();
    }
    texts.join("\n\n")
}

fn improved(sources: &Sources, r: &Reflection) -> String {
    let develop = prompts_of(sources.pack, r, "develop").into_iter();
    let mut texts: Vec<String> = develop.map(String::from).collect();
    let actions: Vec<String> = sources
        .actions_of(r)
        .map(|a| {
            let status = a.status.word();
            format!("{} ({status})", a.text)
        })
        .collect();
    if !actions.is_empty() {
        texts.push(format!("Actions I set: {}.", actions.join("; ")));
    }
    if texts.is_empty() {
        return "[Nothing written yet: say how it improved your practice and benefited service users.]".into();
    }
    texts.join("\n\n")
}
