//! Where the pack has what a reflection rated, answered and ticked.

use crate::content::{IdKind, PackCounts, PackIds};
use crate::workbook::{OrphanIds, Reflection};

/// A reflection's ratings, answers and ticks by where the pack has them, each of its ids
/// looked up once, rather than each of the pack's searched for in the reflection.
#[derive(Debug, Default)]
pub(super) struct Placed<'r> {
    pub(super) ratings: Vec<Option<u8>>,
    pub(super) answers: Vec<Option<&'r str>>,
    pub(super) ticked: Vec<bool>,
    /// The ids of those the pack has not (kept from an older pack): its ratings, answers and
    /// activities, in the reflection's order.
    pub(super) not_in_pack: OrphanIds<'r>,
    known: Known,
}

impl<'r> Placed<'r> {
    /// Places the ratings, answers and ticks of `r`, forgetting those placed before.
    pub(super) fn place(&mut self, ids: &PackIds, counts: &PackCounts, r: &'r Reflection) {
        fn reset<T: Clone>(places: &mut Vec<T>, count: usize, empty: T) {
            places.clear();
            places.resize(count, empty);
        }
        reset(&mut self.ratings, counts.competencies, None);
        reset(&mut self.answers, counts.questions, None);
        reset(&mut self.ticked, counts.activities, false);
        let not_in_pack = &mut self.not_in_pack;
        *not_in_pack = OrphanIds::default();
        let known = &mut self.known;
        known.for_ids(ids);
        for (id, &value) in &r.ratings {
            match known.place(ids, IdKind::Competency, id) {
                Some(at) => self.ratings[at] = Some(value),
                None => not_in_pack.ratings.push(id.as_str()),
            }
        }
        for (id, answer) in &r.answers {
            match known.place(ids, IdKind::Question, id) {
                Some(at) => self.answers[at] = Some(answer.as_str()),
                None => not_in_pack.answers.push(id.as_str()),
            }
        }
        for id in &r.ticked_activities {
            match known.place(ids, IdKind::Activity, id) {
                Some(at) => self.ticked[at] = true,
                None => not_in_pack.activities.push(id.as_str()),
            }
        }
    }
}

/// The places of ids looked up before, by where each id's text stands in memory. A workbook
/// read holds one shared copy of each id a reading thread (`SharedId`), so the few hundred a
/// pack defines come back thousands of times from the same few addresses, and an address is
/// found in fewer steps than a text is hashed and compared. Only ids of the reflections
/// placed are kept, and each [`Placed`] lives no longer than they do, so an address and
/// length always hold the same words.
#[derive(Debug, Default)]
struct Known {
    /// Empty until the first id is looked up.
    slots: Vec<Slot>,
    /// Where the pack's ids that gave the places stand: places are forgotten if another's
    /// are asked of, so that a scratch handed from one export to another cannot mislead.
    ids: usize,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Never 0 for an id's text; 0 in a slot not yet taken.
    address: usize,
    len: usize,
    kind: IdKind,
    place: Option<u32>,
}

// A slot's number is the top bits of a spread address, which needs a power of two.
const _: () = assert!(Known::SLOTS.is_power_of_two());

impl Known {
    /// Room for every id of a large pack, twice over, seldom two in one slot: the Wheel's 174
    /// ids, twice over, fill a sixth of it. 64 KB, under the size glibc maps afresh.
    const SLOTS: usize = 2048;
    /// How far a slot's number is shifted down out of a spread address's top bits.
    const SHIFT: u32 = u64::BITS - Self::SLOTS.trailing_zeros();

    /// Forgets every place unless it was given by `ids`.
    fn for_ids(&mut self, ids: &PackIds) {
        let address = std::ptr::from_ref(ids) as usize;
        if self.ids != address {
            self.slots.clear();
            self.ids = address;
        }
    }

    #[inline]
    fn place(&mut self, ids: &PackIds, kind: IdKind, id: &str) -> Option<usize> {
        debug_assert_eq!(self.ids, std::ptr::from_ref(ids) as usize);
        let (address, len) = (id.as_ptr() as usize, id.len());
        // The allocator aligns an id's text (an `Arc<str>` after its counts) to 16 bytes, so
        // the low bits tell ids apart least; they only spread ids over slots, whatever they are.
        let spread = (address as u64 >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let at = (spread >> Self::SHIFT) as usize;
        match self.slots.get(at) {
            Some(slot) if slot.address == address && slot.len == len && slot.kind == kind => {
                slot.place.map(|place| place as usize)
            }
            _ => self.look_up(ids, kind, id, at),
        }
    }

    /// The place of `id`, looked up in the pack and kept in slot `at`.
    #[cold]
    #[inline(never)]
    fn look_up(&mut self, ids: &PackIds, kind: IdKind, id: &str, at: usize) -> Option<usize> {
        if self.slots.is_empty() {
            let empty = Slot {
                address: 0,
                len: 0,
                kind,
                place: None,
            };
            self.slots = vec![empty; Self::SLOTS];
        }
        let (address, len) = (id.as_ptr() as usize, id.len());
        let place = ids.place(kind, id);
        // A place too large to keep (no pack has billions of ids) is looked up each time.
        if let Ok(kept) = place.map(u32::try_from).transpose() {
            self.slots[at] = Slot {
                address,
                len,
                kind,
                place: kept,
            };
        }
        place
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PackSource;

    #[test]
    fn an_id_remembered_by_its_address_is_placed_as_the_pack_places_its_text() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let ids = pack.ids();
        let area = &pack.areas[1];
        let (competency, question) = (&area.competencies[0].id, &area.questions[0].id);
        // One text asked for as each kind, and at one address an id and a longer text that
        // is none: each is placed as the pack places it, the first time and again.
        let longer = format!("{competency}{question}");
        let head = &longer[..competency.len()];
        let mut known = Known::default();
        known.for_ids(&ids);
        for _ in 0..2 {
            for kind in [IdKind::Competency, IdKind::Question, IdKind::Area] {
                for id in [competency.as_str(), question, head, &longer] {
                    let placed = known.place(&ids, kind, id);
                    assert_eq!(placed, ids.place(kind, id), "{kind:?} {id}");
                }
            }
        }
        assert!(known.place(&ids, IdKind::Competency, head).is_some());
        assert!(known.place(&ids, IdKind::Question, head).is_none());
    }

    #[test]
    fn places_given_by_one_packs_ids_are_forgotten_for_anothers() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let mut smaller = pack.clone();
        smaller.areas.remove(0);
        let (ids, smaller_ids) = (pack.ids(), smaller.ids());
        let id = pack.areas[1].competencies[0].id.as_str();
        let mut known = Known::default();
        known.for_ids(&ids);
        let first = known.place(&ids, IdKind::Competency, id);
        known.for_ids(&smaller_ids);
        let again = known.place(&smaller_ids, IdKind::Competency, id);
        assert_ne!(
            first, again,
            "the smaller pack has the area's competencies earlier"
        );
        assert_eq!(again, smaller_ids.place(IdKind::Competency, id));
    }
}
