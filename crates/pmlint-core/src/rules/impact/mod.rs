//! Impact (I): the Summary and Impact sections say how much, in numbers.

pub mod i001_unquantified_impact;
pub mod i002_vague_quantifier;

#[cfg(test)]
pub(crate) mod tests {
    use crate::{lint, Settings};

    /// The messages of rule `code` on `text`.
    pub(crate) fn findings(code: &str, text: &str) -> Vec<String> {
        lint(text, &Settings::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| d.message)
            .collect()
    }
}
