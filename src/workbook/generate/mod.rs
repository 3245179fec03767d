//! A deterministic generator of realistic workbooks, for tests and benchmarks.
//!
//! The same pack, count and seed always give the same workbook: a small SplitMix64 generator
//! drives every choice and timestamps count back from a fixed date, never the clock. Ids use
//! the generator's bits, so workbooks made with different seeds can be merged into each other.
//!
//! All text comes from the vocabulary below. It must never contain anything like a patient
//! identifier: no names, NHS numbers, dates of birth, addresses, postcodes or phone numbers.

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveDateTime, Offset, Utc};

use super::id::format_id;
use super::intern::intern;
use super::{Action, ActionStatus, Cpd, Focus, Mode, OwnActivity, PackRef, Reflection, Status};
use super::{Timestamp, Workbook};
use crate::content::{Area, Pack};

/// 2026-11-01T00:00:00Z: the newest generated timestamps fall just before it.
const END: i64 = 1_793_491_200;
const DAY: i64 = 86_400;
/// Reflections are spread over the three years before [`END`].
const SPAN_DAYS: usize = 1096;

#[rustfmt::skip]
mod phrases;

use phrases::*;

/// SplitMix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `0..n`, or 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Seconds in `0..n`.
    fn secs(&mut self, n: i64) -> i64 {
        self.below(n as usize) as i64
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub fn generate(pack: &Pack, reflections: usize, seed: u64) -> Workbook {
    // Mixing the seed first keeps nearby seeds' streams apart.
    let mut rng = Rng(Rng(seed).next_u64());
    let first_day = END / DAY - SPAN_DAYS as i64;
    let mut instants: Vec<i64> = (0..reflections)
        .map(|_| working_hours(&mut rng, first_day, SPAN_DAYS as i64))
        .collect();
    instants.sort_unstable();
    let drafts = reflections.min(1 + rng.below(3));
    let mut book = Workbook::new(stamp(instants.first().copied().unwrap_or(END)));
    book.mode = Mode::Individual;
    for (index, &at) in instants.iter().enumerate() {
        let draft = index + drafts >= reflections || rng.chance(0.02);
        let reflection = reflection(pack, &mut rng, at, draft);
        let areas = reflection.focus.area_ids(pack);
        actions(&mut rng, &reflection, &areas, &mut book.actions);
        book.reflections.push(reflection.into());
    }
    let updates = book.reflections.iter().map(|r| r.updated);
    let updates = updates.chain(book.actions.iter().map(|a| a.updated));
    book.updated = updates.fold(book.created, Timestamp::max);
    book
}

fn reflection(pack: &Pack, rng: &mut Rng, at: i64, draft: bool) -> Reflection {
    let created = stamp(at);
    let id = format_id("r", &created, rng.next_u64());
    // Drafts are left within the hour; most others are finished in one sitting, the rest
    // on one of the next few days.
    let updated = match (draft, rng.chance(0.7)) {
        (true, _) => at + rng.secs(2700),
        (false, true) => at + 300 + rng.secs(5100),
        (false, false) => working_hours(rng, at / DAY + 1, 3),
    };
    let areas = &pack.areas;
    let whole = rng.chance(0.2) || areas.len() < 2;
    let mut focus: Vec<&Area> = areas.iter().collect();
    if !whole {
        let first = rng.below(areas.len());
        let second = (first + 1 + rng.below(areas.len() - 1)) % areas.len();
        focus = vec![&areas[first], &areas[second]];
        focus.truncate(if rng.chance(0.4) { 2 } else { 1 });
    }
    let contexts = &pack.contexts;
    let context = contexts.get(rng.below(contexts.len()));
    let title = match (whole && rng.chance(0.5), rng.chance(0.08)) {
        (true, _) => "A look at the whole wheel".to_string(),
        (false, follow_up) => format!(
            "{}{}",
            ["", "Follow-up: "][follow_up as usize],
            rng.pick(TITLES)
        ),
    };
    let mut r = Reflection {
        id,
        created,
        updated: stamp(updated.min(END)),
        title,
        context: context.map_or("", |c| c.id.as_str()).into(),
        focus: match whole {
            true => Focus::WholeWheel,
            false => Focus::Areas(focus.iter().map(|a| a.id.as_str().into()).collect()),
        },
        pack: PackRef::of(pack),
        ratings: Default::default(),
        answers: Default::default(),
        ticked_activities: Default::default(),
        own_activities: Vec::new(),
        prompts: Default::default(),
        status: if draft {
            Status::Draft
        } else {
            Status::Complete
        },
        cpd: Cpd::default(),
    };
    // The whole wheel gets a lighter touch per area, as a person would give it.
    let (answer_p, tick_p, own_p, prompt_p) = match whole {
        true => (0.12, 0.08, 0.03, 0.1),
        false => (0.55, 0.25, 0.12, 0.4),
    };
    let levels = pack.scale.len();
    for area in &focus {
        for competency in &area.competencies {
            // A triangular draw over the scale: the middle levels are the most common.
            let level = pack
                .scale
                .get((rng.below(levels) + rng.below(levels)).div_ceil(2));
            if let Some(level) = level.filter(|_| rng.chance(0.85)) {
                r.ratings.insert(intern(&competency.id), level.value());
            }
        }
        for question in &area.questions {
            if rng.chance(answer_p) {
                r.answers.insert(question.id.clone(), answer(rng));
            }
        }
        for activity in &area.activities {
            if rng.chance(tick_p) {
                r.ticked_activities.insert(activity.id.clone());
            }
        }
        if rng.chance(own_p) {
            let text = rng.pick(OWN_ACTIVITIES).into();
            r.own_activities.push(OwnActivity {
                area: area.id.as_str().into(),
                text,
            });
        }
        for prompt in &area.prompts {
            if !rng.chance(prompt_p) {
                continue;
            }
            let pool = match (prompt.id.as_str(), rng.chance(0.5)) {
                ("develop", _) => NEXT,
                (_, true) => ANALYSIS,
                (_, false) => LEARNING,
            };
            let (first, second) = (rng.pick(pool), rng.pick(pool));
            let text = match first == second || rng.chance(0.5) {
                true => first.to_string(),
                false => format!("{first} {second}"),
            };
            let text = finish(rng, text);
            let area_prompts = r
                .prompts
                .get_or_insert_with(area.id.clone(), Default::default);
            area_prompts.insert(prompt.id.clone(), text);
        }
    }
    // A finished reflection answers at least one question.
    let questions: Vec<_> = focus.iter().flat_map(|a| &a.questions).collect();
    if let Some(question) = questions.get(rng.below(questions.len()))
        && r.answers.is_empty()
        && !draft
    {
        r.answers.insert(question.id.clone(), answer(rng));
    }
    if rng.chance(if draft { 0.4 } else { 0.9 }) {
        let method = match r.context == "supervision" && rng.chance(0.7) {
            true => "supervision",
            false => rng.pick(METHODS),
        };
        let back = [0, 0, 0, 1 + rng.below(10)][rng.below(4)];
        r.cpd = Cpd {
            activity_date: created
                .date_naive()
                .checked_sub_days(Days::new(back as u64)),
            // Quarter hours from 0.25 to 7.5, mostly short.
            hours: Some((1 + rng.below(30).min(rng.below(30))) as f64 * 0.25),
            participatory: Some(match method {
                "reading" => false,
                "supervision" | "peer discussion" => true,
                _ => rng.chance(0.6),
            }),
            method: Some(method.into()),
            // Stable ids of the NMC Code's themes (content/regulators.toml).
            code_themes: [rng.pick(CODE_THEMES), rng.pick(CODE_THEMES)]
                .into_iter()
                .map(String::from)
                .collect(),
            evidence: rng
                .chance(0.5)
                .then(|| format!("Notes, {}", created.format("%B %Y"))),
            // Stable ids of the HCPC's activity types (content/regulators.toml).
            activity_type: Some(
                match method {
                    "reading" => "self-directed",
                    "course" => "formal-educational",
                    "supervision" | "peer discussion" => "work-based-learning",
                    _ if rng.chance(0.5) => "professional-activity",
                    _ => "work-based-learning",
                }
                .into(),
            ),
            planned: Some(rng.chance(0.6)),
        };
    }
    r
}

/// Zero to two development actions from one reflection; older ones are mostly settled.
fn actions(rng: &mut Rng, reflection: &Reflection, areas: &[&str], into: &mut Vec<Action>) {
    let created = reflection.updated;
    let old = END - created.timestamp() > 90 * DAY;
    for _ in 0..[0, 0, 1, 1, 2][rng.below(5)] {
        let Some(area) = areas.get(rng.below(areas.len())) else {
            return;
        };
        // Settled some days later; nothing is settled after the end.
        let settled = working_hours(rng, created.timestamp() / DAY + 3, 88);
        let status = match (rng.below(100), old) {
            _ if settled > END => ActionStatus::Open,
            (0..60, true) | (0..20, false) => ActionStatus::Done,
            (60..72, true) | (20..25, false) => ActionStatus::Dropped,
            _ => ActionStatus::Open,
        };
        let due = created.date_naive() + Days::new(14 + rng.below(100) as u64);
        into.push(Action {
            id: format_id("a", &created, rng.next_u64()),
            created,
            updated: match status {
                ActionStatus::Open => created,
                _ => stamp(settled),
            },
            text: rng.pick(ACTIONS).into(),
            area: (*area).into(),
            reflection: Some(reflection.id.clone()),
            due: Some(due).filter(|_| rng.chance(0.7)),
            status,
        });
    }
}

/// An answer: mostly one to four sentences, about one in ten a few hundred words.
fn answer(rng: &mut Rng) -> String {
    const POOLS: [&[&str]; 4] = [SITUATION, ANALYSIS, LEARNING, NEXT];
    let long = rng.chance(0.1);
    let words = 200 + rng.below(250);
    let mut used: Vec<&str> = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    loop {
        let length = if long {
            3 + rng.below(3)
        } else {
            1 + rng.below(4)
        };
        let start = paragraphs.len().min(1);
        let mut sentences = Vec::new();
        for i in 0..length {
            // What happened (or what it meant), then what it meant or taught, then what next.
            let pool = match i {
                _ if length == 1 => POOLS[rng.below(4)],
                0 => POOLS[start],
                _ if i + 1 == length => NEXT,
                _ => POOLS[1 + (i + 1) % 2],
            };
            let fresh = (0..8).map(|_| rng.pick(pool)).find(|s| !used.contains(s));
            used.push(fresh.unwrap_or(pool[0]));
            sentences.push(fresh.unwrap_or(pool[0]));
        }
        if rng.chance(0.1) {
            sentences.insert(rng.below(sentences.len() + 1), rng.pick(UNICODE));
        }
        paragraphs.push(sentences.join(" "));
        let written: usize = paragraphs.iter().map(|p| p.split(' ').count()).sum();
        if !long || written >= words || paragraphs.len() >= 12 {
            break;
        }
    }
    finish(rng, paragraphs.join("\n\n"))
}

/// A moment between 07:00 and 21:00 UTC on one of `days` days from `first` (days since 1970).
fn working_hours(rng: &mut Rng, first: i64, days: i64) -> i64 {
    (first + rng.secs(days)) * DAY + 7 * 3600 + rng.secs(14 * 3600)
}

/// Some text is pasted from a word processor (curly quotes, dashes); a little has an emoji.
fn finish(rng: &mut Rng, text: String) -> String {
    let mut text = if rng.chance(0.3) { curl(&text) } else { text };
    if rng.chance(0.03) {
        text = format!("{text} {}", rng.pick(EMOJI));
    }
    text
}

fn curl(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut previous = ' ';
    for c in text.replace(" - ", " – ").chars() {
        let opening = previous.is_whitespace();
        out.push(match c {
            '\'' if opening => '‘',
            '\'' => '’',
            '"' if opening => '“',
            '"' => '”',
            c => c,
        });
        previous = c;
    }
    out
}

/// A moment as a clock in the UK shows it: BST (+01:00) from 01:00 UTC on the last Sunday of
/// March to 01:00 UTC on the last Sunday of October, GMT (+00:00) otherwise.
fn stamp(secs: i64) -> Timestamp {
    let utc = DateTime::from_timestamp(secs, 0).unwrap_or_default();
    let offset = if is_bst(utc.naive_utc()) { 3600 } else { 0 };
    utc.with_timezone(&FixedOffset::east_opt(offset).unwrap_or(Utc.fix()))
}

fn is_bst(utc: NaiveDateTime) -> bool {
    let last_sunday = |month| {
        let last = NaiveDate::from_ymd_opt(utc.year(), month, 31)?;
        let sunday =
            last.checked_sub_days(Days::new(last.weekday().num_days_from_sunday().into()))?;
        sunday.and_hms_opt(1, 0, 0)
    };
    matches!((last_sunday(3), last_sunday(10)), (Some(start), Some(end)) if utc >= start && utc < end)
}

/// Gives `r` what a reflection keeps from an older pack: a rating, an answer (naming a
/// person, for the identifier check to find) and a tick of ids this pack has not, and the
/// comments and an own activity of an area it has not, in focus. For tests of what a
/// template makes of every kind of section.
#[cfg(test)]
pub fn keep_from_an_older_pack(r: &mut Reflection) {
    r.ratings.insert("retired.c1", 2);
    r.answers
        .insert("retired.q1", "Met Mr. Jones at home".to_string());
    r.ticked_activities.insert("retired.a1");
    let retired = intern("retired");
    let prompts = r
        .prompts
        .get_or_insert_with(retired.clone(), Default::default);
    prompts.insert("comments", "Kept from before".to_string());
    r.own_activities.push(OwnActivity {
        area: retired.clone(),
        text: "An activity of my own".into(),
    });
    if let Focus::Areas(areas) = &mut r.focus {
        areas.push(retired);
    }
}

#[cfg(test)]
mod tests;
