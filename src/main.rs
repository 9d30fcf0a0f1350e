//! The `newsgraph` command line: parses arguments, calls the library, prints.

use anyhow::{anyhow, bail, Context};
use clap::{CommandFactory, Parser, Subcommand};
use newsgraph::formats::render;
use newsgraph::formats::{self, DrawOptions, Format};
use newsgraph::graph::explore::{self, Way};
use newsgraph::graph::pipeline;
use newsgraph::graph::query::{self, Query};
use newsgraph::output;
use newsgraph::text::dates::Date;
use newsgraph::text::input;
use newsgraph::{lexicon, EntityKind, Filter, KnowledgeGraph, Lexicon};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// mimalloc: graphs are millions of small strings; with it, building a
// million-edge graph from its parsed form takes 0.40 s instead of 0.62 s with
// the system allocator (benches/query.rs, measured side by side).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit statuses: 0 success, 1 no result (a query that found nothing),
/// 2 usage or input errors.
mod exit {
    pub const SUCCESS: u8 = 0;
    pub const NO_RESULT: u8 = 1;
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
        #[command(flatten)]
        out: OutputArgs,
        /// A directory of *.ron lexicon files that extends the built-in lexicon
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Use only the --lexicon directory, not the built-in lexicon
        #[arg(long, requires = "lexicon")]
        no_default_lexicon: bool,
        /// The articles' date (ISO 8601), kept in the evidence
        #[arg(long)]
        date: Option<String>,
        /// Treat invalid UTF-8 and binary files as errors (default: warn, repair or skip)
        #[arg(long)]
        strict: bool,
        /// How inputs are read: auto (JSON Lines for .jsonl/.ndjson files and for standard input whose first line is a record), text or jsonl
        #[arg(long, value_name = "FORMAT", default_value = "auto", value_parser = ["auto", "text", "jsonl"])]
        input_format: String,
        /// Also list what was ignored: JSON Lines fields newsgraph does not read, files skipped
        #[arg(short, long)]
        verbose: bool,
        /// Add the articles to this graph (articles it already holds are skipped); written back unless -o is given
        #[arg(long)]
        into: Option<PathBuf>,
        /// Worker threads (default: one per core); the graph is the same for any number
        #[arg(long)]
        threads: Option<usize>,
        /// No progress bar and no summary on standard error (warnings are still shown)
        #[arg(short, long)]
        quiet: bool,
    },
    /// Split text into sentences and words, tag and parse it (CoNLL-U, or JSON)
    #[command(
        after_help = "Examples:\n  newsgraph parse 'Iran-backed militias attacked U.S. troops.'\n  newsgraph parse article.txt --json --threads 4\n  newsgraph parse --eval ../shared/ud/ewt-test.conllu           # UPOS, XPOS, UAS, LAS\n  newsgraph parse --eval ../shared/ud/ewt-test.conllu --raw     # from the raw text, with segmentation F1"
    )]
    Parse {
        /// Text, a file, or - for standard input
        #[arg(required_unless_present = "eval")]
        input: Option<String>,
        /// One JSON object per sentence instead of CoNLL-U (with --eval: the scores as JSON on the last line)
        #[arg(long)]
        json: bool,
        /// Measure accuracy on a gold CoNLL-U file: its words and sentences are kept, the rest predicted
        #[arg(long, value_name = "GOLD.conllu", conflicts_with = "input")]
        eval: Option<PathBuf>,
        /// With --eval: parse the gold file's '# text' lines from scratch and score segmentation too
        #[arg(long, requires = "eval")]
        raw: bool,
        /// Worker threads (default: one per core); the output is the same for any number
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Find person, place and organization names (the lexicon's and the name tagger's)
    #[command(
        after_help = "Examples:\n  newsgraph ner 'Gen. Ali Kassem of the Marawi Brigade spoke in Davao.'\n  newsgraph ner --eval ../shared/ud/gum-test.conllu --json   # typed exact-span P, R, F1"
    )]
    Ner {
        /// Text, a file, or - for standard input
        #[arg(required_unless_present = "eval")]
        input: Option<String>,
        /// Print JSON (one object per name; with --eval the scores on the last line)
        #[arg(long)]
        json: bool,
        /// Measure the name tagger on a GUM CoNLL-U file (names as ../shared/ud/gum_names.py defines them)
        #[arg(long, value_name = "GOLD.conllu", conflicts_with = "input")]
        eval: Option<PathBuf>,
    },
    /// Show how an article is read: mentions, parse, every relation with its frame and mode, and every candidate dropped with why
    #[command(
        after_help = "Examples:\n  newsgraph explain 'If Iran attacks Israel, the U.S. would respond.'\n  newsgraph explain data/articles/seed.txt"
    )]
    Explain {
        /// Text, a file, or - for standard input
        input: String,
    },
    /// Merge graphs into one (the same article in several graphs counts once)
    #[command(after_help = "Example:\n  newsgraph merge shard-*.ron -o all.ron")]
    Merge {
        /// Graphs newsgraph wrote (RON, JSON, GraphML or CSV directories)
        #[arg(required = true)]
        graphs: Vec<PathBuf>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Write a graph file in another format, or a part of it
    #[command(
        after_help = "Examples:\n  newsgraph export graphs/seed.ron -o seed.html                    # interactive page, opens offline\n  newsgraph export graphs/seed.ron --format graphml -o seed.graphml\n  newsgraph export graphs/seed.ron --format csv -o neo4j/          # nodes.csv, relationships.csv\n  newsgraph export graphs/seed.ron --format mermaid --focus Hezbollah --depth 1\n  newsgraph export graphs/seed.json --format dot --type backs,attacked --rankdir TB | dot -Tsvg > g.svg"
    )]
    Export {
        /// A graph newsgraph wrote: RON, JSON, GraphML, or a CSV directory
        graph: PathBuf,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Answer triple patterns: ?x backs ?m . ?m:militia attacked "United States"
    #[command(
        after_help = "Patterns are joined by '.'; a term is a variable (?x, ?m:militia), an entity (id, label\n\
or alias, quoted when it has spaces or dots) or, in the middle, a relation type,\n\
alternatives (attacked|killed) or a variable.\n\n\
Exit status: 0 with results, 1 when nothing matches (an empty table is printed), 2 on errors.\n\n\
Examples:\n  newsgraph query graphs/seed.ron '?s backs ?m . ?m:militia attacked \"United States\"'\n  newsgraph query graphs/seed.ron 'Iran ?r ?x' --json\n  newsgraph query graphs/seed.ron '?x attacked|killed ?y' --csv"
    )]
    Query {
        /// A graph newsgraph wrote (RON, JSON, GraphML or a CSV directory)
        graph: PathBuf,
        /// The query
        pattern: String,
        /// Print JSON instead of a table
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV instead of a table
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        edges: EdgeArgs,
    },
    /// An entity's card: kind, aliases, mentions, relations with their evidence
    #[command(after_help = "Example:\n  newsgraph show graphs/seed.ron Hezbollah")]
    Show {
        /// A graph newsgraph wrote
        graph: PathBuf,
        /// The entity: id, label or alias (case-insensitive)
        entity: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        edges: EdgeArgs,
    },
    /// The relations of an entity and the entities at their other end
    #[command(
        after_help = "Examples:\n  newsgraph neighbors graphs/seed.ron Iran\n  newsgraph neighbors graphs/seed.ron hezbollah --direction in --type backs"
    )]
    Neighbors {
        /// A graph newsgraph wrote
        graph: PathBuf,
        /// The entity: id, label or alias (case-insensitive)
        entity: String,
        /// Only these relation types (comma-separated)
        #[arg(long = "type", value_delimiter = ',', value_parser = Names::relation_types(), hide_possible_values = true)]
        types: Vec<String>,
        /// out (the entity is the source), in (the target) or both
        #[arg(long, default_value = "both", value_parser = ["out", "in", "both"])]
        direction: String,
        /// Print JSON instead of a table
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV instead of a table
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        edges: EdgeArgs,
    },
    /// The shortest chains of relations between two entities (either direction)
    #[command(
        after_help = "Exit status: 1 when no chain of at most --max relations exists.\n\nExample:\n  newsgraph path graphs/seed.ron Blinken Hezbollah"
    )]
    Path {
        /// A graph newsgraph wrote
        graph: PathBuf,
        /// Where the chain starts
        from: String,
        /// Where it ends
        to: String,
        /// The longest chain to look for, in relations
        #[arg(long, default_value_t = 6)]
        max: usize,
        /// How many chains to show at most
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        edges: EdgeArgs,
    },
    /// What changed between two graphs: entities and relations added, removed, changed in weight
    #[command(
        after_help = "Exit status: 0 when the graphs differ, 1 when they hold the same entities and relations
