//! The command line as a whole: help with examples, completions, manual
//! pages, colour and the style of errors.

use crate::util::{fails, ok, root, run};
use std::process::Command;

const SUBCOMMANDS: [&str; 16] = [
    "build",
    "alias",
    "rename",
    "diff",
    "types",
    "merge",
    "export",
    "query",
    "show",
    "neighbors",
    "path",
    "stats",
    "lexicon",
    "lexicon check",
    "completions",
    "man",
];

#[test]
fn every_subcommand_help_has_an_example() {
    for sub in SUBCOMMANDS {
        let mut args: Vec<&str> = sub.split(' ').collect();
        args.push("--help");
        let help = ok(&root(), &args);
        assert!(
            help.contains("Example"),
            "newsgraph {sub} --help: no example\n{help}"
        );
        assert!(help.contains("newsgraph "), "{help}");
    }
}

#[test]
fn completions_name_every_subcommand_and_bash_parses_them() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = ok(&root(), &["completions", shell]);
        for sub in SUBCOMMANDS.iter().filter(|s| !s.contains(' ')) {
            assert!(script.contains(sub), "{shell} completions lack {sub}");
        }
    }
    let script = ok(&root(), &["completions", "bash"]);
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("newsgraph.bash");
    std::fs::write(&path, &script).unwrap();
    let check = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let err = fails(&root(), &["completions", "tcsh"], 2);
    assert!(
        err.starts_with("newsgraph: error: invalid value 'tcsh'"),
        "{err}"
    );
}

#[test]
fn man_pages_for_the_command_and_each_subcommand() {
    let page = ok(&root(), &["man"]);
    assert!(page.contains(".TH newsgraph 1"), "{page}");
    for sub in ["build", "export", "query"] {
        assert!(page.contains(&format!("newsgraph\\-{sub}(1)")), "{sub}");
    }
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("man1");
    ok(&root(), &["man", "-o", dir.to_str().unwrap()]);
    for name in [
        "newsgraph.1",
        "newsgraph-build.1",
        "newsgraph-lexicon-check.1",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(text.starts_with(".ie") && text.contains(".TH"), "{name}");
    }
    let build = std::fs::read_to_string(dir.join("newsgraph-build.1")).unwrap();
    assert!(build.contains("\\-\\-threads"), "options are documented");
}

fn stderr_with(env: &[(&str, &str)], args: &[&str]) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        c.env(k, v);
    }
    String::from_utf8(c.output().unwrap().stderr).unwrap()
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let args = ["build", "no-such-article.txt"];
    // not a terminal: plain
    let plain = stderr_with(&[], &args);
    assert_eq!(
        plain,
        "newsgraph: error: no-such-article.txt: no such file or directory\n"
    );
    // forced (as a terminal would be): "error:" in bold red
    let forced = stderr_with(&[("CLICOLOR_FORCE", "1")], &args);
    assert_eq!(
        forced,
        "newsgraph: \x1b[1m\x1b[31merror:\x1b[0m no-such-article.txt: no such file or directory\n"
    );
    // NO_COLOR wins over everything, in errors and in help
    let none = stderr_with(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &args);
    assert_eq!(none, plain);
    let mut help = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    help.args(["build", "--help"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1");
    assert!(!String::from_utf8(help.output().unwrap().stdout)
        .unwrap()
        .contains('\x1b'));
}

#[test]
fn argument_errors_share_the_error_style() {
    let err = fails(&root(), &["buid", "a.txt"], 2);
    assert!(
        err.starts_with("newsgraph: error: unrecognized subcommand 'buid'"),
        "{err}"
    );
    assert!(
        err.contains("a similar subcommand exists: 'build'"),
        "{err}"
    );
    let err = fails(&root(), &["query", "graphs/seed.ron"], 2);
    assert!(
        err.starts_with("newsgraph: error: the following required arguments were not provided"),
        "{err}"
    );
    // help and version are not errors
    let out = run(&root(), &["--version"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("newsgraph "));
}
