//! `record`: everything in the chosen reflections, for the owner's own files.

use std::borrow::Cow;

use super::lines::Lines;
use super::{EachReflection, Parts, Sources, attribution, label_in, title_of};
use crate::content::{PackCounts, PackIds};
use crate::export::document::Document;
use crate::export::numbers::push_number;
use crate::export::select::date_of;
use crate::export::sink::{Sink, Text};
use crate::export::text::{context_label_in, focus_summary_in, push_date, status_word};
use crate::workbook::{OrphanIds, Reflection};
use placed::Placed;

/// The record of `reflections`: an outline (title, notices, footer) and each reflection's
/// sections, made when they are asked for.
pub fn parts<'a, 'r>(sources: &'r Sources<'a>, reflections: &'r [&'a Reflection]) -> Parts<'a, 'r> {
    let outline = Document {
        template: "record".into(),
        title: if reflections.len() == 1 {
            format!("Reflection: {}", title_of(reflections[0]))
        } else {
            format!("{} reflections", reflections.len())
        },
        notices: vec!["A private record of reflective practice, for the owner's own files.".into()],
        sections: Vec::new(),
        footer: vec![attribution(sources.pack)],
    };
    let maker = Maker {
        sources,
        repeated: Repeated::new(sources),
    };
    Parts {
        outline,
        each: Some(EachReflection::new(reflections, maker)),
    }
}

/// What makes the sections of one reflection of the record.
pub struct Maker<'a, 'r> {
    sources: &'r Sources<'a>,
    repeated: Repeated<'a>,
}

impl<'a> Maker<'a, '_> {
    /// Hands the sections of `reflection` to `sink` as they are made, in `scratch`.
    pub fn sections_to(
        &self,
        reflection: &'a Reflection,
        scratch: &mut Scratch<'a>,
        sink: &mut impl Sink<'a>,
    ) {
        sink.reflection(Some(&reflection.id));
        reflection_sections(self.sources, &self.repeated, reflection, scratch, sink);
    }
}

/// What making a reflection's sections writes and lets go (its lines, where the pack has its
/// ratings and answers), kept for the next reflection rather than allocated again.
#[derive(Debug, Default)]
pub struct Scratch<'a> {
    lines: Lines,
    placed: Placed<'a>,
}

/// What the sections of every reflection repeat, written once for the whole export.
struct Repeated<'a> {
    /// By area, then competency, in pack order: the competency's tags, e.g. "Knowledge" or
    /// "Knowledge, Skills"; a single tag's name is not copied for every row that shows it.
    kinds: Vec<Vec<Cow<'static, str>>>,
    /// By scale value: the value and its label, or the bare value outside the scale.
    ratings: Vec<Cow<'a, str>>,
    /// By area, then prompt, in pack order: the prompt as worded for the workbook, borrowed
    /// from the pack where the wording leaves it as it is.
    prompts: Vec<Vec<Cow<'a, str>>>,
    /// The pack's ids, to find where it has what each reflection rated, answered and
    /// ticked, and what a reflection keeps from an older pack.
    ids: PackIds<'a>,
    /// By area: the places among the pack's competencies, questions and activities of the
    /// area's first of each.
    firsts: Vec<[usize; 3]>,
    counts: PackCounts,
}

impl<'a> Repeated<'a> {
    fn new(sources: &Sources<'a>) -> Self {
        let pack = sources.pack;
        let kinds = pack.areas.iter().map(|area| {
            let tags = |c: &crate::content::Competency| -> Cow<'static, str> {
                let labels: Vec<&'static str> = c.tags.iter().map(|t| t.label()).collect();
                match labels.as_slice() {
                    [only] => Cow::Borrowed(only),
                    _ => Cow::Owned(labels.join(", ")),
                }
            };
            area.competencies.iter().map(tags).collect()
        });
        let rating = |value: u8| match pack.scale_level(value) {
            Some(level) => Cow::Borrowed(level.numbered()),
            None => Cow::Owned(value.to_string()),
        };
        let prompts = pack.areas.iter().map(|area| {
            let worded = |p: &'a crate::content::Item| {
                let worded = sources.workbook.worded(pack, &p.text);
                match worded == p.text {
                    true => Cow::Borrowed(p.text.as_str()),
                    false => Cow::Owned(worded),
                }
            };
            area.prompts.iter().map(worded).collect()
        });
        Repeated {
            kinds: kinds.collect(),
            ratings: (0..=u8::MAX).map(rating).collect(),
            prompts: prompts.collect(),
            ids: pack.ids(),
            firsts: pack
                .areas
                .iter()
                .scan([0; 3], |next, area| {
                    let first = *next;
                    let lengths = [
                        area.competencies.len(),
                        area.questions.len(),
                        area.activities.len(),
                    ];
                    for (next, length) in next.iter_mut().zip(lengths) {
                        *next += length;
                    }
                    Some(first)
                })
                .collect(),
            counts: pack.counts(),
        }
    }
}

