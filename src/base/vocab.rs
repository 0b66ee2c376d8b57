//! The vocabulary of the record that every stage speaks: a meeting's status, the kinds
//! of paper, and who attended.

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Scheduled,
    Held,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaperKind {
    Report,
    Minutes,
    Decision,
    WorkProgramme,
    AnnualReport,
    Notes,
    Other,
}

impl PaperKind {
    pub const ALL: [(&'static str, PaperKind); 7] = [
        ("report", PaperKind::Report),
        ("minutes", PaperKind::Minutes),
        ("decision", PaperKind::Decision),
        ("work-programme", PaperKind::WorkProgramme),
        ("annual-report", PaperKind::AnnualReport),
        ("notes", PaperKind::Notes),
        ("other", PaperKind::Other),
    ];

    pub fn label(self) -> &'static str {
        match self {
            PaperKind::Report => "Report",
            PaperKind::Minutes => "Minutes",
            PaperKind::Decision => "Record of decision",
            PaperKind::WorkProgramme => "Work programme",
            PaperKind::AnnualReport => "Annual report",
            PaperKind::Notes => "Notes",
            PaperKind::Other => "Paper",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attendance {
    pub present: Vec<String>,
    pub apologies: Vec<String>,
    pub in_attendance: Vec<String>,
}
