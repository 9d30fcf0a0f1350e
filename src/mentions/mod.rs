//! The mentions stage: the stretches of an article that name an entity
//! (`mention`, with the lexicon's names and the name tagger of [`names`]),
//! and what pronouns and descriptions refer to (`coref`).

pub(crate) mod coref;
pub(crate) mod mention;
pub mod names;
