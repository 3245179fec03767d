//! The user's data: the workbook model, merging, and the private store on disk.
//! Knows the pack's ids but nothing of the terminal.

pub mod flat;
pub mod generate;
mod id;
pub mod intern;
pub mod merge;
mod model;
mod orphans;
pub mod store;
mod summary;
pub mod timestamp;

pub use id::new_id;
pub use merge::{MergeReport, merge};
pub use model::{
    Action, ActionStatus, Cpd, FindError, Focus, MAX_CPD_HOURS, Mode, OwnActivity, PackRef,
    Reflection, SCHEMA_VERSION, Status, Timestamp, Workbook, now,
};
pub use orphans::OrphanIds;
