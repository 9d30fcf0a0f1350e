//! `newsgraph build`: articles in, a graph out, with the notes a user needs.

use crate::*;

/// `--date`: an ISO 8601 date (`2024-08-06`), a time after it allowed.
pub(crate) fn check_date(date: &str) -> anyhow::Result<()> {
    parse_date("--date", date).map(|_| ())
}

/// A date flag's value: `YYYY-MM-DD`, a time after it allowed.
pub(crate) fn parse_date(flag: &str, date: &str) -> anyhow::Result<Date> {
    Date::parse_strict(date).ok_or_else(|| {
        anyhow!("{flag} '{date}': not a date (YYYY-MM-DD expected, such as 2024-08-06)")
    })
}

/// The lexicon `build` uses: the built-in one, or the --lexicon directory
/// (with the built-in one unless `replace`), checked exactly as `lexicon
/// check` checks it (issue 17); its warnings are returned to be told.
pub(crate) fn load_lexicon(
    dir: Option<&Path>,
    replace: bool,
) -> anyhow::Result<(std::borrow::Cow<'static, Lexicon>, Vec<String>)> {
    let Some(d) = dir else {
        return Ok((std::borrow::Cow::Borrowed(Lexicon::embedded()), Vec::new()));
    };
    let checked = lexicon::check_and_build(d, replace, &newsgraph::mentions::names::common_word)?;
    let errors: Vec<&lexicon::Problem> = checked.errors().collect();
    if let Some(first) = errors.first() {
        let more = match errors.len() {
            1 => String::new(),
            n => format!(
                " (and {} more: newsgraph lexicon check {})",
                n - 1,
                d.display()
            ),
        };
        bail!("{first}{more}");
    }
    let warnings = checked.warnings().map(|w| w.to_string()).collect();
    let lex = checked
        .lexicon
        .ok_or_else(|| anyhow!("{}: the lexicon did not compile", d.display()))?;
    Ok((std::borrow::Cow::Owned(lex), warnings))
}

/// The article files read from directories and patterns, for messages.
pub(crate) const ARTICLE_FILES: &str = ".txt, .md, .jsonl or .ndjson";

/// What `build` was asked to do besides its inputs and output.
pub(crate) struct BuildOptions {
    pub(crate) lexicon: Option<PathBuf>,
    pub(crate) replace: bool,
    pub(crate) date: Option<String>,
    pub(crate) read: input::ReadOptions,
    pub(crate) verbose: bool,
    pub(crate) into: Option<PathBuf>,
    pub(crate) threads: Option<usize>,
    pub(crate) quiet: bool,
}

