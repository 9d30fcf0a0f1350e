//! The `newsgraph` command line: parses arguments, calls the library, prints.

use anyhow::{anyhow, bail, Context};
use clap::{Parser, Subcommand};
use newsgraph::export::{self, Format};
use newsgraph::{input, lexicon, pipeline, KnowledgeGraph, Lexicon, LexiconBuilder};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit statuses: 0 success, 1 no result (a query that found nothing),
/// 2 usage or input errors.
mod exit {
    pub const SUCCESS: u8 = 0;
    pub const ERROR: u8 = 2;
}

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Build a typed knowledge graph of who did what to whom from news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and build a graph
    #[command(
        after_help = "Examples:\n  newsgraph build data/articles/seed.txt                # RON on standard output\n  newsgraph build data/articles -o graph.json           # every article under a directory\n  newsgraph build article.txt --format dot | dot -Tsvg > graph.svg\n  cat article.txt | newsgraph build - -o graph.ron"
    )]
    Build {
        /// Article files, directories (read recursively) or - for standard input
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output file (written atomically); standard output when absent
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Output format: ron, dot or json (default: from the extension of -o, else ron)
        #[arg(short, long)]
        format: Option<String>,
        /// A directory of *.ron lexicon files that extends the built-in lexicon
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Use only the --lexicon directory, not the built-in lexicon
        #[arg(long, requires = "lexicon")]
        no_default_lexicon: bool,
        /// The articles' date (ISO 8601), kept in the evidence
        #[arg(long)]
        date: Option<String>,
    },
    /// Check lexicon files
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Validate every *.ron file of a directory: syntax (file:line:col), types, clashing names
    #[command(after_help = "Example:\n  newsgraph lexicon check my-lexicon/")]
    Check {
        /// Directory of *.ron files
        dir: PathBuf,
        /// Check the directory alone, not together with the built-in lexicon
        #[arg(long)]
        no_default_lexicon: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(exit::SUCCESS);
            }
            eprintln!("newsgraph: error: {e:#}");
            ExitCode::from(exit::ERROR)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Build {
            inputs,
            output,
            format,
            lexicon,
            no_default_lexicon,
            date,
        } => build(
            &inputs,
            output.as_deref(),
            format.as_deref(),
            lexicon.as_deref(),
            no_default_lexicon,
            date,
        ),
        Command::Lexicon {
            command:
                LexiconCommand::Check {
                    dir,
                    no_default_lexicon,
                },
        } => lexicon_check(&dir, no_default_lexicon),
    }
}

/// The format from the flag, else from the extension of the output, else RON.
fn choose_format(flag: Option<&str>, output: Option<&Path>) -> anyhow::Result<Format> {
    if let Some(name) = flag {
        return Format::parse(name)
            .ok_or_else(|| anyhow!("unknown format '{name}' (expected one of: ron, dot, json)"));
    }
    Ok(output.and_then(Format::from_path).unwrap_or(Format::Ron))
}

fn load_lexicon(
    dir: Option<&Path>,
    replace: bool,
) -> anyhow::Result<std::borrow::Cow<'static, Lexicon>> {
    match dir {
        None => Ok(std::borrow::Cow::Borrowed(Lexicon::embedded())),
        Some(d) => {
            let mut b = if replace {
                LexiconBuilder::new()
            } else {
                LexiconBuilder::with_defaults()
            };
            b.add_dir(d)?;
            Ok(std::borrow::Cow::Owned(b.build()?))
        }
    }
}

fn build(
    inputs: &[PathBuf],
    output: Option<&Path>,
    format: Option<&str>,
    lexicon: Option<&Path>,
    replace: bool,
    date: Option<String>,
) -> anyhow::Result<u8> {
    let format = choose_format(format, output)?;
    let lex = load_lexicon(lexicon, replace)?;
    let mut files = Vec::new();
    for i in inputs {
        files.extend(input::expand(i)?);
    }
    if let Some(out) = output {
        // never write the graph over one of its own articles
        if let Ok(target) = out.canonicalize() {
            if files
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
    let mut articles = Vec::with_capacity(files.len());
    for f in &files {
        let mut a = input::read_article(f)?;
        a.date = date.clone();
        articles.push(a);
    }
    let graph = pipeline::extract_all(&articles, &lex);
    write_output(&graph, format, output)
}

fn write_output(
    graph: &KnowledgeGraph,
    format: Format,
    output: Option<&Path>,
) -> anyhow::Result<u8> {
    let text = export::render(graph, format);
    match output {
        Some(path) => export::write_atomic(path, text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .context("writing to standard output")?;
            out.flush().context("writing to standard output")?;
        }
    }
    Ok(exit::SUCCESS)
}

fn lexicon_check(dir: &Path, replace: bool) -> anyhow::Result<u8> {
    let problems = lexicon::check_dir(dir, replace)?;
    if problems.is_empty() {
        println!("{}: ok", dir.display());
        return Ok(exit::SUCCESS);
    }
    for p in &problems {
        eprintln!("{p}");
    }
    bail!("{} problem(s) in {}", problems.len(), dir.display())
}
