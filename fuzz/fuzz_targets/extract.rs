//! The whole extractor on arbitrary bytes (decoded as the CLI does).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let g = newsgraph::extract_article(&newsgraph::Article::new("fuzz", text.as_ref()), newsgraph::Lexicon::embedded());
    // evidence spans must point into the text, on character boundaries
    for r in g.relations() {
        for e in &r.evidence {
            assert!(e.span.0 <= e.span.1 && e.span.1 <= text.len());
            assert!(text.is_char_boundary(e.span.0) && text.is_char_boundary(e.span.1));
        }
    }
    let ron = newsgraph::formats::ron::to_string(&g);
    let back = newsgraph::KnowledgeGraph::load_str(&ron, "fuzz.ron").expect("our own RON loads");
    assert_eq!(back.to_file(), g.to_file());
});
