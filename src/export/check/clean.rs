//! Lasting texts seen to hold nothing, by where they stand in memory.

/// A fixed table of the addresses and lengths of texts seen to hold nothing, each in one slot
/// found from them, a newer text taking the slot of an older one. What it is for is the
/// pack's own wording, quoted at every reflection from one copy: a few hundred texts, met
/// thousands of times, which stay. A person's answers, met once each, pass through it. A set
/// of every text seen grew to tens of thousands of entries, and growing it was a sixth of an
/// export's fresh memory. Forgetting a text only costs a quick look at it again.
pub(in crate::export) struct Clean {
    /// Empty until the first text is kept; `(0, 0)` in a slot not yet taken, since no text
    /// stands at address 0.
    slots: Vec<(usize, usize)>,
}

/// Room for every text of a large pack several times over: the Wheel's holds some 200. 64 KB.
const SLOTS: usize = 4096;

// A slot's number is the top bits of a spread key, which needs a power of two.
const _: () = assert!(SLOTS.is_power_of_two());

/// How far a slot's number is shifted down out of a spread key's top bits.
const SHIFT: u32 = u64::BITS - SLOTS.trailing_zeros();

impl Clean {
    pub(in crate::export) fn new() -> Self {
        Clean { slots: Vec::new() }
    }

    fn slot(key: (usize, usize)) -> usize {
        let (address, len) = (key.0 as u64, key.1 as u64);
        // Texts are mostly allocated 16 bytes apart, so the low bits of an address tell them
        // apart least; a text and the start of it (a shorter length) share an address.
        let mixed = address.rotate_right(4) ^ len.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> SHIFT) as usize
    }

    fn key(text: &str) -> (usize, usize) {
        (text.as_ptr() as usize, text.len())
    }

    /// Whether `text`, at its address and of its length, was kept and is still.
    pub(in crate::export) fn holds(&self, text: &str) -> bool {
        let key = Self::key(text);
        self.slots.get(Self::slot(key)) == Some(&key)
    }

    /// Keeps `text` as seen to hold nothing. Only a text that stays unchanged, at the same
    /// address, for as long as this table lives may be kept.
    pub(in crate::export) fn keep(&mut self, text: &str) {
        let key = Self::key(text);
        if self.slots.is_empty() {
            self.slots = vec![(0, 0); SLOTS];
        }
        self.slots[Self::slot(key)] = key;
    }

    /// Whether no text is kept.
    #[cfg(test)]
    pub(in crate::export) fn is_empty(&self) -> bool {
        self.slots.iter().all(|key| *key == (0, 0))
    }

    /// Keeps what `other` kept too, where its texts do not take a slot of this one's. Both
    /// tables find a text's slot the same way, so each of `other`'s texts goes to the same
    /// slot here.
    pub(in crate::export) fn absorb(&mut self, other: Clean) {
        if self.slots.is_empty() {
            *self = other;
            return;
        }
        for (mine, theirs) in self.slots.iter_mut().zip(other.slots) {
            if *mine == (0, 0) {
                *mine = theirs;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_kept_is_held_at_its_address_and_length_only() {
        let words = String::from("Demonstrates an understanding of integrated care.");
        let same_words = words.clone();
        let mut clean = Clean::new();
        assert!(!clean.holds(&words));
        clean.keep(&words);
        assert!(clean.holds(&words));
        assert!(!clean.holds(&same_words), "another copy is another text");
        assert!(!clean.holds(&words[..12]), "its start is another text");
    }

    /// Two texts of `texts` that take the same slot.
    fn sharing_a_slot(texts: &[String]) -> (&str, &str) {
        let mut first_in: std::collections::HashMap<usize, &str> = Default::default();
        for text in texts {
            let slot = Clean::slot(Clean::key(text));
            if let Some(earlier) = first_in.insert(slot, text) {
                return (earlier, text);
            }
        }
        panic!(
            "{} texts in {SLOTS} slots and no two share one",
            texts.len()
        );
    }

    #[test]
    fn a_text_that_takes_a_slot_forgets_the_one_before() {
        let texts: Vec<String> = (0..SLOTS).map(|n| format!("text {n}")).collect();
        let (older, newer) = sharing_a_slot(&texts);
        let mut clean = Clean::new();
        clean.keep(older);
        clean.keep(newer);
        assert!(clean.holds(newer));
        assert!(!clean.holds(older), "forgotten: only a quick look is lost");
        // Spread over the slots: most of as many texts as slots have one of their own.
        let mut clean = Clean::new();
        texts.iter().for_each(|text| clean.keep(text));
        let held = texts.iter().filter(|t| clean.holds(t)).count();
        assert!(held > SLOTS / 2, "only {held} of {SLOTS} held");
    }

    #[test]
    fn absorbing_keeps_the_other_tables_texts_where_their_slots_are_free() {
        let texts: Vec<String> = (0..SLOTS).map(|n| format!("text {n}")).collect();
        let (mine_first, theirs_too) = sharing_a_slot(&texts);
        let taken = Clean::slot(Clean::key(mine_first));
        let other = texts
            .iter()
            .find(|t| Clean::slot(Clean::key(t)) != taken)
            .expect("a text in another slot");
        let (mut mine, mut theirs) = (Clean::new(), Clean::new());
        mine.keep(mine_first);
        theirs.keep(theirs_too);
        theirs.keep(other);
        mine.absorb(theirs);
        assert!(mine.holds(mine_first), "a slot taken here stays as it is");
        assert!(!mine.holds(theirs_too));
        assert!(mine.holds(other), "a free slot takes theirs");
        // Into an empty table, and from one.
        let mut empty = Clean::new();
        empty.absorb(mine);
        assert!(empty.holds(mine_first) && empty.holds(other));
        empty.absorb(Clean::new());
        assert!(empty.holds(mine_first) && empty.holds(other));
    }
}