(nothing found, as for query), 2 on errors.

Examples:
  newsgraph diff last-week.ron this-week.ron
  newsgraph diff old.ron new.ron --json --min-articles 2
  newsgraph diff old.ron new.ron --html changes.html   # the graph coloured by change
  newsgraph export year.ron -o q1.ron --until 2024-03-31 && newsgraph export year.ron -o q2.ron --since 2024-04-01 --until 2024-06-30 && newsgraph diff q1.ron q2.ron"
    )]
    Diff {
        /// The old graph
        old: PathBuf,
        /// The new graph
        new: PathBuf,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Also write an interactive page of both graphs, coloured by change (added, removed, changed)
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        #[command(flatten)]
        edges: EdgeArgs,
    },
    /// The entity kinds and relation types, what each means, and how many a graph has
    #[command(after_help = "Examples:
  newsgraph types                     # the built-in lexicon's types
  newsgraph types graphs/seed.ron     # with the graph's counts
  newsgraph types graphs/seed.ron --json")]
    Types {
        /// A graph newsgraph wrote, to count its entities and relations
        graph: Option<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Make a name another name of an entity (merging the entity of that name into it), and record it for later builds
    #[command(
        after_help = "The graph is written back in its own format (or to -o), and the entity is recorded in
--lexicon DIR/entities.ron, which later builds apply with --lexicon DIR.

Examples:
  newsgraph alias graph.ron 'Antony J. Blinken' 'Antony Blinken'
  newsgraph build news/ -o graph.ron --lexicon newsgraph-lexicon"
    )]
    Alias {
        /// A graph newsgraph wrote (RON, JSON, GraphML or a CSV directory)
        graph: PathBuf,
        /// The other name (an entity of the graph is merged into ENTITY)
        name: String,
        /// The entity it names: id, label or alias
        entity: String,
        #[command(flatten)]
        cleanup: CleanupArgs,
    },
    /// Give an entity a new label (the old one becomes an alias; its id stays), and record it for later builds
    #[command(after_help = "Example:
  newsgraph rename graph.ron 'Iran-backed militias' 'Iran-aligned militias in Iraq'")]
    Rename {
        /// A graph newsgraph wrote (RON, JSON, GraphML or a CSV directory)
        graph: PathBuf,
        /// The entity: id, label or alias
        entity: String,
        /// Its new label
        label: String,
        #[command(flatten)]
        cleanup: CleanupArgs,
    },
    /// Counts by entity kind and relation type, top entities by degree, documents
    #[command(after_help = "Example:\n  newsgraph stats graphs/seed.ron")]
    Stats {
        /// A graph newsgraph wrote
        graph: PathBuf,
        /// How many top entities to list
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Check lexicon files
    #[command(after_help = "Example:\n  newsgraph lexicon check my-lexicon/")]
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  newsgraph completions bash > ~/.local/share/bash-completion/completions/newsgraph\n  newsgraph completions zsh > ~/.zfunc/_newsgraph\n  newsgraph completions fish > ~/.config/fish/completions/newsgraph.fish"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per subcommand into a directory
    #[command(
        after_help = "Examples:\n  newsgraph man | man -l -\n  newsgraph man -o ~/.local/share/man/man1      # newsgraph.1, newsgraph-build.1, ..."
    )]
    Man {
        /// Write newsgraph.1 and a page per subcommand into this directory
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// A flag's value from a known list (case-insensitive), which completions
/// offer as values, not file names (issue 17). `open` lists accept other
/// values too (relation types: a lexicon can declare its own).
#[derive(Clone)]
struct Names {
    what: &'static str,
    names: fn() -> Vec<&'static str>,
    open: bool,
}

impl Names {
    fn formats() -> Names {
        Names {
            what: "format",
            names: || Format::ALL.iter().map(|(_, n)| *n).collect(),
            open: false,
        }
    }

    fn kinds() -> Names {
        Names {
            what: "entity kind",
            names: || EntityKind::ALL.iter().map(|k| k.as_str()).collect(),
            open: false,
        }
    }

    fn relation_types() -> Names {
        Names {
            what: "relation type",
            names: || {
                Lexicon::embedded()
                    .relation_types()
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect()
            },
            open: true,
        }
    }
}

impl clap::builder::TypedValueParser for Names {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        use clap::error::ErrorKind;
        let Some(v) = value.to_str() else {
            return Err(clap::Error::raw(
                ErrorKind::InvalidUtf8,
                format!("{} names are UTF-8\n", self.what),
            )
            .with_cmd(cmd));
        };
        if self.open || v.is_empty() {
            return Ok(v.to_string());
        }
        let names = (self.names)();
        match names.iter().find(|n| n.eq_ignore_ascii_case(v)) {
            Some(n) => Ok(n.to_string()),
            None => Err(clap::Error::raw(
                ErrorKind::InvalidValue,
                format!(
                    "unknown {} '{v}' (expected one of: {})\n",
                    self.what,
                    names.join(", ")
                ),
            )
            .with_cmd(cmd)),
        }
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.names)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// Output and subgraph flags, shared by `build` and `export`.
#[derive(clap::Args)]
struct OutputArgs {
    /// Output file (written atomically; a directory for csv); standard output when absent
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format: ron, dot, json, graphml, csv, mermaid or html (default: from the extension of -o, else ron)
    #[arg(short, long, value_parser = Names::formats(), hide_possible_values = true)]
    format: Option<String>,
    /// Keep only the neighbourhood of this entity (id, label or alias)
    #[arg(long)]
    focus: Option<String>,
    /// With --focus: how many relations away to go
    #[arg(long, default_value_t = 1, requires = "focus")]
    depth: usize,
    /// Keep only these relation types (comma-separated: backs,attacked)
    #[arg(long = "type", value_delimiter = ',', value_parser = Names::relation_types(), hide_possible_values = true)]
    types: Vec<String>,
    /// Keep only these entity kinds (comma-separated: person,state,militia,organization,place)
    #[arg(long = "kind", value_delimiter = ',', value_parser = Names::kinds(), hide_possible_values = true)]
    kinds: Vec<String>,
    #[command(flatten)]
    edges: EdgeArgs,
    /// Leave out entities without any relation (after the other filters)
    #[arg(long)]
    drop_isolated: bool,
    /// Keep only entities with at least this many relations (after the other filters)
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_degree: usize,
    /// DOT layout direction: LR, TB, RL or BT
    #[arg(long, default_value = "LR", value_parser = ["LR", "TB", "RL", "BT"])]
    rankdir: String,
}

/// Which statements and relations count (issue 18): shared by `build`,
/// `export`, `merge`, `query`, `show`, `neighbors` and `path`.
#[derive(clap::Args)]
struct EdgeArgs {
    /// Keep only relations with at least this many statements
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_weight: usize,
    /// Keep only relations stated in at least this many articles
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_articles: usize,
    /// Keep only statements made in these modes (comma-separated: stated, reported)
    #[arg(long = "mode", value_name = "MODE", value_delimiter = ',', value_parser = ["stated", "reported"])]
    modes: Vec<String>,
    /// Keep only statements of this day or later (YYYY-MM-DD; the article's date, else the event's)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Keep only statements of this day or earlier (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
}

impl EdgeArgs {
    /// The relation filter these flags ask for.
    fn filter(self) -> anyhow::Result<Filter> {
        let since = self
            .since
            .as_deref()
            .map(|d| parse_date("--since", d))
            .transpose()?;
        let until = self
            .until
            .as_deref()
            .map(|d| parse_date("--until", d))
            .transpose()?;
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                bail!("--since {s} is after --until {u}: nothing could be kept");
            }
        }
        Ok(Filter {
            min_weight: self.min_weight,
            min_articles: self.min_articles,
            modes: self.modes,
            since,
            until,
            ..Filter::default()
        })
    }
}

