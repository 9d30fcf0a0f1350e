pub mod entity;
pub mod error;
pub mod lexicon;
pub mod relation;
pub mod segment;
