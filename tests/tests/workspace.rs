//! The binding crates expose the same version as the core they wrap.

#[test]
fn mobile_binding_reports_its_version() {
    assert_eq!(taolight_mobile::version(), env!("CARGO_PKG_VERSION"));
}