/// Loads a graph and keeps the relations `edges` asks for, with every entity.
fn load_filtered(path: &Path, edges: EdgeArgs) -> anyhow::Result<KnowledgeGraph> {
    let filter = edges.filter()?;
    let g = KnowledgeGraph::load(path)?;
    if filter.is_empty() {
        return Ok(g);
    }
    Ok(filter.relations_only(&g)?)
}

/// Where `alias` and `rename` write (issue 18).
#[derive(clap::Args)]
struct CleanupArgs {
    /// The user lexicon directory the change is recorded in (DIR/entities.ron)
    #[arg(long, value_name = "DIR", default_value = "newsgraph-lexicon")]
    lexicon: PathBuf,
    /// Write the changed graph here instead of over GRAPH (the format follows the extension)
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// `alias` and `rename`: records the entity in the user lexicon, then
/// writes the graph back (or to -o).
fn cleanup(
    path: &Path,
    args: CleanupArgs,
    change: impl FnOnce(&KnowledgeGraph) -> newsgraph::Result<newsgraph::graph::cleanup::Cleaned>,
) -> anyhow::Result<u8> {
    let (target, format) = match &args.output {
        Some(out) => (out.clone(), choose_format(None, Some(out))?),
        None => (path.to_path_buf(), Format::of_graph_file(path)?),
    };
    let _lock = output::lock(&target, || {
        report::note(&format!(
            "{}: another newsgraph run is writing this graph; waiting for it",
            target.display()
        ))
    })?;
    let graph = KnowledgeGraph::load(path)?;
    let done = change(&graph)?;
    let file = newsgraph::graph::cleanup::record(&args.lexicon, &done.entity)?;
    formats::write(&done.graph, format, &DrawOptions::default(), &target)?;
    let what = match &done.merged {
        Some(m) => format!(
            "'{}' ({}) merged into '{}'",
            m.label, m.id, done.entity.label
        ),
        None => format!(
            "'{}' ({}) has the names {}",
            done.entity.label,
            done.entity.id,
            std::iter::once(&done.entity.label)
                .chain(&done.entity.aliases)
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    report::note(&format!(
        "{what}; {} written; recorded in {} (build with --lexicon {} to apply it)",
        target.display(),
        file.display(),
        args.lexicon.display()
    ));
    Ok(exit::SUCCESS)
}

/// The validated form of [`OutputArgs`].
struct Output {
    path: Option<PathBuf>,
    format: Format,
    /// `--format` was given (the format does not come from a file name).
    format_given: bool,
    filter: Filter,
    draw: DrawOptions,
}

impl OutputArgs {
    fn validate(self) -> anyhow::Result<Output> {
        let format = choose_format(self.format.as_deref(), self.output.as_deref())?;
        let mut kinds = Vec::new();
        for k in &self.kinds {
            kinds.push(EntityKind::parse(k).ok_or_else(|| anyhow!("unknown entity kind '{k}' (expected person, state, militia, organization or place)"))?);
        }
        Ok(Output {
            path: self.output,
            format,
            format_given: self.format.is_some(),
            filter: Filter {
                depth: self.focus.as_ref().map(|_| self.depth),
                focus: self.focus,
                types: self.types.into_iter().filter(|t| !t.is_empty()).collect(),
                kinds,
                min_degree: self.min_degree.max(usize::from(self.drop_isolated)),
                ..self.edges.filter()?
            },
            draw: DrawOptions {
                rankdir: self.rankdir,
            },
        })
    }
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
    // NO_COLOR (https://no-color.org) turns colour off, whatever else is set
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        anstream::ColorChoice::Never.write_global();
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(exit::SUCCESS);
            }
            report::error(&describe(&e));
            ExitCode::from(exit::ERROR)
        }
    }
}

