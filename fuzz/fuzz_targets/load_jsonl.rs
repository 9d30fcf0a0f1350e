//! The JSON Lines record reader on arbitrary input: an article or a message,
//! never a panic (issue 17).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for (i, line) in text.lines().enumerate() {
        let _ = newsgraph::text::input::parse_record(std::path::Path::new("fuzz.jsonl"), i + 1, line);
    }
    let _ = newsgraph::text::input::looks_like_json_lines(data);
});
