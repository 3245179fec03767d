//! Turns a [`RawPack`] into a [`Pack`], collecting every problem with its place in the file.

use std::collections::{BTreeSet, HashMap};

use toml::Spanned;

use super::error::Problem;
use super::model::{
    Area, Competency, Context, Item, Pack, SCHEMA_VERSION, ScaleLevel, ScaleNotAssessed, Source,
    Tag, Wording,
};
use super::raw::{RawArea, RawCompetency, RawItem, RawPack, Text};

/// Scale values are typed with the number keys, so a scale has at most nine levels.
pub const MAX_SCALE_LEVELS: usize = 9;
const MAX_ID_LEN: usize = 64;

pub fn validate(text: &str, raw: RawPack) -> Result<Pack, Vec<Problem>> {
    let mut checker = Checker::new(text);
    let pack = checker.pack(raw);
    if checker.problems.is_empty() {
        Ok(pack)
    } else {
        let mut problems = checker.problems;
        problems.sort_by_key(|problem| (problem.line, problem.column));
        Err(problems)
    }
}

struct Checker<'t> {
    text: &'t str,
    problems: Vec<Problem>,
    /// Areas, competencies, questions and activities share one namespace, so that an id in a
    /// saved workbook can never mean two things. Maps id to (byte offset, kind) of its first
    /// use.
    item_ids: HashMap<String, (usize, &'static str)>,
}

impl<'t> Checker<'t> {
    fn new(text: &'t str) -> Self {
        Checker {
            text,
            problems: Vec::new(),
            item_ids: HashMap::new(),
        }
    }