/// The error and its causes, joined by ": ", leaving out the I/O error
/// under one of the library's errors (whose message already says it).
fn describe(e: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    let mut under_ours = false;
    for cause in e.chain() {
        if under_ours && cause.downcast_ref::<std::io::Error>().is_some() {
            continue;
        }
        under_ours = cause.downcast_ref::<newsgraph::error::Error>().is_some();
        parts.push(cause.to_string());
    }
    parts.join(": ")
}

/// `--help` and `--version` print and succeed; argument errors take the
/// style of every other error, with clap's usage hint after it.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        let code = if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            exit::ERROR
        } else {
            exit::SUCCESS
        };
        return ExitCode::from(code);
    }
    let text = e.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    report::error(text.trim_end());
    ExitCode::from(exit::ERROR)
}

/// Messages on standard error, in one style: `newsgraph: error: ...`,
/// `newsgraph: warning: ...`, `newsgraph: ...`. "error" and "warning" are
/// coloured when standard error is a terminal, never with `NO_COLOR` set
/// (anstream decides: NO_COLOR, CLICOLOR, CLICOLOR_FORCE, the terminal).
mod report {
    use anstyle::{AnsiColor, Style};

    const ERROR: Style = AnsiColor::Red.on_default().bold();
    const WARNING: Style = AnsiColor::Yellow.on_default().bold();

    pub fn error(message: &str) {
        anstream::eprintln!("newsgraph: {ERROR}error:{ERROR:#} {message}");
    }

    pub fn warning(message: &str) {
        anstream::eprintln!("newsgraph: {WARNING}warning:{WARNING:#} {message}");
    }

