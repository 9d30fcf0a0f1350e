//! Checking lexicon files: what `lexicon check` reports and what `build
//! --lexicon` refuses, one validation for both.

use crate::entity::slug;
use crate::error::{Error, Result};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use super::file::{parse_file, ron_files, LexiconFile};
use super::{compile, Lexicon, LexiconBuilder};

/// Something wrong, or worth knowing, in a lexicon file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// An error stops `lexicon check` and `build --lexicon`; a warning is
    /// only told.
    pub error: bool,
    /// `file[:line:col]: message`.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A lexicon directory, read, checked and compiled: what `lexicon check`
/// reports and what `build --lexicon` uses, so that the two never disagree
/// (issue 17).
#[derive(Debug)]
pub struct Checked {
    /// The compiled lexicon, when there was no error.
    pub lexicon: Option<Lexicon>,
    /// Errors and warnings, errors first, in file order.
    pub problems: Vec<Problem>,
}

impl Checked {
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| !p.error)
    }
}

/// Tells whether a name of one word is a common English word, and its part
/// of speech (`mentions::names::common_word` reads the syntax model, which
/// this shared module does not use).
pub type CommonWord<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Reads the lexicon files of `dir`, with the built-in lexicon unless
/// `replace`, checks them ([`check_files`]) and compiles them. Only a
/// directory that cannot be read is an `Err`; everything wrong with the
/// files is in the problems.
pub fn check_and_build(dir: &Path, replace: bool, common: CommonWord) -> Result<Checked> {
    let mut mine = Vec::new();
    let mut problems = Vec::new();
    for path in ron_files(dir)? {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        match parse_file(&path.display().to_string(), &text) {
            Ok(f) => mine.push((path.display().to_string(), f)),
            Err(e) => problems.push(Problem {
                error: true,
                message: e.to_string(),
            }),
        }
    }
    let mut all = if replace {
        Vec::new()
    } else {
        LexiconBuilder::with_defaults().files
    };
    let first_mine = all.len();
    all.extend(mine);
    problems.extend(check_files(&all, first_mine, common));
    let mut lexicon = None;
    if !problems.iter().any(|p| p.error) {
        match compile(&all) {
            Ok(lex) => lexicon = Some(lex),
            Err(e) => problems.push(Problem {
                error: true,
                message: e.to_string(),
            }),
        }
    }
    problems.sort_by_key(|p| !p.error);
    Ok(Checked { lexicon, problems })
}

/// Checks the lexicon files of `dir` (with the default lexicon unless
/// `replace`): each parses, relation types are complete, no name has two
/// meanings, and the whole compiles. Returns the problems found, errors
/// and warnings, as `file: message` lines.
pub fn check_dir(dir: &Path, replace: bool, common: CommonWord) -> Result<Vec<Problem>> {
    Ok(check_and_build(dir, replace, common)?.problems)
}

/// Consistency checks over parsed files; reports only problems in the
/// files from `all[first_mine..]` (the user's; before them, the built-in
/// lexicon's).
///
/// - A name given two meanings by the user's files is an error. A name the
///   user's file gives another meaning than the built-in lexicon does (Iran
///   as a militia) is a warning that says which meaning the lexicon keeps.
/// - A relation type the user's file declares needs `plover` and `cameo`,
///   unless another file declares it (then the file adds triggers to it).
/// - A name of one word that `common` says is a common English word (the
///   part of speech it names) is an error, unless a file's `word_names`
///   lists it.
pub fn check_files(
    all: &[(String, LexiconFile)],
    first_mine: usize,
    common: CommonWord,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    // name -> (file index, what it means)
    let mut meaning: HashMap<String, (usize, String)> = HashMap::default();
    // in the order compile reads them, so the first meaning is the one it
    // keeps: entities before states, files in order
    let mut order: Vec<(usize, &str, String)> = Vec::new();
    for (fi, (_, f)) in all.iter().enumerate() {
        for e in &f.entities {
            let what = format!(
                "{} {}",
                e.kind,
                e.id.clone().unwrap_or_else(|| slug(&e.name))
            );
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                order.push((fi, n.as_str(), what.clone()));
            }
        }
    }
    for (fi, (_, f)) in all.iter().enumerate() {
        for s in &f.states {
            let what = format!("state {}", s.id.clone().unwrap_or_else(|| slug(&s.name)));
            for n in std::iter::once(&s.name)
                .chain(&s.aliases)
                .chain(&s.demonyms)
            {
                order.push((fi, n.as_str(), what.clone()));
            }
        }
    }
    for (fi, name, what) in order {
        match meaning.get(name) {
            None => {
                meaning.insert(name.to_string(), (fi, what));
            }
            Some((first, kept)) if *kept != what && (fi >= first_mine || *first >= first_mine) => {
                // report it on the user's file
                let (mine, other, mine_means, other_means) = if fi >= first_mine {
                    (fi, *first, &what, kept)
                } else {
                    (*first, fi, kept, &what)
                };
                let (path, other_path) = (&all[mine].0, &all[other].0);
                if other < first_mine {
                    problems.push(Problem {
                        error: false,
                        message: format!(
                            "{path}: \"{name}\" means {mine_means} here but {other_means} in the built-in lexicon ({other_path}); the lexicon keeps {kept}"
                        ),
                    });
                } else {
                    problems.push(Problem {
                        error: true,
                        message: format!(
                            "{path}: \"{name}\" means {mine_means} here but {other_means} in {other_path}"
                        ),
                    });
                }
            }
            Some(_) => {}
        }
    }
    let allowed: HashSet<&String> = all.iter().flat_map(|(_, f)| &f.words.word_names).collect();
    for (fi, (path, f)) in all.iter().enumerate().skip(first_mine) {
        let names = f
            .entities
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
            .chain(
                f.states
                    .iter()
                    .flat_map(|s| std::iter::once(&s.name).chain(&s.aliases)),
            );
        for name in names {
            if let Some(tag) = common(name).filter(|_| !allowed.contains(name)) {
                problems.push(Problem {
                    error: true,
                    message: format!(
                        "{path}: the name \"{name}\" is a common English word (\"{}\" is a frequent {tag}): it would match every sentence that starts with it; give the longer name or an acronym",
                        name.to_lowercase()
                    ),
                });
            }
        }
        for r in &f.relations {
            let declared_elsewhere = all.iter().enumerate().any(|(gi, (_, g))| {
                gi != fi
                    && g.relations
                        .iter()
                        .any(|x| x.name == r.name && !x.plover.is_empty() && !x.cameo.is_empty())
            });
            if (r.plover.is_empty() || r.cameo.is_empty()) && !declared_elsewhere {
                problems.push(Problem {
                    error: true,
                    message: format!(
                        "{path}: relation type \"{}\" needs plover and cameo (it is not one the lexicon already has)",
                        r.name
                    ),
                });
            }
        }
    }
    problems
}
