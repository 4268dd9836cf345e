use crate::date::{find_date, ParsedDate};
use crate::diagnostic::Severity;
use crate::document::MetaKey;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "S007",
    name: "stale-draft",
    family: Family::Structure,
    default_severity: Severity::Warning,
    summary: "The postmortem is still a draft more than 7 days after the incident.",
    docs: RuleDocs {
        what: "Reports a status of Draft or In Review when today is more than 7 days after the incident date. Today comes from the caller (`--today` or the clock); without it the rule is silent.",
        why: "Seed `001` gives 24–48 hours for a draft and 7 business days for publication; seed `003` says the same. A draft that lingers is a postmortem nobody learns from.",
        example: "**Date:** 2025-01-15 · **Status:** Draft   (linted on 2025-02-01)",
        better: "**Date:** 2025-01-15 · **Status:** Final",
    },
    check,
};

const DAYS_TO_PUBLISH: i64 = 7;

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let (Some(today), Some(status), Some(date)) = (
        ctx.settings.today,
        doc.metadata.field(MetaKey::Status),
        doc.metadata.get(MetaKey::Date),
    ) else {
        return;
    };
    let lower = status.text.to_ascii_lowercase();
    if !(lower.contains("draft") || lower.contains("review")) || lower.contains('/') {
        return;
    }
    let Some((ParsedDate::Valid(date), _)) = find_date(date) else {
        return;
    };
    let age = date.days_until(today);
    if age > DAYS_TO_PUBLISH {
        ctx.report(status.range.clone(), format!("Still `{}` {age} days after the incident ({date}); publish within {DAYS_TO_PUBLISH} days", status.text))
            .with_note("Finish the review and set the status to Final, or record why it is blocked.");
    }
}

#[cfg(test)]
mod tests {
    use crate::date::Date;
    use crate::{lint, Settings};

    #[test]
    fn needs_today_and_an_old_draft() {
        let text = "# T\n\n**Date:** 2025-01-15  \n**Status:** Draft\n";
        let mut settings = Settings::default();
        assert!(!lint(text, &settings)
            .diagnostics
            .iter()
            .any(|d| d.code == "S007"));
        settings.today = Date::new(2025, 1, 20);
        assert!(!lint(text, &settings)
            .diagnostics
            .iter()
            .any(|d| d.code == "S007"));
        settings.today = Date::new(2025, 2, 1);
        assert!(lint(text, &settings)
            .diagnostics
            .iter()
            .any(|d| d.code == "S007"));
        let final_text = text.replace("Draft", "Final");
        assert!(!lint(&final_text, &settings)
            .diagnostics
            .iter()
            .any(|d| d.code == "S007"));
    }
}