    pub fn note(message: &str) {
        anstream::eprintln!("newsgraph: {message}");
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
            out,
            lexicon,
            no_default_lexicon,
            date,
            strict,
            input_format,
            verbose,
            into,
            threads,
            quiet,
        } => {
            if let Some(d) = &date {
                check_date(d)?;
            }
            let opts = BuildOptions {
                lexicon,
                replace: no_default_lexicon,
                date,
                read: input::ReadOptions {
                    strict,
                    format: input::InputFormat::parse(&input_format).unwrap_or_default(),
                },
                verbose,
                into,
                threads,
                quiet,
            };
            build(&inputs, out.validate()?, opts)
        }
        Command::Parse {
            input,
            json,
            eval,
            raw,
            threads,
        } => parse(input.as_deref(), eval.as_deref(), json, raw, threads),
        Command::Ner { input, json, eval } => ner(input.as_deref(), eval.as_deref(), json),
        Command::Explain { input } => {
            let text = read_text_arg(&input)?;
            let model = newsgraph::syntax::Model::builtin().map_err(|e| anyhow!(e))?;
            let lex = Lexicon::embedded();
            print(&pipeline::explain(
                &text,
                lex,
                &pipeline::annotator(model, lex),
            ))
        }
        Command::Merge { graphs, out } => merge(&graphs, out.validate()?),
        Command::Export { graph, out } => export_graph(&graph, out.validate()?),
        Command::Query {
            graph,
            pattern,
            json,
            csv,
            edges,
        } => run_query(&graph, &pattern, json, csv, edges),
        Command::Show {
            graph,
            entity,
            json,
            edges,
        } => {
            let g = load_filtered(&graph, edges)?;
            let e = explore::entity(&g, &entity)?;
            let list = explore::neighbors(&g, e, &[], Way::Both);
            print(&if json {
                render::card_json(e, &list)
            } else {
                render::card(e, &list)
            })
        }
        Command::Neighbors {
            graph,
            entity,
            types,
            direction,
            json,
            csv,
            edges,
        } => {
            let g = load_filtered(&graph, edges)?;
            let e = explore::entity(&g, &entity)?;
            check_types(&g, &types)?;
            let way = Way::parse(&direction).unwrap_or(Way::Both);
            let list = explore::neighbors(&g, e, &types, way);
            let table = render::neighbors_table(&list);
            print(&if json {
                render::neighbors_json(&list)
            } else if csv {
                table.to_csv()
            } else {
                table.to_text()
            })?;
            Ok(if list.is_empty() {
                exit::NO_RESULT
            } else {
                exit::SUCCESS
            })
        }
        Command::Path {
            graph,
            from,
            to,
            max,
            limit,
            json,
            edges,
        } => {
            let g = load_filtered(&graph, edges)?;
            let a = explore::entity(&g, &from)?;
            let b = explore::entity(&g, &to)?;
            let chains = explore::shortest_chains(&g, a, b, max, limit);
            print(&if json {
                render::chains_json(&chains)
            } else {
                render::chains_text(&g, a, &chains)
            })?;
            if chains.is_empty() && !json {
                report::note(&format!(
                    "no chain of at most {max} relations between '{}' and '{}'",
                    a.label, b.label
                ));
            }
            Ok(if chains.is_empty() {
                exit::NO_RESULT
            } else {
                exit::SUCCESS
            })
        }
        Command::Diff {
            old,
            new,
            json,
            html,
            edges,
        } => {
            let filter = edges.filter()?;
            let a = filter.relations_only(&KnowledgeGraph::load(&old)?)?;
            let b = filter.relations_only(&KnowledgeGraph::load(&new)?)?;
            let d = newsgraph::graph::diff::diff(&a, &b);
            if let Some(path) = html {
                let (o, n) = (old.display().to_string(), new.display().to_string());
                output::write_atomic(&path, d.to_html(&a, &b, &o, &n).as_bytes())?;
            }
            print(&if json { d.to_json() } else { d.to_text(&a, &b) })?;
            Ok(if d.is_empty() {
                exit::NO_RESULT
            } else {
                exit::SUCCESS
            })
        }
        Command::Alias {
            graph,
            name,
            entity,
            cleanup: args,
        } => cleanup(&graph, args, |g| {
            newsgraph::graph::cleanup::alias(g, &name, &entity)
        }),
        Command::Rename {
            graph,
            entity,
            label,
            cleanup: args,
        } => cleanup(&graph, args, |g| {
            newsgraph::graph::cleanup::rename(g, &entity, &label)
        }),
        Command::Types { graph, json } => {
            let g = graph.as_deref().map(KnowledgeGraph::load).transpose()?;
            let c = newsgraph::graph::types::catalog(g.as_ref(), Lexicon::embedded());
            print(&if json { c.to_json() } else { c.to_text() })
        }
        Command::Stats { graph, top, json } => {
            let g = KnowledgeGraph::load(&graph)?;
            let s = explore::stats(&g, top);
            print(&if json {
                render::stats_json(&s)
            } else {
                render::stats_text(&s)
            })
        }
        Command::Lexicon {
            command:
                LexiconCommand::Check {
                    dir,
                    no_default_lexicon,
                },
        } => lexicon_check(&dir, no_default_lexicon),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "newsgraph", &mut script);
            print(&String::from_utf8_lossy(&script))
        }
        Command::Man { output } => man(output.as_deref()),
    }
}

/// The manual page on standard output, or every page into `dir`.
fn man(dir: Option<&Path>) -> anyhow::Result<u8> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
        let page = String::from_utf8_lossy(&page).into_owned();
        // the one page gives every subcommand with each of its options and
        // their help, not one line per subcommand (issue 17)
        let mut commands = String::new();
        man_commands(&cmd, "newsgraph", &mut commands);
        let at = page.find(".SH VERSION").unwrap_or(page.len());
        return print(&format!("{}{commands}{}", &page[..at], &page[at..]));
    };
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut pending = vec![cmd];
    while let Some(cmd) = pending.pop() {
        pending.extend(cmd.get_subcommands().filter(|c| !c.is_hide_set()).cloned());
        let man = clap_mangen::Man::new(cmd);
        let mut page = Vec::new();
        man.render(&mut page)?;
        output::write_atomic(&dir.join(man.get_filename()), &page)?;
    }
    Ok(exit::SUCCESS)
}

