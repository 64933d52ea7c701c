//! The `rungs_skills` Python module.

use pyo3::prelude::*;

#[pymodule]
fn rungs_skills(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
