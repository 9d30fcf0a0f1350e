//! The text stage: articles read from files, directories, standard input
//! and JSON Lines ([`input`]), cut into sentences and tokens with byte
//! offsets ([`segment`]), held with their annotations while the later stages
//! run ([`parsed`]), and the dates they mention ([`dates`]).

pub mod article;
pub mod dates;
pub mod input;
pub mod parsed;
pub mod segment;

pub use article::Article;
