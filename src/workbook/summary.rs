//! Figures drawn from a workbook with its pack: the rating of an area, the latest rating of
//! each area, the reflection before this one. Used by the screens and by exports.

use crate::content::{Area, Pack};

use super::{Reflection, Workbook};

impl Reflection {
    /// The mean of this reflection's ratings of an area's competencies; `None` if none rated.
    pub fn area_mean(&self, area: &Area) -> Option<f64> {
        let ratings: Vec<f64> = area
            .competencies
            .iter()
            .filter_map(|c| self.ratings.get(c.id.as_str()))
            .map(|&value| f64::from(value))
            .collect();
        (!ratings.is_empty()).then(|| ratings.iter().sum::<f64>() / ratings.len() as f64)
    }

    /// How many of an area's competencies this reflection rates.
    pub fn rated_count(&self, area: &Area) -> usize {
        area.competencies
            .iter()
            .filter(|c| self.ratings.contains_key(c.id.as_str()))
            .count()
    }
}

impl Workbook {
    /// Indices of the reflections, newest first (by when they were created, then by id): the
    /// one order every list of reflections uses.
    pub fn newest_first_indices(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.reflections.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.reflections[a], &self.reflections[b]);
            b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id))
        });
        order
    }

    /// Reflections newest first (by when they were created).
    pub fn newest_first(&self) -> Vec<&Reflection> {
        self.newest_first_indices()
            .into_iter()
            .map(|i| self.reflections[i].as_ref())
            .collect()
    }

    /// For each area of the pack, in order, the mean rating from the newest reflection that
    /// rated it. `newest_first` is [`Workbook::newest_first_indices`], which the screens keep
    /// rather than sort again each frame.
    pub fn latest_area_means(&self, pack: &Pack, newest_first: &[usize]) -> Vec<Option<f64>> {
        pack.areas
            .iter()
            .map(|area| {
                newest_first
                    .iter()
                    .find_map(|&i| self.reflections[i].area_mean(area))
            })
            .collect()
    }

    /// The newest reflection created before `reflection` that rated any of the same areas:
    /// what "since last time" compares with. `newest_first` is
    /// [`Workbook::newest_first_indices`], kept by the caller rather than sorted for each ask.
    pub fn previous_for<'w>(
        &'w self,
        pack: &Pack,
        reflection: &Reflection,
        newest_first: &[usize],
    ) -> Option<&'w Reflection> {
        let areas: Vec<&Area> = reflection
            .focus
            .area_ids(pack)
            .into_iter()
            .filter_map(|id| pack.area(id))
            .collect();
        let newest = newest_first.iter().map(|&i| self.reflections[i].as_ref());
        newest.into_iter().find(|other| {
            other.id != reflection.id
                && other.created < reflection.created
                && areas.iter().any(|area| other.area_mean(area).is_some())
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::content::PackSource;
    use crate::workbook::generate::generate;

    #[test]
    fn means_latest_ratings_and_the_previous_reflection() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let mut workbook = generate(&pack, 30, 5);
        let area = &pack.areas[6]; // Resilience: two competencies
        let newest_id = workbook.newest_first()[0].id.clone();
        let newest = workbook
            .reflections_mut()
            .find(|r| r.id == newest_id)
            .expect("one");
        newest.focus = crate::workbook::Focus::Areas(vec![area.id.as_str().into()]);
        newest
            .ratings
            .retain(|id, _| !id.starts_with("resilience."));
        newest.ratings.insert("resilience.c1", 2);
        newest.ratings.insert("resilience.c2", 3);

        let newest = workbook.newest_first()[0];
        assert_eq!(newest.area_mean(area), Some(2.5));
        assert_eq!(newest.rated_count(area), 2);
        assert_eq!(
            workbook.latest_area_means(&pack, &workbook.newest_first_indices())[6],
            Some(2.5)
        );
        let previous = workbook
            .previous_for(&pack, newest, &workbook.newest_first_indices())
            .expect("an earlier one rated it");
        assert!(previous.created < newest.created && previous.area_mean(area).is_some());
        let oldest = *workbook.newest_first().last().expect("one");
        assert!(
            workbook
                .previous_for(&pack, oldest, &workbook.newest_first_indices())
                .is_none()
        );
    }
}
