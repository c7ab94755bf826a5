//! `newsls._newsls`: the article records of `newsls::dataset` for Python.
//!
//! Texts are copied out of Python, analysed with the GIL released (in parallel on rayon),
//! and the records handed back as dicts. A text that is not a `str` is a `TypeError`; a text
//! over the size limit a `ValueError`; a failure inside the analysis a `RuntimeError`, never
//! a crash of the interpreter.

use newsls::dataset::{self, Options, Record, RecordError};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Analyse one article and return its record: `text_clean`, `boilerplate`, `entities`,
/// `quotes` and `metadata`. Offsets are indices into `text` (code points), so
/// `text[m["start"]:m["end"]] == m["text"]`.
#[pyfunction]
fn analyze(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let text = text_of(text, "analyze() takes a str")?;
    let record = py.detach(|| contained(|| dataset::record(&text)))?;
    to_python(py, record, None)
}

/// Analyse many articles in parallel with the GIL released; one record per text, in order.
///
/// With `site_templates`, blocks shared by at least three texts of the call are publisher
/// templates (boilerplate), as in a workspace: pass one site's articles together, or turn it
/// off for unrelated texts. `threads` caps the worker threads (default: every core).
#[pyfunction]
#[pyo3(signature = (texts, *, site_templates = true, threads = None))]
fn annotate(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    site_templates: bool,
    threads: Option<usize>,
) -> PyResult<Vec<Py<PyAny>>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "annotate() takes a list of str, not one str (use analyze() for one text)",
        ));
    }
    let mut owned = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        owned.push(text_of(&item?, &format!("annotate() item {i}"))?);
    }
    let options = Options {
        site_templates,
        ..Options::default()
    };
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyRuntimeError::new_err(e.to_string()))?,
        ),
        None => None,
    };
    let records = py.detach(|| {
        contained(|| match &pool {
            Some(pool) => pool.install(|| dataset::annotate(&owned, &options)),
            None => dataset::annotate(&owned, &options),
        })
    })?;
    records
        .into_iter()
        .enumerate()
        .map(|(i, record)| to_python(py, record, Some(i)))
        .collect()
}

/// The text of a Python `str`; anything else is a `TypeError` naming `what`.
fn text_of(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if !value.is_instance_of::<PyString>() {
        let kind = value.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "{what}: expected str, got {kind}"
        )));
    }
    // A lone surrogate cannot be UTF-8: a UnicodeEncodeError (a ValueError) says so.
    value.extract::<String>()
}

/// Runs `work`, turning a panic into a `RuntimeError`.
fn contained<R>(work: impl FnOnce() -> R) -> PyResult<R> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|_| {
        PyRuntimeError::new_err("newsls: internal error in the analysis (please report it)")
    })
}

fn to_python(
    py: Python<'_>,
    record: Result<Record, RecordError>,
    index: Option<usize>,
) -> PyResult<Py<PyAny>> {
    let prefix = index.map_or(String::new(), |i| format!("text {i}: "));
    match record {
        Ok(record) => Ok(pythonize::pythonize(py, &record)
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?
            .unbind()),
        Err(e @ RecordError::TooLarge { .. }) => Err(PyValueError::new_err(format!("{prefix}{e}"))),
        Err(e) => Err(PyRuntimeError::new_err(format!("{prefix}{e}"))),
    }
}

/// newsls: boilerplate, entities, quotes and metadata of news articles.
#[pymodule]
fn _newsls(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(analyze, module)?)?;
    module.add_function(wrap_pyfunction!(annotate, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
