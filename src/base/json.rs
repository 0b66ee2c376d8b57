//! Problems as JSON Lines, for editors and CI: one object per problem, one per line.

use serde::Serialize;

use crate::base::error::{Code, Diagnostic, Severity};

#[derive(Serialize)]
struct JsonProblem<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    code: Code,
    message: &'a str,
    help: Option<&'a str>,
}

/// One problem as a single line of JSON (without the newline), its file named as in
/// the human format.
pub fn json_line(d: &Diagnostic) -> String {
    let file = d.location.file.to_string_lossy().into_owned();
    let problem = JsonProblem {
        file: if file.is_empty() { ".".into() } else { file },
        line: d.location.line,
        column: d.location.column,
        severity: d.severity,
        code: d.code,
        message: &d.message,
        help: d.help.as_deref(),
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string(&problem).unwrap_or_default()
}
