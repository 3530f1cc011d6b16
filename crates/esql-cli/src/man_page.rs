//! `esql man`: the manual page in roff. Options come from the same clap
//! definitions as `--help`; the subcommands are listed with their summaries
//! (there are no separate `esql-SUBCOMMAND(1)` pages), and the examples,
//! environment and exit status are sections of their own.

use std::io::Write;

/// Writes the page for `cmd` with `examples` (the main `--help` examples).
pub fn render(cmd: clap::Command, examples: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(
            out,
            ".TP\n\\fBesql {}\\fR\n{}.",
            sub.get_name(),
            escape(&about)
        )?;
        writeln!(out, "See \\fBesql {} \\-\\-help\\fR.", sub.get_name())?;
    }
    writeln!(out, ".SH EXAMPLES\n.nf")?;
    for line in examples
        .lines()
        .skip_while(|l| l.starts_with("Examples"))
        .take_while(|l| !l.starts_with("Exit status"))
    {
        writeln!(out, "{}", escape(line))?;
    }
    writeln!(out, ".fi")?;
    writeln!(out, "{}", ENVIRONMENT)?;
    man.render_version_section(out)?;
    Ok(())
}

const ENVIRONMENT: &str = r".SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
When set to a non\-empty value, nothing is coloured; it wins over CLICOLOR_FORCE.
.TP
\fBCLICOLOR_FORCE\fR
When set to a non\-empty value other than 0, colour is used even on a pipe (for less \-R).
.TP
\fBXDG_DATA_HOME\fR, \fBHOME\fR
The shell keeps its history in $XDG_DATA_HOME/esql/history, else ~/.local/share/esql/history.
.TP
\fBCOLUMNS\fR
The width tables fit when the terminal reports none.
.SH EXIT STATUS
.TP
\fB0\fR
Success (warnings allowed); esql test: every hunt passed.
.TP
\fB1\fR
A query was rejected (syntax, analysis, a malformed data line); esql test: a hunt failed.
.TP
\fB2\fR
Usage, file or data errors, or the memory limit was reached.
.TP
\fB3\fR
An internal error: esql found one of its own invariants broken and stopped.
.PP
With several queries, the worst of them.";

/// `text` with roff's special characters escaped.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    match escaped.chars().next() {
        Some('.') | Some('\'') => format!("\\&{escaped}"),
        _ => escaped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_page_lists_commands_examples_environment_and_exit_codes() {
        let mut page = Vec::new();
        render(crate::Cli::command(), crate::MAIN_EXAMPLES, &mut page).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(
            !page.contains("esql\\-run(1)"),
            "no pages that do not exist"
        );
        assert!(page.contains("\\fBesql shell\\fR"));
        assert!(page.contains(".SH EXAMPLES\n.nf\n  esql "));
        assert!(page.contains("\\fBNO_COLOR\\fR") && page.contains("\\fBCLICOLOR_FORCE\\fR"));
        assert!(page.contains(".SH EXIT STATUS") && page.contains("\\fB3\\fR"));
    }
}
