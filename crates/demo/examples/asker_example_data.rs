//! Writes the SYNTHETIC example data of the three registers for Asker (3203) to
//! `data/registers/example/` (see `demo::asker` for what they hold and how
//! they match the synthetic demo register).
//!
//! ```sh
//! cargo run -p naeringsplan-demo --example asker_example_data
//! ```

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/registers/example");
    std::fs::create_dir_all(&dir).expect("create data/registers/example");
    for (name, contents) in naeringsplan_demo::asker::asker_files() {
        std::fs::write(dir.join(name), contents).expect("write an example file");
        println!("wrote {}", dir.join(name).display());
    }
}