/// Text for roff: backslashes and hyphens escaped, no line taken for a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A section per subcommand of `cmd` (recursively): what it does, its
/// synopsis, and each argument and option with its help, possible values
/// and default.
fn man_commands(cmd: &clap::Command, path: &str, out: &mut String) {
    use std::fmt::Write as _;
    for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
        let name = format!("{path} {}", sub.get_name());
        if sub.has_subcommands() {
            man_commands(sub, &name, out);
            continue;
        }
        let _ = writeln!(out, ".SH \"{}\"", roff(&name.to_uppercase()));
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            let _ = writeln!(out, "{}", roff(&about.to_string()));
        }
        let mut synopsis = format!("\\fB{}\\fR [\\fIOPTIONS\\fR]", roff(&name));
        for a in sub.get_positionals() {
            let v = a
                .get_value_names()
                .and_then(|v| v.first())
                .map(|v| v.to_string())
                .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
            let many = a.get_num_args().is_some_and(|n| n.max_values() > 1);
            let dots = if many { "..." } else { "" };
            if a.is_required_set() {
                let _ = write!(synopsis, " <\\fI{}\\fR>{dots}", roff(&v));
            } else {
                let _ = write!(synopsis, " [\\fI{}\\fR]{dots}", roff(&v));
            }
        }
        let _ = writeln!(out, ".PP\n{synopsis}");
        for a in sub.get_arguments() {
            let id = a.get_id().as_str();
            if a.is_hide_set() || id == "help" || id == "version" {
                continue;
            }
            let value = a
                .get_value_names()
                .and_then(|v| v.first())
                .map(|v| v.to_string())
                .unwrap_or_else(|| id.to_uppercase());
            let takes = a.get_num_args().is_some_and(|n| n.takes_values());
            let mut head = Vec::new();
            if let Some(c) = a.get_short() {
                head.push(format!("\\fB\\-{c}\\fR"));
            }
            if let Some(l) = a.get_long() {
                head.push(format!("\\fB\\-\\-{}\\fR", roff(l)));
            }
            let mut line = head.join(", ");
            if a.is_positional() {
                line = format!("<\\fI{}\\fR>", roff(&value));
            } else if takes {
                let _ = write!(line, " <\\fI{}\\fR>", roff(&value));
            }
            let mut help = a
                .get_long_help()
                .or(a.get_help())
                .map(|h| h.to_string())
                .unwrap_or_default();
            let values: Vec<String> = a
                .get_value_parser()
                .possible_values()
                .map(|v| v.map(|p| p.get_name().to_string()).collect())
                .unwrap_or_default();
            if !values.is_empty() && takes {
                let _ = write!(help, " [possible values: {}]", values.join(", "));
            }
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|d| d.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() && takes {
                let _ = write!(help, " [default: {}]", defaults.join(", "));
            }
            let _ = writeln!(out, ".TP\n{line}\n{}", roff(&help));
        }
    }
}

/// The format from the flag, else from the extension of the output, else RON.
/// An unknown extension is an error, not RON under another name (issue 17).
fn choose_format(flag: Option<&str>, output: Option<&Path>) -> anyhow::Result<Format> {
    if let Some(name) = flag {
        return Format::parse(name).ok_or_else(|| {
            anyhow!(
                "unknown format '{name}' (expected one of: {})",
                Format::names()
            )
        });
    }
    let Some(path) = output else {
        return Ok(Format::Ron);
    };
    // a device or a pipe without an extension (`-o /dev/null`, `-o
    // /dev/stdout`) is written into like standard output: RON
    if path.extension().is_none() && is_device_or_pipe(path) {
        return Ok(Format::Ron);
    }
    Format::from_path(path).ok_or_else(|| {
        anyhow!(
            "{}: cannot tell the format from this name (extensions: .ron, .dot, .gv, .json, .graphml, .xml, .mmd, .html, .htm); give --format, one of: {}",
            path.display(),
            Format::names()
        )
    })
}

/// A character device or a FIFO (after links), which `-o` writes into.
#[cfg(unix)]
fn is_device_or_pipe(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path).is_ok_and(|m| {
        let t = m.file_type();
        t.is_char_device() || t.is_fifo()
    })
}

#[cfg(not(unix))]
fn is_device_or_pipe(_: &Path) -> bool {
    false
}

/// `--date`: an ISO 8601 date (`2024-08-06`), a time after it allowed.
fn check_date(date: &str) -> anyhow::Result<()> {
    parse_date("--date", date).map(|_| ())
}

/// A date flag's value: `YYYY-MM-DD`, a time after it allowed.
fn parse_date(flag: &str, date: &str) -> anyhow::Result<Date> {
    Date::parse_strict(date).ok_or_else(|| {
        anyhow!("{flag} '{date}': not a date (YYYY-MM-DD expected, such as 2024-08-06)")
    })
}

