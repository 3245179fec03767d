//! `record`: everything in the chosen reflections, for the owner's own files.

use std::borrow::Cow;

use super::{EachReflection, Parts, Sources, attribution, label_in, title_of};
use crate::content::{IdKind, PackCounts, PackIds};
use crate::export::document::Document;
use crate::export::select::date_of;
use crate::export::sink::{Sink, Text};
use crate::export::text::{context_label_in, focus_summary_in, push_date, status_word};
use crate::workbook::{OrphanIds, Reflection};

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
    /// Hands the sections of `reflection` to `sink` as they are made.
    pub fn sections_to(&self, reflection: &'a Reflection, sink: &mut impl Sink<'a>) {
        reflection_sections(self.sources, &self.repeated, reflection, sink);
    }
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

/// A reflection's ratings, answers and ticks by where the pack has them, each of its ids
/// looked up once, rather than each of the pack's searched for in the reflection.
struct Placed<'r> {
    ratings: Vec<Option<u8>>,
    answers: Vec<Option<&'r str>>,
    ticked: Vec<bool>,
    /// The ids of those the pack has not (kept from an older pack): its ratings, answers and
    /// activities, in the reflection's order.
    not_in_pack: OrphanIds<'r>,
}

impl<'r> Placed<'r> {
    fn new(repeated: &Repeated, r: &'r Reflection) -> Self {
        let (ids, counts) = (&repeated.ids, &repeated.counts);
        let mut placed = Placed {
            ratings: vec![None; counts.competencies],
            answers: vec![None; counts.questions],
            ticked: vec![false; counts.activities],
            not_in_pack: OrphanIds::default(),
        };
        let not_in_pack = &mut placed.not_in_pack;
        for (id, &value) in &r.ratings {
            match ids.place(IdKind::Competency, id) {
                Some(at) => placed.ratings[at] = Some(value),
                None => not_in_pack.ratings.push(id.as_str()),
            }
        }
        for (id, answer) in &r.answers {
            match ids.place(IdKind::Question, id) {
                Some(at) => placed.answers[at] = Some(answer.as_str()),
                None => not_in_pack.answers.push(id.as_str()),
            }
        }
        for id in &r.ticked_activities {
            match ids.place(IdKind::Activity, id) {
                Some(at) => placed.ticked[at] = true,
                None => not_in_pack.activities.push(id.as_str()),
            }
        }
        placed
    }
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
    sink: &mut impl Sink<'a>,
) {
    let pack = sources.pack;
    let regulators = sources.regulators;
    // The lines here are put together by hand, not with `format!`, which costs several times
    // as much: an export of 2,000 reflections makes some 15,000 of them.
    let title = title_of(r);
    let mut heading = String::with_capacity(title.len() + " (YYYY-MM-DD)".len());
    heading.push_str(title);
    heading.push_str(" (");
    push_date(&mut heading, date_of(r));
    heading.push(')');
    sink.section(1, Text::Made(heading));
    sink.field("Context".into(), context_label_in(pack, &r.context).into());
    sink.field("Focus".into(), focus_summary_in(pack, &r.focus).into());
    sink.field("Status".into(), status_word(r.status).into());
    sink.field("Reflection id".into(), r.id.as_str().into());
    let cpd = &r.cpd;
    let mut details = Vec::new();
    if let Some(date) = cpd.activity_date {
        const LABEL: &str = "Date of the activity: ";
        let mut line = String::with_capacity(LABEL.len() + "YYYY-MM-DD".len());
        line.push_str(LABEL);
        push_date(&mut line, date);
        details.push(line);
    }
    if let Some(hours) = cpd.hours {
        details.push(format!("Hours: {hours}"));
    }
    if let Some(participatory) = cpd.participatory {
        let answer = if participatory { "yes" } else { "no" };
        details.push(["Participatory: ", answer].concat());
    }
    if let Some(method) = &cpd.method {
        details.push(["Method: ", method].concat());
    }
    if let Some(kind) = &cpd.activity_type {
        let activity_types = &regulators.hcpc.activity_types.types;
        details.push(["Type of activity: ", label_in(activity_types, kind)].concat());
    }
    if let Some(planned) = cpd.planned {
        let answer = if planned {
            "yes"
        } else {
            "no, prompted by events"
        };
        details.push(["Planned: ", answer].concat());
    }
    if !cpd.code_themes.is_empty() {
        let code_themes = &regulators.nmc.code.themes;
        let labels: Vec<&str> = cpd
            .code_themes
            .iter()
            .map(|t| label_in(code_themes, t))
            .collect();
        details.push(["Relevant to the Code: ", &labels.join("; ")].concat());
    }
    if let Some(evidence) = &cpd.evidence {
        details.push(["Evidence: ", evidence].concat());
    }
    sink.list_if_any(details.into_iter().map(Text::Made));

    let in_focus = r.focus.area_ids(pack);
    let placed = Placed::new(repeated, r);
    for (index, area) in pack.areas.iter().enumerate() {
        if in_focus.contains(&area.id.as_str()) {
            area_section(sources, repeated, r, &placed, index, sink);
        }
    }
    // The ratings', answers' and ticks' ids were looked up as they were placed.
    let orphans = OrphanIds {
        ratings: placed.not_in_pack.ratings,
        answers: placed.not_in_pack.answers,
        activities: placed.not_in_pack.activities,
        ..r.context_and_areas_not_in(pack, &repeated.ids)
    };
    if !orphans.is_empty() {
        kept_from_an_older_pack(r, &orphans, sink);
    }
    let actions = sources.actions_of(r).map(|a| {
        let mut line = String::with_capacity(a.text.len() + " (done, due YYYY-MM-DD)".len());
        line.push_str(&a.text);
        line.push_str(" (");
        line.push_str(a.status.word());
        if let Some(due) = a.due {
            line.push_str(", due ");
            push_date(&mut line, due);
        }
        line.push(')');
        Text::Made(line)
    });
    let mut actions = actions.peekable();
    if actions.peek().is_some() {
        sink.section(2, "Development actions".into());
        sink.list(actions);
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
    let own = (r.own_activities.iter())
        .filter(|a| a.area == area.id)
        .map(|a| Text::Made(format!("{} (my own)", a.text)));
    let mut activities = ticked.chain(own).peekable();
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

#[cfg(test)]
#[path = "../tests/record.rs"]
mod tests;
