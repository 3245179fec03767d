//! What a reflection keeps from an older pack: the ids it refers to that the pack it is read
//! with does not define. Nothing written with an older pack is dropped; exports show it apart.

use super::intern::SharedId;
use super::model::{Focus, Reflection};
use crate::content::{IdKind, Pack, PackIds};

/// Ids a reflection refers to that a pack does not have: answers kept from an older pack.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct OrphanIds<'r> {
    pub context: Option<&'r str>,
    pub areas: Vec<&'r str>,
    pub ratings: Vec<&'r str>,
    pub answers: Vec<&'r str>,
    pub activities: Vec<&'r str>,
}

impl OrphanIds<'_> {
    pub fn is_empty(&self) -> bool {
        self == &OrphanIds::default()
    }
}

impl Reflection {
    /// Everything this reflection refers to that `pack` does not define.
    pub fn ids_not_in<'r>(&'r self, pack: &Pack) -> OrphanIds<'r> {
        // Looked up in the pack as it is: sets built for one reflection would cost more.
        self.orphans(pack, |kind, id| pack.defines(kind, id))
    }

    /// The context and areas of [`Self::ids_not_in`] alone, with the pack's ids, `ids`, in
    /// sets: for a caller that looks up each rating's, answer's and tick's id as it places it,
    /// and so finds those not in the pack without looking them up again.
    pub fn context_and_areas_not_in<'r>(&'r self, pack: &Pack, ids: &PackIds) -> OrphanIds<'r> {
        self.orphan_context_and_areas(pack, &|kind, id| ids.has(kind, id))
    }

    fn orphans<'r>(&'r self, pack: &Pack, defined: impl Fn(IdKind, &str) -> bool) -> OrphanIds<'r> {
        let defined = &defined;
        let missing = |kind| move |id: &str| !defined(kind, id);
        OrphanIds {
            ratings: missing_of(self.ratings.keys(), missing(IdKind::Competency)),
            answers: missing_of(self.answers.keys(), missing(IdKind::Question)),
            activities: missing_of(self.ticked_activities.iter(), missing(IdKind::Activity)),
            ..self.orphan_context_and_areas(pack, defined)
        }
    }

    fn orphan_context_and_areas<'r>(
        &'r self,
        pack: &Pack,
        defined: &dyn Fn(IdKind, &str) -> bool,
    ) -> OrphanIds<'r> {
        let focus_areas: Vec<&str> = match &self.focus {
            Focus::WholeWheel => Vec::new(),
            Focus::Areas(ids) => ids.iter().map(SharedId::as_str).collect(),
        };
        let prompt_areas = self.prompts.keys().map(SharedId::as_str);
        let own_areas = self.own_activities.iter().map(|a| a.area.as_str());
        let mut orphan_areas: Vec<&str> = focus_areas
            .into_iter()
            .chain(prompt_areas)
            .chain(own_areas)
            .filter(|id| !defined(IdKind::Area, id))
            .collect();
        orphan_areas.sort_unstable();
        orphan_areas.dedup();
        OrphanIds {
            context: pack
                .context(&self.context)
                .is_none()
                .then_some(self.context.as_str()),
            areas: orphan_areas,
            ..OrphanIds::default()
        }
    }
}

fn missing_of<'r, Id: AsRef<str> + ?Sized + 'r>(
    ids: impl Iterator<Item = &'r Id>,
    missing: impl Fn(&str) -> bool,
) -> Vec<&'r str> {
    ids.map(AsRef::as_ref).filter(|id| missing(id)).collect()
}