    fn problem<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        self.problems
            .push(Problem::at_span(self.text, &at.span(), message));
    }

    fn pack(&mut self, raw: RawPack) -> Pack {
        let schema_version = self.schema_version(&raw.schema_version);
        let id = self.id_format(&raw.id, "pack");
        let source = raw.source.into_inner();
        let year = source.year.as_ref().and_then(|year| {
            let value = i32::try_from(*year.get_ref())
                .ok()
                .filter(|y| (1000..=9999).contains(y));
            if value.is_none() {
                self.problem(
                    year,
                    "the source year must be a four-digit year, e.g. `year = 2017`",
                );
            }
            value
        });
        let source = Source {
            title: self.text(&source.title, "source title"),
            publisher: source
                .publisher
                .as_ref()
                .map(|p| self.text(p, "source publisher")),
            year,
            attribution: self.text(&source.attribution, "source attribution"),
        };
        let wording = match raw.wording {
            Some(wording) => Wording {
                individual: self.text(&wording.get_ref().individual, "individual wording"),
                team: self.text(&wording.get_ref().team, "team wording"),
            },
            None => Wording::default(),
        };
        let not_assessed = match raw.not_assessed {
            Some(n) => ScaleNotAssessed {
                label: self.text(&n.get_ref().label, "not-assessed label"),
                description: self.text(&n.get_ref().description, "not-assessed description"),
            },
            None => ScaleNotAssessed::default(),
        };
        let scale = self.scale(raw.scale);
        let contexts = self.contexts(raw.contexts);
        let shared_prompts = self.items(raw.prompts, "prompt", false);
        let areas = self.areas(raw.areas, &shared_prompts);
        Pack {
            schema_version,
            id,
            title: self.text(&raw.title, "title"),
            version: self.text(&raw.version, "version"),
            description: self.text(&raw.description, "description"),
            notes: raw.notes.iter().map(|n| self.text(n, "note")).collect(),
            source,
            wording,
            not_assessed,
            scale,
            contexts,
            areas,
        }
    }

    fn schema_version(&mut self, version: &Spanned<i64>) -> u32 {
        let value = *version.get_ref();
        if value == i64::from(SCHEMA_VERSION) {
            return SCHEMA_VERSION;
        }
        let message = if value > i64::from(SCHEMA_VERSION) {
            format!(
                "this pack uses format {value}, made for a newer wheelbook; this wheelbook reads format {SCHEMA_VERSION}. Update wheelbook, or ask the pack's author for a format {SCHEMA_VERSION} copy"
            )
        } else {
            format!("unknown pack format {value}: write `schema_version = {SCHEMA_VERSION}`")
        };
        self.problem(version, message);
        SCHEMA_VERSION
    }

    /// A required piece of text: present, and not only white space.
    fn text(&mut self, field: &Text, what: &str) -> String {
        let value = field.get_ref().trim();
        if value.is_empty() {
            self.problem(
                field,
                format!("the {what} is empty: write the text between the quotes"),
            );
        }
        value.to_string()
    }

    fn id_format(&mut self, field: &Text, kind: &str) -> String {
        let id = field.get_ref();
        if !is_valid_id(id) {
            self.problem(
                field,
                format!(
                    "`{id}` is not a valid {kind} id: use 1 to {MAX_ID_LEN} lower-case letters and digits, joined by '-' or '.', e.g. `listening.c1`"
                ),
            );
        }
        id.clone()
    }

    /// An id in the shared namespace of areas, competencies, questions and activities.
    fn item_id(&mut self, field: &Text, kind: &'static str) -> String {
        let id = self.id_format(field, kind);
        // The line of the first use is only worked out for a duplicate: counting lines for
        // every id took longer than the rest of reading the pack.
        if let Some((first_offset, first_kind)) = self.item_ids.get(&id).copied() {
            let first_line = Problem::at(self.text, first_offset, "").line;
            self.problem(
                field,
                format!(
                    "duplicate id `{id}`: line {first_line} already uses it for {}. Ids must be unique in a pack: give this {kind} a new id (and never reuse an old one)",
                    with_article(first_kind)
                ),
            );
        } else {
            self.item_ids.insert(id.clone(), (field.span().start, kind));
        }
        id
    }

    fn scale(
        &mut self,
        scale: Spanned<Vec<Spanned<super::raw::RawScaleLevel>>>,
    ) -> Vec<ScaleLevel> {
        let count = scale.get_ref().len();
        if count < 2 {
            self.problem(
                &scale,
                format!(
                    "the scale has {count} level{}: a rating scale needs at least two [[scale]] levels",
                    if count == 1 { "" } else { "s" }
                ),
            );
        } else if count > MAX_SCALE_LEVELS {
            self.problem(
                &scale,
                format!("the scale has {count} levels: at most {MAX_SCALE_LEVELS} are allowed, so that each can be chosen with a number key"),
            );
        }
        let mut labels = HashMap::new();
        let mut levels = Vec::new();
        for (index, level) in scale.into_inner().into_iter().enumerate() {
            let level = level.into_inner();
            let expected = index + 1;
            if *level.value.get_ref() != expected as i64 {
                self.problem(
                    &level.value,
                    format!("scale levels are numbered 1, 2, 3… in order: this is level {expected}, so write `value = {expected}`"),
                );
            }
            let label = self.text(&level.label, "scale label");
            if labels.insert(label.to_lowercase(), ()).is_some() {
                self.problem(
                    &level.label,
                    format!(
                        "the scale label `{label}` is used twice: give each level its own label"
                    ),
                );
            }
            let value = u8::try_from(expected).unwrap_or(u8::MAX);
            let description = self.text(&level.description, "scale description");
            levels.push(ScaleLevel::new(value, label, description));
        }
        levels
    }

    fn contexts(
        &mut self,
        contexts: Spanned<Vec<Spanned<super::raw::RawContext>>>,
    ) -> Vec<Context> {
        if contexts.get_ref().is_empty() {
            self.problem(&contexts, "there are no contexts: add at least one [[contexts]] with an id, label and description");
        }
        let mut seen = HashMap::new();
        let mut result = Vec::new();
        for context in contexts.into_inner() {
            let context = context.into_inner();
            let id = self.id_format(&context.id, "context");
            if seen.insert(id.clone(), ()).is_some() {
                self.problem(
                    &context.id,
                    format!("duplicate context id `{id}`: give each context its own id"),
                );
            }
            result.push(Context {
                id,
                label: self.text(&context.label, "context label"),
                description: self.text(&context.description, "context description"),
            });
        }
        result
    }

    fn areas(
        &mut self,
        areas: Spanned<Vec<Spanned<RawArea>>>,
        shared_prompts: &[Item],
    ) -> Vec<Area> {
        if areas.get_ref().is_empty() {
            self.problem(
                &areas,
                "the pack has no areas: add at least one [[areas]] with its competencies",
            );
        }
        let mut result = Vec::new();
        for area in areas.into_inner() {
            let span = area.span();
            let area = area.into_inner();
            let id = self.item_id(&area.id, "area");
            if area.competencies.is_empty() {
                self.problems.push(Problem::at_span(
                    self.text,
                    &span,
                    format!("area `{id}` has no competencies: add at least one [[areas.competencies]] after it, with an id, tags and text"),
                ));
            }
            let competencies = area
                .competencies
                .into_iter()
                .map(|c| self.competency(c))
                .collect();
            let prompts = match area.prompts {
                Some(own) => self.items(own, "prompt", false),
                None => shared_prompts.to_vec(),
            };
            result.push(Area {
                id,
                title: self.text(&area.title, "area title"),
                notes: area.notes.iter().map(|n| self.text(n, "note")).collect(),
                competencies,
                questions: self.items(area.questions, "question", true),
                activities: self.items(area.activities, "activity", true),
                prompts,
            });
        }
        result
    }

    fn competency(&mut self, competency: Spanned<RawCompetency>) -> Competency {
        let competency = competency.into_inner();
        let id = self.item_id(&competency.id, "competency");
        let mut tags = BTreeSet::new();
        if competency.tags.get_ref().is_empty() {
            self.problem(&competency.tags, format!("competency `{id}` has no tags: give it one or more of knowledge, skills, behaviour, attitude"));
        }
        for tag in competency.tags.get_ref() {
            match Tag::from_key(tag.get_ref()) {
                Some(known) => {
                    if !tags.insert(known) {
                        self.problem(
                            tag,
                            format!("the tag `{known}` is listed twice: list each tag once"),
                        );
                    }
                }
                None => self.problem(tag, unknown_tag_message(tag.get_ref())),
            }
        }
        Competency {
            id,
            tags,
            text: self.text(&competency.text, "competency text"),
        }
    }

    /// Questions and activities share the pack-wide namespace; prompts are per area, so their
    /// ids only need to be unique within one list.
    fn items(
        &mut self,
        items: Vec<Spanned<RawItem>>,
        kind: &'static str,
        pack_wide: bool,
    ) -> Vec<Item> {
        let mut local = HashMap::new();
        let mut result = Vec::new();
        for item in items {
            let item = item.into_inner();
            let id = if pack_wide {
                self.item_id(&item.id, kind)
            } else {
                let id = self.id_format(&item.id, kind);
                if local.insert(id.clone(), ()).is_some() {
                    self.problem(
                        &item.id,
                        format!("duplicate {kind} id `{id}`: give each {kind} its own id"),
                    );
                }
                id
            };
            result.push(Item {
                id,
                text: self.text(&item.text, &format!("{kind} text")),
            });
        }
        result
    }
}

fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.split(['-', '.']).all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn unknown_tag_message(tag: &str) -> String {
    let folded = tag.trim().to_lowercase();
    let guess = Tag::ALL.into_iter().find(|known| {
        let key = known.key();
        folded == key
            || folded.trim_end_matches('s') == key.trim_end_matches('s')
            || (folded == "behavior") && *known == Tag::Behaviour
    });
    match guess {
        Some(known) => format!(
            "unknown tag `{tag}`: did you mean `{}`? Tags are knowledge, skills, behaviour and attitude",
            known.key()
        ),
        None => format!(
            "unknown tag `{tag}`: use one or more of knowledge, skills, behaviour and attitude"
        ),
    }
}

#[cfg(test)]
#[path = "tests/validate.rs"]
mod tests;
