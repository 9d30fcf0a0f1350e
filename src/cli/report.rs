//! Messages on standard error, in one style: `newsgraph: error: ...`,
//! `newsgraph: warning: ...`, `newsgraph: ...`. "error" and "warning" are
//! coloured when standard error is a terminal, never with `NO_COLOR` set
//! (anstream decides: NO_COLOR, CLICOLOR, CLICOLOR_FORCE, the terminal).

use crate::*;

use anstyle::{AnsiColor, Style};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();

pub(crate) fn error(message: &str) {
    anstream::eprintln!("newsgraph: {ERROR}error:{ERROR:#} {message}");
}

pub(crate) fn warning(message: &str) {
    anstream::eprintln!("newsgraph: {WARNING}warning:{WARNING:#} {message}");
}

pub(crate) fn note(message: &str) {
    anstream::eprintln!("newsgraph: {message}");
}

/// The error and its causes, joined by ": ", leaving out the I/O error
/// under one of the library's errors (whose message already says it).
pub(crate) fn describe(e: &anyhow::Error) -> String {
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
pub(crate) fn usage_error(e: clap::Error) -> ExitCode {
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

pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
