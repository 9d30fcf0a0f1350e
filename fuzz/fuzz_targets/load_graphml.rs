//! The GraphML graph loader on arbitrary input: an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = newsgraph::formats::graphml::from_str(text, "fuzz.graphml");
    }
});
