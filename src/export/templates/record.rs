//! `record`: everything in the chosen reflections, for the owner's own files.

use super::{Sources, attribution, label_of, title_of};
use crate::content::Area;
use crate::export::document::{Document, Section};
use crate::export::select::date_of;
use crate::export::text::{context_label, focus_summary, status_word};
use crate::workbook::Reflection;

pub fn build(sources: &Sources, reflections: &[&Reflection]) -> Document {
    let pack = sources.pack;
    let mut sections = Vec::new();
    for reflection in reflections {
        sections.extend(reflection_sections(sources, reflection));
    }
    Document {
        template: "record".into(),
        title: if reflections.len() == 1 {
            format!("Reflection: {}", title_of(reflections[0]))
        } else {
            format!("{} reflections", reflections.len())
        },
        notices: vec!["A private record of reflective practice, for the owner's own files.".into()],
        sections,
        footer: vec![attribution(pack)],
    }
}

fn reflection_sections(sources: &Sources, r: &Reflection) -> Vec<Section> {
    let pack = sources.pack;
    let regulators = sources.regulators;
    let mut head = Section::new(1, format!("{} ({})", title_of(r), date_of(r)))
        .field("Context", context_label(pack, &r.context))
        .field("Focus", focus_summary(pack, &r.focus))
        .field("Status", status_word(r.status))
        .field("Reflection id", r.id.clone());
    let cpd = &r.cpd;
    let mut details = Vec::new();
    if let Some(date) = cpd.activity_date {
        details.push(format!("Date of the activity: {date}"));
    }
    if let Some(hours) = cpd.hours {
        details.push(format!("Hours: {hours}"));
    }
    if let Some(participatory) = cpd.participatory {
        details.push(format!(
            "Participatory: {}",
            if participatory { "yes" } else { "no" }
        ));
    }
    if let Some(method) = &cpd.method {
        details.push(format!("Method: {method}"));
    }
    if let Some(kind) = &cpd.activity_type {
        details.push(format!(
            "Type of activity: {}",
            label_of(&regulators.hcpc.activity_types.types, kind)
        ));
    }
    if let Some(planned) = cpd.planned {
        details.push(format!(
            "Planned: {}",
            if planned {
                "yes"
            } else {
                "no, prompted by events"
            }
        ));
    }
    if !cpd.code_themes.is_empty() {
        let themes: Vec<String> = cpd
            .code_themes
            .iter()
            .map(|t| label_of(&regulators.nmc.code.themes, t))
            .collect();
        details.push(format!("Relevant to the Code: {}", themes.join("; ")));
    }
    if let Some(evidence) = &cpd.evidence {
        details.push(format!("Evidence: {evidence}"));
    }
    head = head.list(details);
    let mut sections = vec![head];

    let in_focus = r.focus.area_ids(pack);
    for area in pack
        .areas
        .iter()
        .filter(|a| in_focus.contains(&a.id.as_str()))
    {
        sections.push(area_section(sources, r, area));
    }
    let orphans = r.ids_not_in(pack);
    if !orphans.is_empty() {
        let mut kept = Section::new(2, "Kept from an older pack");
        for id in &orphans.ratings {
            kept = kept.field(
                format!("Rating of {id}"),
                r.ratings.get(*id).map(u8::to_string).unwrap_or_default(),
            );
        }
        for id in &orphans.answers {
            kept = kept.field(
                format!("Answer to {id}"),
                r.answers.get(*id).cloned().unwrap_or_default(),
            );
        }
        kept = kept.list(
            orphans
                .activities
                .iter()
                .map(|id| format!("Ticked activity {id}"))
                .collect(),
        );
        for area in &orphans.areas {
            for (prompt, text) in r.prompts.get(*area).into_iter().flatten() {
                kept = kept.field(format!("{area}: {prompt}"), text.clone());
            }
            kept = kept.list(
                r.own_activities
                    .iter()
                    .filter(|a| a.area == *area)
                    .map(|a| format!("Own activity in {area}: {}", a.text))
                    .collect(),
            );
        }
        sections.push(kept);
    }
    let actions: Vec<String> = sources
        .actions_of(r)
        .map(|a| {
            let status = a.status.word();
            let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
            format!("{} ({status}{due})", a.text)
        })
        .collect();
    if !actions.is_empty() {
        sections.push(Section::new(2, "Development actions").list(actions));
    }
    sections
}

fn area_section(sources: &Sources, r: &Reflection, area: &Area) -> Section {
    let pack = sources.pack;
    let rows = area
        .competencies
        .iter()
        .map(|c| {
            let tags: Vec<String> = c.tags.iter().map(|t| t.to_string()).collect();
            let rating = match r.ratings.get(c.id.as_str()) {
                Some(&value) => pack.scale_level(value).map_or_else(
                    || value.to_string(),
                    |level| format!("{value} {}", level.label),
                ),
                None => pack.not_assessed.label.clone(),
            };
            vec![c.text.clone(), tags.join(", "), rating]
        })
        .collect();
    let mut section = Section::new(2, area.title.clone()).table(
        vec!["Competency".into(), "Kind".into(), "Self-rating".into()],
        rows,
    );
    for question in &area.questions {
        if let Some(answer) = r.answers.get(question.id.as_str()) {
            section = section.field(question.text.clone(), answer.clone());
        }
    }
    let mut activities: Vec<String> = area
        .activities
        .iter()
        .filter(|a| r.ticked_activities.contains(a.id.as_str()))
        .map(|a| a.text.clone())
        .collect();
    activities.extend(
        r.own_activities
            .iter()
            .filter(|a| a.area == area.id)
            .map(|a| format!("{} (my own)", a.text)),
    );
    if !activities.is_empty() {
        section = section.paragraph("Activities:").list(activities);
    }
    if let Some(answers) = r.prompts.get(area.id.as_str()) {
        for prompt in &area.prompts {
            if let Some(text) = answers.get(prompt.id.as_str()) {
                section = section.field(sources.workbook.worded(pack, &prompt.text), text.clone());
            }
        }
    }
    section
}
