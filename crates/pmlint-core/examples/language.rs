//! Prints what the language layer makes of each argument:
//!
//!     cargo run -p pmlint-core --example language -- "The engineer forgot to renew it."

fn main() {
    for text in std::env::args().skip(1) {
        println!("{}\n", pmlint_core::language::analyze(&text).describe());
    }
}
