//! `newsgraph man`: the manual pages, made from the clap definitions.

use crate::*;

/// The manual page on standard output, or every page into `dir`.
pub(crate) fn man(dir: Option<&Path>) -> anyhow::Result<u8> {
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
pub(crate) fn roff(text: &str) -> String {
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
pub(crate) fn man_commands(cmd: &clap::Command, path: &str, out: &mut String) {
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
