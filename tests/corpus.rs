//! Short articles written for these tests (not taken from any publication).

/// A wire-style article exercising most frames.
pub const WIRE: &str = "\
Militia leader vows revenge

DAMASCUS – The Syrian government condemned Israel on Sunday after an Israeli strike on a weapons depot near Damascus.

Syrian Foreign Minister Karim Haddad met Russian Foreign Minister Sergei Volkov in Moscow. Haddad urged Russia to press Israel.

Hezbollah, which is backed by Iran, threatened Israel. The group also attacked an Israeli army post.

Israel has not commented on the strike.
";

/// An article with nothing to find.
pub const PLAIN: &str = "The weather was mild on Tuesday and markets were calm.\n";
