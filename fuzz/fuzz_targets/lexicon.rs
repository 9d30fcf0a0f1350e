//! The lexicon loader and compiler on arbitrary input: an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut b = newsgraph::LexiconBuilder::new();
        if b.add_source("fuzz.ron", text).is_ok() {
            if let Ok(lex) = b.build() {
                let _ = newsgraph::extract_article(&newsgraph::Article::new("t", "Iran-backed Hezbollah fired at Israel."), &lex);
            }
        }
    }
});