pub(crate) fn build(inputs: &[PathBuf], mut out: Output, o: BuildOptions) -> anyhow::Result<u8> {
    // the lexicon compiles (~60 ms) while the inputs are listed and the
    // --into graph is loaded
    let (lexicon_dir, replace) = (o.lexicon.clone(), o.replace);
    let lexicon = std::thread::spawn(move || load_lexicon(lexicon_dir.as_deref(), replace));
    let corpus = input::Corpus::open(inputs, o.read)?;
    for w in corpus.warnings() {
        report::warning(&w.to_string());
    }
    if o.verbose {
        for f in corpus.not_read() {
            report::note(&format!(
                "{}: not read (not an article file: {})",
                f.display(),
                ARTICLE_FILES
            ));
        }
    }
    refuse_overwrite(out.path.as_deref(), corpus.files())?;
    let mut _lock = None;
    if let Some(into) = &o.into {
        refuse_overwrite(Some(into), corpus.files())?;
        if out.path.is_none() {
            out.path = Some(into.clone());
            if !out.format_given {
                out.format = choose_format(None, Some(into))?;
            }
        }
        if out.path.as_deref() == Some(into.as_path()) {
            // two runs adding to one graph take turns, or one would lose
            // the other's articles (issue 17)
            _lock = Some(output::lock(into, || {
                report::note(&format!(
                    "{}: another newsgraph run is adding to this graph; waiting for it",
                    into.display()
                ))
            })?);
        }
    }
    let graph = match &o.into {
        Some(path) if path.exists() => KnowledgeGraph::load(path)?,
        _ => KnowledgeGraph::new(),
    };
    let (lex, lexicon_warnings) = lexicon
        .join()
        .map_err(|_| anyhow!("compiling the lexicon failed"))??;
    for w in &lexicon_warnings {
        report::warning(w);
    }
    let progress = progress_bar(corpus.total_bytes(), o.quiet);
    // --since and --until choose the articles read, by their date; the
    // graph added to (--into) keeps what it holds (issue 18)
    let mut extractor = Extractor::new(&lex)
        .window(out.filter.since.take(), out.filter.until.take())
        .into_graph(graph);
    if let Some(n) = o.threads {
        extractor = extractor.threads(n);
    }
    if let Some(date) = &o.date {
        extractor = extractor.date(date.clone());
    }
    let (graph, built) = extractor.read(
        &corpus,
        |added, bytes| {
            progress.inc(bytes);
            progress.set_message(format!("{added} articles"));
        },
        |w| progress.suspend(|| report::warning(&w.to_string())),
    )?;
    progress.finish_and_clear();
    let (summary, added, outside) = (built.summary, built.added, built.outside);
    if o.verbose && !summary.unknown_fields.is_empty() {
        let fields: Vec<String> = summary
            .unknown_fields
            .iter()
            .map(|(name, at)| format!("{name} (first in {at})"))
            .collect();
        report::note(&format!(
            "JSON Lines fields newsgraph does not read, ignored: {}",
            fields.join(", ")
        ));
    }
    let not_read = corpus.not_read().len();
    let not_read_note = format!(
        "{not_read} file(s) not read (not {ARTICLE_FILES}{})",
        if o.verbose {
            ""
        } else {
            "; --verbose names them"
        }
    );
    let problems = summary.skipped_files + summary.bad_records + not_read;
    if summary.articles == summary.blank_articles {
        // issue 17: an empty feed, or one whose every record was skipped,
        // is "nothing found" (exit 1), not an empty graph and success
        let mut why = vec![if summary.articles == 0 {
            "no article read".to_string()
        } else {
            format!("{} article(s) read, all blank", summary.articles)
        }];
        if summary.skipped_files > 0 {
            why.push(format!("{} file(s) skipped", summary.skipped_files));
        }
        if summary.bad_records > 0 {
            why.push(format!("{} bad record(s) skipped", summary.bad_records));
        }
        if not_read > 0 {
            why.push(not_read_note);
        }
        report::note(&format!(
            "no article text in the input ({}); nothing written",
            why.join(", ")
        ));
        return Ok(exit::NO_RESULT);
    }
    if outside > 0 {
        report::note(&format!(
            "{outside} article(s) left out: dated outside --since/--until, or undated"
        ));
    }
    let already = summary.articles.saturating_sub(added + outside);
    if !o.quiet && (problems > 0 || summary.articles > 1 || already > 0) {
        let mut line = format!("{} article(s) read", summary.articles);
        if already > 0 {
            line.push_str(&format!(" ({already} already in the graph)"));
        }
        if summary.skipped_files > 0 {
            line.push_str(&format!(", {} file(s) skipped", summary.skipped_files));
        }
        if summary.bad_records > 0 {
            line.push_str(&format!(", {} bad record(s) skipped", summary.bad_records));
        }
        if not_read > 0 {
            line.push_str(&format!(", {not_read_note}"));
        }
        report::note(&format!(
            "{line}; {} entities, {} relations",
            graph.entity_count(),
            graph.relation_count()
        ));
    }
    write_output(&graph, &out)
}

/// A progress bar on standard error: hidden when it is not a terminal, or
/// with --quiet.
pub(crate) fn progress_bar(total: u64, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    let style = indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// Never write a graph over one of its own inputs.
pub(crate) fn refuse_overwrite(output: Option<&Path>, inputs: &[PathBuf]) -> anyhow::Result<()> {
    if let Some(out) = output {
        if let Ok(target) = out.canonicalize() {
            if inputs
                .iter()
                .any(|f| f.canonicalize().is_ok_and(|c| c == target))
            {
                bail!(
                    "{}: is one of the inputs; choose another output file",
                    out.display()
                );
            }
        }
    }
    Ok(())
}
