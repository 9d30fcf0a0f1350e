//! The `newsgraph` command line: parses arguments, calls the library, prints.

use anyhow::{anyhow, bail, Context};
use clap::{CommandFactory, Parser, Subcommand};
use newsgraph::formats::render;
use newsgraph::formats::{self, DrawOptions, Format};
use newsgraph::graph::explore::{self, Way};
use newsgraph::graph::query::{self, Query};
use newsgraph::output;
use newsgraph::text::dates::Date;
use newsgraph::text::input;
use newsgraph::{lexicon, EntityKind, Extractor, Filter, KnowledgeGraph, Lexicon};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cli;

use cli::args::*;
use cli::build::*;
use cli::commands::*;
use cli::man::*;
use cli::report::{self, describe, is_broken_pipe, usage_error};
use cli::syntax::*;

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

    /// SUCCESS when something was found, else NO_RESULT.
    pub fn found(any: bool) -> u8 {
        if any {
            SUCCESS
        } else {
            NO_RESULT
        }
    }
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
        Command::Ner {
            input,
            json,
            eval,
            errors,
            tagger,
        } => ner(input.as_deref(), eval.as_deref(), json, errors, tagger),
        Command::Explain { input } => explain(&input),
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
        } => show(&graph, &entity, json, edges),
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
            Ok(exit::found(!list.is_empty()))
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
            Ok(exit::found(!chains.is_empty()))
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
            Ok(exit::found(!d.is_empty()))
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
