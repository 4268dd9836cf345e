//! Code actions: every core fix as a quick fix, "disable for this line / file" on every
//! diagnostic, and `source.fixAll.pmlint` for the safe fixes together.

use super::diagnostics::convert;
use crate::analysis::Analysis;
use ls_types::{
    self as lsp, CodeAction, CodeActionContext, CodeActionKind, CodeActionOrCommand, TextEdit, Uri,
    WorkspaceEdit,
};
use pmlint_core::{Applicability, Diagnostic, Edit, Encoding, Fix};
use std::collections::HashMap;
use std::ops::Range;

pub const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.pmlint");

/// The actions for `range`. Quick fixes go to the diagnostics the client names in
/// `context.diagnostics` (those at the cursor); when it names none of pmlint's, to the
/// diagnostics overlapping the range. "Disable" actions are offered once per code (and
/// line), whichever number of findings they silence.
pub fn code_actions(
    a: &Analysis,
    encoding: Encoding,
    uri: &Uri,
    range: lsp::Range,
    context: &CodeActionContext,
    related_information: bool,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    if requested(context.only.as_deref(), &CodeActionKind::QUICKFIX) {
        let mut disables: Vec<Disable> = Vec::new();
        for (d, diagnostic) in chosen_diagnostics(a, encoding, range, context, related_information)
        {
            let single_safe_fix =
                d.fixes.len() == 1 && d.fixes[0].applicability == Applicability::Safe;
            for fix in &d.fixes {
                let mut action = action(a, encoding, uri, &fix.title, &fix.edits, &diagnostic);
                action.is_preferred = Some(single_safe_fix);
                actions.push(action);
            }
            let line = disable_for_line(a, d)
                .map(|edit| (format!("Disable {} for this line", d.code), edit));
            let file = (
                format!("Disable {} for this file", d.code),
                disable_for_file(a, d),
            );
            for (title, edit) in line.into_iter().chain([file]) {
                match disables
                    .iter_mut()
                    .find(|x| x.title == title && x.edit == edit)
                {
                    Some(same) => same.diagnostics.push(diagnostic.clone()),
                    None => disables.push(Disable {
                        title,
                        edit,
                        diagnostics: vec![diagnostic.clone()],
                    }),
                }
            }
        }
        actions.extend(disables.into_iter().map(|x| {
            let mut action = action(a, encoding, uri, &x.title, &[x.edit], &x.diagnostics[0]);
            action.diagnostics = Some(x.diagnostics);
            action
        }));
    }
    if requested(context.only.as_deref(), &FIX_ALL) {
        let edits = fix_all_edits(&a.diagnostics);
        if !edits.is_empty() {
            actions.push(CodeAction {
                title: "Fix all safe pmlint problems".into(),
                kind: Some(FIX_ALL),
                edit: Some(workspace_edit(a, encoding, uri, &edits)),
                ..CodeAction::default()
            });
        }
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// A "disable" comment and the diagnostics it silences.
struct Disable {
    title: String,
    edit: Edit,
    diagnostics: Vec<lsp::Diagnostic>,
}

/// The core diagnostics the client asks about, with their LSP form: those the client
/// names in `context` (same code, range and message), else those overlapping `range`.
fn chosen_diagnostics<'a>(
    a: &'a Analysis,
    encoding: Encoding,
    range: lsp::Range,
    context: &CodeActionContext,
    related_information: bool,
) -> Vec<(&'a Diagnostic, lsp::Diagnostic)> {
    let at = a.at(encoding);
    let all = a
        .diagnostics
        .iter()
        .map(|d| (d, convert(d, at.range(&d.range), related_information)));
    let named: Vec<_> = all
        .clone()
        .filter(|(_, lsp)| {
            context
                .diagnostics
                .iter()
                .any(|c| c.code == lsp.code && c.range == lsp.range && c.message == lsp.message)
        })
        .collect();
    if !named.is_empty() {
        return named;
    }
    let wanted = at.byte_range(range);
    all.filter(|(d, _)| d.range.start <= wanted.end && wanted.start <= d.range.end)
        .collect()
}

/// Whether the client's `only` filter admits `kind` (a filter matches its sub-kinds).
fn requested(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let (k, kind) = (k.as_str(), kind.as_str());
            kind == k
                || kind
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

fn action(
    a: &Analysis,
    encoding: Encoding,
    uri: &Uri,
    title: &str,
    edits: &[Edit],
    diagnostic: &lsp::Diagnostic,
) -> CodeAction {
    CodeAction {
        title: title.to_string(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(workspace_edit(a, encoding, uri, edits)),
        ..CodeAction::default()
    }
}

fn workspace_edit(a: &Analysis, encoding: Encoding, uri: &Uri, edits: &[Edit]) -> WorkspaceEdit {
    let at = a.at(encoding);
    let edits = edits
        .iter()
        .map(|e| TextEdit::new(at.range(&e.range), e.replacement.clone()))
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The safe fixes that can go together: a fix is taken whole or not at all, and not
/// when one of its edits overlaps an edit already taken (inserts at one point may share it).
pub fn fix_all_edits(diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut taken: Vec<Edit> = Vec::new();
    let safe = diagnostics
        .iter()
        .flat_map(|d| &d.fixes)
        .filter(|f: &&Fix| f.applicability == Applicability::Safe);
    for fix in safe {
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| overlaps(&t.range, &e.range)));
        if !clashes {
            taken.extend(fix.edits.iter().cloned());
        }
    }
    taken.sort_by_key(|e| (e.range.start, e.range.end));
    taken
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end)
        || (a.is_empty() && b.start < a.start && a.start < b.end)
        || (b.is_empty() && a.start < b.start && b.start < a.end)
}

/// `<!-- pmlint-disable-line CODE -->` at the end of the diagnostic's first line (inside
/// the last cell of a table row, so the table stays a table). Not offered inside front
/// matter, where a comment would change the YAML.
fn disable_for_line(a: &Analysis, d: &Diagnostic) -> Option<Edit> {
    if a.front_matter
        .as_ref()
        .is_some_and(|f| f.contains(&d.range.start))
    {
        return None;
    }
    let at = a.at(Encoding::Utf8);
    let line = at.line_range(at.line_of(d.range.start));
    let text = a.text[line.clone()].trim_end();
    let comment = format!("<!-- pmlint-disable-line {} -->", d.code);
    Some(match text.strip_suffix('|') {
        Some(row) if text.trim_start().starts_with('|') => {
            Edit::insert(line.start + row.len(), format!("{comment} "))
        }
        _ if text.is_empty() => Edit::insert(line.start, comment),
        _ => Edit::insert(line.start + text.len(), format!(" {comment}")),
    })
}

/// `<!-- pmlint-disable-file CODE -->` on a line of its own at the top, after any front matter.
fn disable_for_file(a: &Analysis, d: &Diagnostic) -> Edit {
    let comment = format!("<!-- pmlint-disable-file {} -->\n", d.code);
    let at = a.at(Encoding::Utf8);
    let after_front_matter = a.front_matter.as_ref().and_then(|fm| {
        let first = at.line_of(fm.end);
        (first..first + 2)
            .find(|&l| matches!(a.text[at.line_range(l)].trim(), "---" | "..."))
            .map(|fence| at.line_range(fence + 1).start)
    });
    Edit::insert(after_front_matter.unwrap_or(0), comment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::diagnostics;
    use crate::tests::analyze;
    use ls_types::NumberOrString;
    use pmlint_core::apply_edits;
    use std::str::FromStr;

    fn titles(actions: &[CodeActionOrCommand]) -> Vec<String> {
        actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            })
            .collect()
    }

    fn edits_of(action: &CodeActionOrCommand) -> Vec<TextEdit> {
        let CodeActionOrCommand::CodeAction(a) = action else {
            panic!()
        };
        a.edit
            .as_ref()
            .unwrap()
            .changes
            .as_ref()
            .unwrap()
            .values()
            .next()
            .unwrap()
            .clone()
    }

    #[test]
    fn offers_fixes_disables_and_fix_all() {
        let a = analyze(
            "---\ntype: postmortem\n---\n# Postmortem: outage\n\n## Summary\n\nDB fell over.\n",
        );
        let uri = Uri::from_str("file:///tmp/postmortem.md").unwrap();
        let everything = lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(99, 0));
        let actions = code_actions(&a, Encoding::Utf16, &uri, everything, &only(None), true);
        let all = titles(&actions);
        assert!(
            all.iter().any(|t| t == "Disable S001 for this file"),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|t| t.starts_with("Disable S001 for this line")),
            "{all:?}"
        );
        assert!(all.iter().any(|t| t.starts_with("Insert")), "{all:?}");
        assert_eq!(
            all.last().map(String::as_str),
            Some("Fix all safe pmlint problems")
        );

        // Disabling for the file goes after the front matter, and really suppresses.
        let file = actions
            .iter()
            .find(|x| titles_of(x) == "Disable S001 for this file")
            .unwrap();
        let edit = &edits_of(file)[0];
        assert_eq!(edit.range.start, lsp::Position::new(3, 0));
        let only_fix_all = code_actions(
            &a,
            Encoding::Utf16,
            &uri,
            everything,
            &only(Some(CodeActionKind::SOURCE_FIX_ALL)),
            true,
        );
        assert_eq!(titles(&only_fix_all), ["Fix all safe pmlint problems"]);
        let only_quickfix = code_actions(
            &a,
            Encoding::Utf16,
            &uri,
            everything,
            &only(Some(CodeActionKind::QUICKFIX)),
            true,
        );
        assert!(!titles(&only_quickfix)
            .iter()
            .any(|t| t.starts_with("Fix all")));
    }

    fn only(kind: Option<CodeActionKind>) -> CodeActionContext {
        CodeActionContext {
            only: kind.map(|k| vec![k]),
            ..CodeActionContext::default()
        }
    }

    #[test]
    fn follows_the_clients_diagnostics_and_offers_each_disable_once() {
        // No date, severity, status or owner: several S004 findings on the title's line.
        let a = analyze("# Postmortem: outage\n\n## Summary\n\nDB fell over.\n");
        let uri = Uri::from_str("file:///tmp/postmortem.md").unwrap();
        let s004: Vec<_> = diagnostics::to_lsp(&a, Encoding::Utf16, true)
            .into_iter()
            .filter(|d| d.code == Some(NumberOrString::String("S004".into())))
            .collect();
        assert!(s004.len() > 1, "{s004:?}");
        let first_line = lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 5));
        let context = CodeActionContext {
            diagnostics: s004.clone(),
            ..CodeActionContext::default()
        };
        let actions = code_actions(&a, Encoding::Utf16, &uri, first_line, &context, true);
        let all = titles(&actions);
        let count = |title: &str| all.iter().filter(|t| *t == title).count();
        assert_eq!(count("Disable S004 for this file"), 1, "{all:?}");
        assert!(
            all.iter()
                .all(|t| t.contains("S004") || !t.starts_with("Disable")),
            "only the client's diagnostics: {all:?}"
        );
        let file = actions
            .iter()
            .find(|x| titles_of(x) == "Disable S004 for this file")
            .unwrap();
        let CodeActionOrCommand::CodeAction(file) = file else {
            panic!()
        };
        assert_eq!(file.diagnostics.as_ref().map(Vec::len), Some(s004.len()));

        // Naming one diagnostic narrows the quick fixes to it.
        let one = CodeActionContext {
            diagnostics: s004[..1].to_vec(),
            ..CodeActionContext::default()
        };
        let narrowed = code_actions(&a, Encoding::Utf16, &uri, first_line, &one, true);
        let CodeActionOrCommand::CodeAction(file) = narrowed
            .iter()
            .find(|x| titles_of(x) == "Disable S004 for this file")
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(file.diagnostics.as_ref().map(Vec::len), Some(1));
    }

    fn titles_of(a: &CodeActionOrCommand) -> String {
        titles(std::slice::from_ref(a)).remove(0)
    }

    #[test]
    fn disable_comments_suppress_the_diagnostic() {
        let text = "# Postmortem: outage\n\n## Summary\n\n| a | b |\n|---|---|\n| TODO | x |\n";
        let a = analyze(text);
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.code == "S003")
            .expect("a placeholder");
        let line = disable_for_line(&a, d).unwrap();
        let (fixed, _) = apply_edits(text, &[line]);
        assert!(
            fixed.contains("| TODO | x <!-- pmlint-disable-line S003 --> |"),
            "{fixed}"
        );
        assert!(
            !analyze(&fixed).diagnostics.iter().any(|d| d.code == "S003"),
            "{fixed}"
        );
        let (fixed, _) = apply_edits(text, &[disable_for_file(&a, d)]);
        assert!(fixed.starts_with("<!-- pmlint-disable-file S003 -->\n# Postmortem"));
        assert!(!analyze(&fixed).diagnostics.iter().any(|d| d.code == "S003"));
    }

    #[test]
    fn fix_all_takes_whole_non_overlapping_fixes() {
        let d = |fixes| Diagnostic {
            code: "S001",
            name: "missing-section",
            severity: pmlint_core::Severity::Error,
            range: 0..0,
            message: String::new(),
            note: None,
            fixes,
            related: Vec::new(),
        };
        let safe = |edits| Fix::safe("t", edits);
        let diagnostics = vec![
            d(vec![safe(vec![Edit::replace(2..5, "x")])]),
            d(vec![safe(vec![
                Edit::insert(0, "a"),
                Edit::replace(4..6, "y"),
            ])]),
            d(vec![safe(vec![Edit::insert(2, "z"), Edit::insert(9, "w")])]),
            d(vec![Fix::unsafe_("u", vec![Edit::insert(20, "no")])]),
        ];
        let taken: Vec<_> = fix_all_edits(&diagnostics)
            .into_iter()
            .map(|e| e.range)
            .collect();
        assert_eq!(taken, [2..2, 2..5, 9..9]);
    }

    #[test]
    fn an_exec_update_without_an_ask_gets_the_ask_skeleton_as_a_preferred_quick_fix() {
        let a = analyze("---\ntype: exec-update\n---\n# We lost 4,000 orders on Saturday\n\nLet me know if you have questions.\n");
        let uri = Uri::from_str("file:///tmp/update.md").unwrap();
        let headline = lsp::Range::new(lsp::Position::new(3, 2), lsp::Position::new(3, 2));
        let actions = code_actions(&a, Encoding::Utf16, &uri, headline, &only(None), true);
        let fix = actions
            .iter()
            .find(|x| titles_of(x) == "Insert a \"What I need from you\" section")
            .unwrap_or_else(|| panic!("{:?}", titles(&actions)));
        let CodeActionOrCommand::CodeAction(action) = fix else {
            panic!()
        };
        assert_eq!(action.is_preferred, Some(true));
        let edit = &edits_of(fix)[0];
        assert_eq!(edit.range.start, lsp::Position::new(6, 0));
        assert!(
            edit.new_text.starts_with("\n## What I need from you\n"),
            "{:?}",
            edit.new_text
        );
    }
}