/// The lexicon `build` uses: the built-in one, or the --lexicon directory
/// (with the built-in one unless `replace`), checked exactly as `lexicon
/// check` checks it (issue 17); its warnings are returned to be told.
fn load_lexicon(
    dir: Option<&Path>,
    replace: bool,
) -> anyhow::Result<(std::borrow::Cow<'static, Lexicon>, Vec<String>)> {
    let Some(d) = dir else {
        return Ok((std::borrow::Cow::Borrowed(Lexicon::embedded()), Vec::new()));
    };
    let checked = lexicon::check_and_build(d, replace)?;
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

/// The text an argument names: `-` for standard input, a file that exists,
/// or else the argument itself.
fn read_text_arg(input: &str) -> anyhow::Result<String> {
    Ok(if input == "-" {
        let mut t = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut t)
            .context("cannot read standard input")?;
        t
    } else if Path::new(input).is_file() {
        std::fs::read_to_string(input).with_context(|| format!("cannot read {input}"))?
    } else {
        input.to_string()
    })
}

/// `newsgraph ner`: the names of a text, or the name tagger's accuracy.
fn ner(input: Option<&str>, eval: Option<&Path>, json: bool) -> anyhow::Result<u8> {
    use newsgraph::{mentions::names, syntax};
    use rayon::prelude::*;
    let model = syntax::Model::builtin().map_err(|e| anyhow!(e))?;
    let tagger = names::NameTagger::builtin().map_err(|e| anyhow!(e))?;
    let lex = Lexicon::embedded();
    let mut out = String::new();
    if let Some(gold_path) = eval {
        let text = std::fs::read_to_string(gold_path)
            .with_context(|| format!("cannot read {}", gold_path.display()))?;
        let sents = syntax::conllu::read(&gold_path.display().to_string(), &text)?;
        let (gold, pred): (Vec<_>, Vec<_>) = sents
            .par_iter()
            .map(|g| {
                let p = model.parse_words(g.words.iter().map(|w| (w.form.as_str(), None)));
                (names::gold(g), tagger.names(&p, lex))
            })
            .unzip();
        let s = names::score(&gold, &pred);
        out.push_str(&format!(
            "names     {:>8}\nprecision {:>8.2}\nrecall    {:>8.2}\nF1        {:>8.2}\n",
            s.names,
            s.precision * 100.0,
            s.recall * 100.0,
            s.f1 * 100.0
        ));
        if json {
            out.push_str(&format!("{}\n", serde_json::to_string(&s)?));
        }
        print!("{out}");
        return Ok(exit::SUCCESS);
    }
    let text = read_text_arg(input.unwrap_or("-"))?;
    for s in syntax::parse_text(&text, lex.segment_rules(), model) {
        for (a, b, kind) in tagger.names(&s, lex) {
            let (start, end) = (
                s.words[a].span.map_or(0, |x| x.0),
                s.words[b - 1].span.map_or(0, |x| x.1),
            );
            let name = &text[start..end];
            let id = lex.lookup(name).map(|(id, _)| id);
            if json {
                out.push_str(&serde_json::to_string(&serde_json::json!({
                    "start": start, "end": end, "text": name,
                    "kind": kind.to_string(), "id": id,
                }))?);
                out.push('\n');
            } else {
                out.push_str(&format!(
                    "{start}:{end}\t{name}\t{kind}\t{}\n",
                    id.unwrap_or("-")
                ));
            }
        }
    }
    print(&out)
}

/// `newsgraph parse`: CoNLL-U or JSON of text, or accuracy on a gold file.
fn parse(
    input: Option<&str>,
    eval: Option<&Path>,
    json: bool,
    raw: bool,
    threads: Option<usize>,
) -> anyhow::Result<u8> {
    use newsgraph::syntax::{self, conllu, eval as score};
    use rayon::prelude::*;
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let model = syntax::Model::builtin().map_err(|e| anyhow!(e))?;
    let lex = Lexicon::embedded();
    let mut out = String::new();
    if let Some(gold_path) = eval {
        let text = std::fs::read_to_string(gold_path)
            .with_context(|| format!("cannot read {}", gold_path.display()))?;
        let gold = conllu::read(&gold_path.display().to_string(), &text)?;
        if raw {
            let mut texts = Vec::new();
            for (k, s) in gold.iter().enumerate() {
                let t = s.text.as_deref().with_context(|| {
                    format!(
                        "{}: sentence {} has no '# text' line, which --raw needs",
                        gold_path.display(),
                        k + 1
                    )
                })?;
                texts.push(t);
            }
            let pred = syntax::parse_text(&texts.join(" "), lex.segment_rules(), model);
            let s = score::score_raw(&gold, &pred);
            out.push_str(&format!("{s}\n"));
            if json {
                out.push_str(&format!("{}\n", serde_json::to_string(&s)?));
            }
        } else {
            let pred: Vec<syntax::ParsedSentence> = gold
                .par_iter()
                .map(|g| {
                    let mut p = model.parse_words(g.words.iter().map(|w| (w.form.as_str(), None)));
                    p.id.clone_from(&g.id);
                    p
                })
                .collect();
            let s = score::score(&gold, &pred);
            out.push_str(&format!("{s}\n"));
            if json {
                out.push_str(&format!("{}\n", serde_json::to_string(&s)?));
            }
        }
        print!("{out}");
        return Ok(exit::SUCCESS);
    }
    let text = read_text_arg(input.unwrap_or("-"))?;
    for s in syntax::parse_text(&text, lex.segment_rules(), model) {
        if json {
            out.push_str(&serde_json::to_string(&syntax::to_json(&s))?);
            out.push('\n');
        } else {
            conllu::write_sentence(&mut out, &s);
        }
    }
    print(&out)
}

/// The article files read from directories and patterns, for messages.
const ARTICLE_FILES: &str = ".txt, .md, .jsonl or .ndjson";

