//! The command line as clap reads it: subcommands, flags and their help.

use crate::*;

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Build a typed knowledge graph of who did what to whom from news articles"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
    /// Find the names of a text: span, text, kind and lexicon entry as build resolves them
    #[command(
        after_help = "Output: one name a line, START:END<TAB>TEXT<TAB>KIND<TAB>LEXICON-ID or -<TAB>ENTITY-ID\n(with --tagger: START:END<TAB>TEXT<TAB>KIND<TAB>LEXICON-ID or -)\n\nExamples:\n  newsgraph ner 'Gen. Ali Kassem of the Marawi Brigade spoke in Davao.'\n  newsgraph ner --tagger 'She studied at the University of Copenhagen.'\n  newsgraph ner --eval ../shared/ud/gum-test.conllu --json   # typed exact-span P, R, F1"
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
        /// With --eval: list each missed name (-), false name (+) and wrong kind (~) with its sentence
        #[arg(long, requires = "eval")]
        errors: bool,
        /// Print the name tagger's own names (person, place, organization; the lexicon's names
        /// inside longer ones too), as --eval measures it, instead of the names as build resolves them
        #[arg(long, conflicts_with = "eval")]
        tagger: bool,
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
    /// Counts by entity kind and relation type, top entities by degree, articles
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
pub(crate) struct Names {
    pub(crate) what: &'static str,
    pub(crate) names: fn() -> Vec<&'static str>,
    pub(crate) open: bool,
}

impl Names {
    pub(crate) fn formats() -> Names {
        Names {
            what: "format",
            names: || Format::ALL.iter().map(|(_, n)| *n).collect(),
            open: false,
        }
    }

    pub(crate) fn kinds() -> Names {
        Names {
            what: "entity kind",
            names: || EntityKind::ALL.iter().map(|k| k.as_str()).collect(),
            open: false,
        }
    }

    pub(crate) fn relation_types() -> Names {
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
pub(crate) struct OutputArgs {
    /// Output file (written atomically; a directory for csv); standard output when absent
    #[arg(short, long)]
    pub(crate) output: Option<PathBuf>,
    /// Output format: ron, dot, json, graphml, csv, mermaid or html (default: from the extension of -o, else ron)
    #[arg(short, long, value_parser = Names::formats(), hide_possible_values = true)]
    pub(crate) format: Option<String>,
    /// Keep only the neighbourhood of this entity (id, label or alias)
    #[arg(long)]
    pub(crate) focus: Option<String>,
    /// With --focus: how many relations away to go
    #[arg(long, default_value_t = 1, requires = "focus")]
    pub(crate) depth: usize,
    /// Keep only these relation types (comma-separated: backs,attacked)
    #[arg(long = "type", value_delimiter = ',', value_parser = Names::relation_types(), hide_possible_values = true)]
    pub(crate) types: Vec<String>,
    /// Keep only these entity kinds (comma-separated: person,state,militia,organization,place)
    #[arg(long = "kind", value_delimiter = ',', value_parser = Names::kinds(), hide_possible_values = true)]
    pub(crate) kinds: Vec<String>,
    #[command(flatten)]
    pub(crate) edges: EdgeArgs,
    /// Leave out entities without any relation (after the other filters)
    #[arg(long)]
    pub(crate) drop_isolated: bool,
    /// Keep only entities with at least this many relations (after the other filters)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) min_degree: usize,
    /// DOT layout direction: LR, TB, RL or BT
    #[arg(long, default_value = "LR", value_parser = ["LR", "TB", "RL", "BT"])]
    pub(crate) rankdir: String,
}

/// Which statements and relations count (issue 18): shared by `build`,
/// `export`, `merge`, `query`, `show`, `neighbors` and `path`.
#[derive(clap::Args)]
pub(crate) struct EdgeArgs {
    /// Keep only relations with at least this many statements
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) min_weight: usize,
    /// Keep only relations stated in at least this many articles
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) min_articles: usize,
    /// Keep only statements made in these modes (comma-separated: stated, reported)
    #[arg(long = "mode", value_name = "MODE", value_delimiter = ',', value_parser = ["stated", "reported"])]
    pub(crate) modes: Vec<String>,
    /// Keep only statements of this day or later (YYYY-MM-DD; the article's date, else the event's)
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<String>,
    /// Keep only statements of this day or earlier (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub(crate) until: Option<String>,
}

impl EdgeArgs {
    /// The relation filter these flags ask for.
    pub(crate) fn filter(self) -> anyhow::Result<Filter> {
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

/// Where `alias` and `rename` write (issue 18).
#[derive(clap::Args)]
pub(crate) struct CleanupArgs {
    /// The user lexicon directory the change is recorded in (DIR/entities.ron)
    #[arg(long, value_name = "DIR", default_value = "newsgraph-lexicon")]
    pub(crate) lexicon: PathBuf,
    /// Write the changed graph here instead of over GRAPH (the format follows the extension)
    #[arg(short, long)]
    pub(crate) output: Option<PathBuf>,
}

/// The validated form of [`OutputArgs`].
pub(crate) struct Output {
    pub(crate) path: Option<PathBuf>,
    pub(crate) format: Format,
    /// `--format` was given (the format does not come from a file name).
    pub(crate) format_given: bool,
    pub(crate) filter: Filter,
    pub(crate) draw: DrawOptions,
}

impl OutputArgs {
    pub(crate) fn validate(self) -> anyhow::Result<Output> {
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
pub(crate) enum LexiconCommand {
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
