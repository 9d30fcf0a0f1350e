//! An article: the text the pipeline reads, with what is known about it.

/// An article to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Its id: a path, or the id of a JSON Lines record.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its date (ISO 8601), when known.
    pub date: Option<String>,
    /// Its headline, when known (JSON Lines input).
    pub title: Option<String>,
    /// Where it was published, when known (JSON Lines input).
    pub url: Option<String>,
}

impl Article {
    /// An article without a date.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            date: None,
            title: None,
            url: None,
        }
    }
}