/// What `build` was asked to do besides its inputs and output.
struct BuildOptions {
    lexicon: Option<PathBuf>,
    replace: bool,
    date: Option<String>,
    read: input::ReadOptions,
    verbose: bool,
    into: Option<PathBuf>,
    threads: Option<usize>,
    quiet: bool,
}

fn build(inputs: &[PathBuf], mut out: Output, o: BuildOptions) -> anyhow::Result<u8> {
    if let Some(n) = o.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
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
    let mut graph = match &o.into {
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
    let mut added = 0;
    // --since and --until choose the articles read, by their date; the
    // graph added to (--into) keeps what it holds (issue 18)
    let window = Filter {
        since: out.filter.since.take(),
        until: out.filter.until.take(),
        ..Filter::default()
    };
    let mut outside = 0;
    let summary = corpus.read_ahead(
        8 << 20,
        |mut batch, bytes| {
            for a in &mut batch {
                if a.date.is_none() {
                    a.date = o.date.clone();
                }
            }
            let before = batch.len();
            batch.retain(|a| window.keeps_date(a.date.as_deref()));
            outside += before - batch.len();
            let refs: Vec<&newsgraph::Article> = batch.iter().collect();
            added += pipeline::add_articles(&mut graph, &refs, &lex);
            progress.inc(bytes);
            progress.set_message(format!("{added} articles"));
            Ok(())
        },
        |w| progress.suspend(|| report::warning(&w.to_string())),
    )?;
    progress.finish_and_clear();
    for r in lex.relation_types() {
        graph.declare_relation_type(newsgraph::graph::RelationInfo::from(r));
    }
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
fn progress_bar(total: u64, quiet: bool) -> indicatif::ProgressBar {
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

fn merge(paths: &[PathBuf], out: Output) -> anyhow::Result<u8> {
    refuse_overwrite(out.path.as_deref(), paths)?;
    let mut graph = KnowledgeGraph::new();
    for p in paths {
        let listing = input::expand_for(p, input::Wanted::Graphs)?;
        for w in &listing.warnings {
            report::warning(&w.to_string());
        }
        for f in &listing.not_read {
            report::warning(&format!(
                "{}: not a graph file (merge reads .ron, .json, .graphml and CSV directories); skipped",
                f.display()
            ));
        }
        for f in listing.files {
            let g = KnowledgeGraph::load(&f)?;
            // merging is the point, so a kind two graphs disagree on is a
            // warning (issue 17), resolved as every merge resolves it
            for (e, before) in graph.kind_conflicts(&g) {
                let a = |k: EntityKind| {
                    let k = k.to_string();
                    let article = if k.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    };
                    format!("{article} {k}")
                };
                report::warning(&format!(
                    "{}: '{}' is {} here but {} in the graphs merged before it; the merged graph keeps {}",
                    f.display(),
                    e.label,
                    a(e.kind),
                    a(before),
                    before.min(e.kind)
                ));
            }
            graph.absorb(g);
        }
    }
    write_output(&graph, &out)
}

fn export_graph(path: &Path, out: Output) -> anyhow::Result<u8> {
    let graph = KnowledgeGraph::load(path)?;
    refuse_overwrite(out.path.as_deref(), &[path.to_path_buf()])?;
    write_output(&graph, &out)
}

/// Never write a graph over one of its own inputs.
fn refuse_overwrite(output: Option<&Path>, inputs: &[PathBuf]) -> anyhow::Result<()> {
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

fn write_output(graph: &KnowledgeGraph, out: &Output) -> anyhow::Result<u8> {
    let graph = out.filter.apply(graph)?;
    match &out.path {
        Some(path) => formats::write(&graph, out.format, &out.draw, path)?,
        None => return print(&formats::render(&graph, out.format, &out.draw)?),
    }
    Ok(exit::SUCCESS)
}

fn print(text: &str) -> anyhow::Result<u8> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .context("writing to standard output")?;
    stdout.flush().context("writing to standard output")?;
    Ok(exit::SUCCESS)
}

fn check_types(graph: &KnowledgeGraph, types: &[String]) -> anyhow::Result<()> {
    let known = graph.relation_type_names();
    for t in types {
        if !known.contains(t) {
            bail!(query::unknown_type_message(t, &known));
        }
    }
    Ok(())
}

fn run_query(
    path: &Path,
    pattern: &str,
    json: bool,
    csv: bool,
    edges: EdgeArgs,
) -> anyhow::Result<u8> {
    let q = Query::parse(pattern).map_err(|e| {
        let caret = format!("{}^", " ".repeat(e.column.saturating_sub(1)));
        anyhow!(
            "query syntax, column {}: {}\n  {pattern}\n  {caret}",
            e.column,
            e.message
        )
    })?;
    let g = load_filtered(path, edges)?;
    let answer = query::run(&g, &q)?;
    let text = if json {
        render::answer_json(&g, &q, &answer)
    } else if csv {
        render::answer_csv(&g, &answer)
    } else {
        render::answer_table(&g, &answer).to_text()
    };
    print(&text)?;
    Ok(if answer.rows.is_empty() {
        exit::NO_RESULT
    } else {
        exit::SUCCESS
    })
}

fn lexicon_check(dir: &Path, replace: bool) -> anyhow::Result<u8> {
    let checked = lexicon::check_and_build(dir, replace)?;
    for p in checked.errors() {
        report::error(&p.to_string());
    }
    for p in checked.warnings() {
        report::warning(&p.to_string());
    }
    let errors = checked.errors().count();
    if errors > 0 {
        bail!("{errors} error(s) in {}", dir.display());
    }
    println!("{}: ok", dir.display());
    Ok(exit::SUCCESS)
}