/// The headers of an area's table of ratings.
static RATINGS: [Cow<'static, str>; 3] = [
    Cow::Borrowed("Competency"),
    Cow::Borrowed("Kind"),
    Cow::Borrowed("Self-rating"),
];

fn reflection_sections<'a>(
    sources: &Sources<'a>,
    repeated: &Repeated<'a>,
    r: &'a Reflection,
    scratch: &mut Scratch<'a>,
    sink: &mut impl Sink<'a>,
) {
    let pack = sources.pack;
    let regulators = sources.regulators;
    // The lines here are put together by hand, not with `format!`, which costs several times
    // as much: an export of 2,000 reflections makes some 15,000 of them.
    let lines = &mut scratch.lines;
    lines.clear();
    lines.push_with(|heading| {
        heading.push_str(title_of(r));
        heading.push_str(" (");
        push_date(heading, date_of(r));
        heading.push(')');
    });
    sink.section(1, Text::Passing(lines.last()));
    sink.field("Context".into(), context_label_in(pack, &r.context).into());
    sink.field("Focus".into(), focus_summary_in(pack, &r.focus).into());
    sink.field("Status".into(), status_word(r.status).into());
    sink.field("Reflection id".into(), r.id.as_str().into());
    let cpd = &r.cpd;
    lines.clear();
    if let Some(date) = cpd.activity_date {
        lines.push_with(|line| {
            line.push_str("Date of the activity: ");
            push_date(line, date);
        });
    }
    if let Some(hours) = cpd.hours {
        lines.push_with(|line| {
            line.push_str("Hours: ");
            push_number(line, hours);
        });
    }
    if let Some(participatory) = cpd.participatory {
        let answer = if participatory { "yes" } else { "no" };
        lines.push(&["Participatory: ", answer]);
    }
    if let Some(method) = &cpd.method {
        lines.push(&["Method: ", method]);
    }
    if let Some(kind) = &cpd.activity_type {
        let activity_types = &regulators.hcpc.activity_types.types;
        lines.push(&["Type of activity: ", label_in(activity_types, kind)]);
    }
    if let Some(planned) = cpd.planned {
        let answer = if planned {
            "yes"
        } else {
            "no, prompted by events"
        };
        lines.push(&["Planned: ", answer]);
    }
    if !cpd.code_themes.is_empty() {
        let code_themes = &regulators.nmc.code.themes;
        lines.push_with(|line| {
            line.push_str("Relevant to the Code: ");
            for (k, theme) in cpd.code_themes.iter().enumerate() {
                if k > 0 {
                    line.push_str("; ");
                }
                line.push_str(label_in(code_themes, theme));
            }
        });
    }
    if let Some(evidence) = &cpd.evidence {
        lines.push(&["Evidence: ", evidence]);
    }
    sink.list_if_any(lines.iter().map(Text::Passing));

    let in_focus = r.focus.area_ids(pack);
    let Scratch { lines, placed } = scratch;
    placed.place(&repeated.ids, &repeated.counts, r);
    for (index, area) in pack.areas.iter().enumerate() {
        if in_focus.contains(&area.id.as_str()) {
            area_section(sources, repeated, r, placed, index, lines, sink);
        }
    }
    // The ratings', answers' and ticks' ids were looked up as they were placed.
    let not_in_pack = &mut placed.not_in_pack;
    let orphans = OrphanIds {
        ratings: std::mem::take(&mut not_in_pack.ratings),
        answers: std::mem::take(&mut not_in_pack.answers),
        activities: std::mem::take(&mut not_in_pack.activities),
        ..r.context_and_areas_not_in(pack, &repeated.ids)
    };
    if !orphans.is_empty() {
        kept_from_an_older_pack(r, &orphans, sink);
    }
    lines.clear();
    for a in sources.actions_of(r) {
        lines.push_with(|line| {
            line.push_str(&a.text);
            line.push_str(" (");
            line.push_str(a.status.word());
            if let Some(due) = a.due {
                line.push_str(", due ");
                push_date(line, due);
            }
            line.push(')');
        });
    }
    if !lines.is_empty() {
        sink.section(2, "Development actions".into());
        sink.list(lines.iter().map(Text::Passing));
    }
}

