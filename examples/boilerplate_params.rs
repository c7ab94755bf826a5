//! Strips many files with given boilerplate parameters, for `bench/boilerplate_cv.py`:
//! tuning by cross-validation runs the classifier hundreds of times, once per candidate.
//!
//! `boilerplate_params PARAMS_JSON FILE...` prints a JSON array of the stripped texts, in
//! the order of the files. PARAMS_JSON names some fields of `boilerplate::Params`.

use newsls::analysis::boilerplate::{Context, Params};
use newsls::analysis::{ScanCache, layout, strip_except};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(json) = args.next() else {
        eprintln!("usage: boilerplate_params PARAMS_JSON FILE...");
        return ExitCode::from(2);
    };
    let params = match Params::from_json(&json) {
        Ok(params) => params,
        Err(e) => {
            eprintln!("bad boilerplate parameters: {e}");
            return ExitCode::from(2);
        }
    };
    let context = Context::default().with_params(params);
    let mut out = Vec::new();
    for path in args {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(2);
            }
        };
        let analysis = layout(&text, &context, &mut ScanCache::default());
        out.push(strip_except(&text, &analysis, |_| false));
    }
    println!("{}", serde_json::Value::from(out));
    ExitCode::SUCCESS
}
