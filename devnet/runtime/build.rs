//! Builds the runtime to wasm twice, both with the metadata hash enabled as on Finney:
//! `wasm_binary_stub.rs` with the `babe-stub` feature (chain `devnet`) and
//! `wasm_binary_plain.rs` without it (chain `devnet-plain`). Both builds share one wasm
//! project and target directory, so the dependencies are compiled once.
fn main() {
    #[cfg(feature = "std")]
    {
        substrate_wasm_builder::WasmBuilder::init_with_defaults()
            .enable_feature("babe-stub")
            .enable_metadata_hash("testTAO", 9)
            .set_file_name("wasm_binary_stub.rs")
            .build();
        substrate_wasm_builder::WasmBuilder::init_with_defaults()
            .enable_metadata_hash("testTAO", 9)
            .set_file_name("wasm_binary_plain.rs")
            .build();
    }
}