/// What `r` keeps from an older pack: `orphans`, the ids this pack has not.
fn kept_from_an_older_pack<'a>(
    r: &'a Reflection,
    orphans: &OrphanIds<'a>,
    sink: &mut impl Sink<'a>,
) {
    sink.section(2, "Kept from an older pack".into());
    for id in &orphans.ratings {
        let rating = r.ratings.get(*id).map(u8::to_string).unwrap_or_default();
        sink.field(format!("Rating of {id}").into(), rating.into());
    }
    for id in &orphans.answers {
        let answer = r.answers.get(*id).map_or("", String::as_str);
        sink.field(format!("Answer to {id}").into(), answer.into());
    }
    let activities = orphans.activities.iter();
    sink.list_if_any(activities.map(|id| format!("Ticked activity {id}").into()));
    for area in &orphans.areas {
        for (prompt, text) in r.prompts.get(*area).into_iter().flatten() {
            sink.field(format!("{area}: {prompt}").into(), text.as_str().into());
        }
        let own = r.own_activities.iter().filter(|a| a.area == *area);
        sink.list_if_any(own.map(|a| format!("Own activity in {area}: {}", a.text).into()));
    }
}

fn area_section<'a>(
    sources: &Sources<'a>,
    repeated: &Repeated<'a>,
    r: &'a Reflection,
    placed: &Placed<'a>,
    index: usize,
    lines: &mut Lines,
    sink: &mut impl Sink<'a>,
) {
    let pack = sources.pack;
    let area = &pack.areas[index];
    let kinds = &repeated.kinds[index];
    let [competencies, questions, activities] = repeated.firsts[index];
    let ratings = &placed.ratings[competencies..];
    let rows = area.competencies.iter().zip(kinds).zip(ratings);
    let rows = rows.map(|((c, kind), rating)| {
        let rating = match rating {
            Some(value) => Text::of(&repeated.ratings[usize::from(*value)]),
            None => Text::Lasting(pack.not_assessed.label.as_str()),
        };
        [Text::Lasting(c.text.as_str()), Text::of(kind), rating]
    });
    sink.section(2, area.title.as_str().into());
    sink.table(&RATINGS, rows);
    for (question, answer) in area.questions.iter().zip(&placed.answers[questions..]) {
        if let Some(answer) = answer {
            sink.field(question.text.as_str().into(), (*answer).into());
        }
    }
    let ticked = area.activities.iter().zip(&placed.ticked[activities..]);
    let ticked = ticked
        .filter(|(_, ticked)| **ticked)
        .map(|(a, _)| Text::Lasting(a.text.as_str()));
    lines.clear();
    let own = r.own_activities.iter().filter(|a| a.area == area.id);
    own.for_each(|a| lines.push(&[&a.text, " (my own)"]));
    let mut activities = ticked.chain(lines.iter().map(Text::Passing)).peekable();
    if activities.peek().is_some() {
        sink.paragraph("Activities:".into());
        sink.list(activities);
    }
    if let Some(answers) = r.prompts.get(area.id.as_str()) {
        for (prompt, worded) in area.prompts.iter().zip(&repeated.prompts[index]) {
            if let Some(text) = answers.get(prompt.id.as_str()) {
                sink.field(Text::of(worded), text.as_str().into());
            }
        }
    }
}

mod placed;

#[cfg(test)]
#[path = "../tests/record.rs"]
mod tests;
