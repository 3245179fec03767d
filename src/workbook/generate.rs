//! generated in next step
