//! Where the light client's database lives between runs: the two `DatabaseStorage`
//! implementations shipped with the package (any object with the same two methods works too).
//!
//! ```js
//! import { LightClient, IndexedDbStorage, FileStorage } from 'taolight';
//! const storage = typeof indexedDB !== 'undefined'
//!   ? new IndexedDbStorage()                    // browser page or Worker: IndexedDB "taolight"
//!   : new FileStorage('./.taolight');           // Node: one file per chain in that directory
//! const client = await LightClient.start(spec, { storage });   // loads, autosaves, saves on stop
//! ```
//! Both talk to the platform through the JS global object only (`indexedDB`;
//! `process.getBuiltinModule('node:fs')`, Node ≥ 20.16 / 22.3), so the same build serves every
//! environment. Failures reject with code `Storage` (`Unsupported` where the API is missing,
//! `InvalidArgument` for a chain key that is not a plain file name).
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::Error;

/// IndexedDB object store holding one database per chain key.
const STORE: &str = "databases";

fn storage_error(what: &str, e: &JsValue) -> Error {
    let detail = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| {
            Reflect::get(e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_owned());
    Error {
        code: "Storage",
        message: format!("{what}: {detail}"),
    }
}

fn get(object: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    Reflect::get(object, &JsValue::from_str(name))
}

fn call(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = get(object, name)?.dyn_into()?;
    f.apply(object, &args.iter().collect::<js_sys::Array>())
}

async fn wait(promise: JsValue) -> Result<JsValue, JsValue> {
    js_sys::futures::JsFuture::from(Promise::resolve(&promise)).await
}

/// A copy of `bytes` as a plain `Uint8Array` (not a Node `Buffer`).
fn plain_bytes(bytes: &JsValue) -> Result<Uint8Array, JsValue> {
    let view: Uint8Array = bytes.clone().dyn_into()?;
    Ok(Uint8Array::new(&view.slice(0, view.length()).buffer()))
}

/// A chain key usable as a file name: ASCII letters, digits, `.`, `_`, `-`, not starting
/// with `.`, at most 128 characters.
fn file_name(chain_key: &str) -> Result<String, Error> {
    let ok = !chain_key.is_empty()
        && chain_key.len() <= 128
        && !chain_key.starts_with('.')
        && chain_key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if ok {
        Ok(format!("{chain_key}.taolight-db.json"))
    } else {
        Err(Error::invalid_argument(
            "chainKey must be 1-128 of A-Z a-z 0-9 . _ - (not starting with '.')",
        ))
    }
}

/// The light-client database in files (Node): `<directory>/<chainKey>.taolight-db.json`,
/// written to a temporary file and renamed, so a crash never leaves half a database.
#[wasm_bindgen]
pub struct FileStorage {
    directory: String,
    fs: JsValue,
    path: JsValue,
}

#[wasm_bindgen]
impl FileStorage {
    /// A storage in `directory` (created on the first save). Throws `Unsupported` outside
    /// Node (no `process.getBuiltinModule`).
    #[wasm_bindgen(constructor)]
    pub fn new(directory: String) -> Result<FileStorage, Error> {
        let builtin = |name: &str| -> Option<JsValue> {
            let process = get(&js_sys::global(), "process").ok()?;
            call(&process, "getBuiltinModule", &[name.into()])
                .ok()
                .filter(JsValue::is_object)
        };
        let (Some(fs), Some(path)) = (builtin("node:fs"), builtin("node:path")) else {
            return Err(Error {
                code: "Unsupported",
                message: "FileStorage needs Node's process.getBuiltinModule (Node ≥ 20.16)"
                    .to_owned(),
            });
        };
        let fs = get(&fs, "promises").map_err(|e| storage_error("fs.promises", &e))?;
        if directory.is_empty() {
            return Err(Error::invalid_argument("directory must not be empty"));
        }
        Ok(FileStorage {
            directory,
            fs,
            path,
        })
    }

    /// The directory the files are kept in.
    #[wasm_bindgen(getter)]
    pub fn directory(&self) -> String {
        self.directory.clone()
    }

    fn file(&self, chain_key: &str) -> Result<String, Error> {
        let name = file_name(chain_key)?;
        call(
            &self.path,
            "join",
            &[self.directory.as_str().into(), name.into()],
        )
        .ok()
        .and_then(|p| p.as_string())
        .ok_or_else(|| Error::invalid_argument("directory is not a usable path"))
    }

    /// The bytes last saved for `chainKey`, or `null` if there are none.
    #[wasm_bindgen(unchecked_return_type = "Promise<Uint8Array | null>")]
    pub fn load(&self, #[wasm_bindgen(js_name = chainKey)] chain_key: String) -> Promise {
        let fs = self.fs.clone();
        let file = self.file(&chain_key);
        js_sys::futures::future_to_promise(async move {
            let file = file?;
            let read = call(&fs, "readFile", &[file.as_str().into()])
                .map_err(|e| storage_error("readFile", &e))?;
            match wait(read).await {
                Ok(bytes) => Ok(plain_bytes(&bytes)
                    .map_err(|e| storage_error("readFile", &e))?
                    .into()),
                Err(e)
                    if get(&e, "code").ok().and_then(|c| c.as_string()).as_deref()
                        == Some("ENOENT") =>
                {
                    Ok(JsValue::NULL)
                }
                Err(e) => Err(storage_error(&format!("reading {file}"), &e).into()),
            }
        })
    }

    /// Stores `bytes` for `chainKey` (replacing what was there).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn save(
        &self,
        #[wasm_bindgen(js_name = chainKey)] chain_key: String,
        bytes: Uint8Array,
    ) -> Promise {
        let fs = self.fs.clone();
        let directory = self.directory.clone();
        let file = self.file(&chain_key);
        js_sys::futures::future_to_promise(async move {
            let file = file?;
            let options = Object::new();
            let _ = Reflect::set(&options, &"recursive".into(), &true.into());
            let step = |name: &str, args: &[JsValue]| {
                call(&fs, name, args).map_err(|e| storage_error(name, &e))
            };
            wait(step("mkdir", &[directory.as_str().into(), options.into()])?)
                .await
                .map_err(|e| storage_error(&format!("creating {directory}"), &e))?;
            let tmp = format!("{file}.tmp");
            wait(step("writeFile", &[tmp.as_str().into(), bytes.into()])?)
                .await
                .map_err(|e| storage_error(&format!("writing {tmp}"), &e))?;
            wait(step(
                "rename",
                &[tmp.as_str().into(), file.as_str().into()],
            )?)
            .await
            .map_err(|e| storage_error(&format!("renaming to {file}"), &e))?;
            Ok(JsValue::UNDEFINED)
        })
    }
}

/// The light-client database in IndexedDB (browser pages and Workers): database `name`
/// (default `"taolight"`), object store `databases`, one `Uint8Array` per chain key.
#[wasm_bindgen]
pub struct IndexedDbStorage {
    name: String,
}

/// A Promise settled by an IndexedDB request's (or transaction's) events: `success` (or
/// `complete`) resolves with `request.result`; `error` / `abort` rejects with its error.
/// `on_upgrade` runs on `upgradeneeded` (opening only).
fn idb_promise(target: &JsValue, done_event: &str, on_upgrade: bool) -> Promise {
    let target = target.clone();
    let done_event = done_event.to_owned();
    Promise::new(&mut |resolve, reject| {
        let t = target.clone();
        let ok = Closure::once_into_js(move |_event: JsValue| {
            let result = get(&t, "result").unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let _ = Reflect::set(&target, &format!("on{done_event}").into(), &ok);
        // `error` and then `abort` can both fire on a transaction: one closure each (a
        // once-closure must not run twice; rejecting twice is harmless).
        for event in ["onerror", "onabort"] {
            let t = target.clone();
            let reject = reject.clone();
            let failed = Closure::once_into_js(move |_event: JsValue| {
                let error = get(&t, "error").unwrap_or(JsValue::NULL);
                let _ = reject.call1(&JsValue::NULL, &error);
            });
            let _ = Reflect::set(&target, &event.into(), &failed);
        }
        if on_upgrade {
            let t = target.clone();
            let upgrade = Closure::once_into_js(move |_event: JsValue| {
                if let Ok(db) = get(&t, "result") {
                    let _ = call(&db, "createObjectStore", &[STORE.into()]);
                }
            });
            let _ = Reflect::set(&target, &"onupgradeneeded".into(), &upgrade);
        }
    })
}

#[wasm_bindgen]
impl IndexedDbStorage {
    /// A storage in the IndexedDB database `name` (default `"taolight"`). Throws
    /// `Unsupported` where there is no `indexedDB`.
    #[wasm_bindgen(constructor)]
    pub fn new(name: Option<String>) -> Result<IndexedDbStorage, Error> {
        if !get(&js_sys::global(), "indexedDB").is_ok_and(|i| i.is_object()) {
            return Err(Error {
                code: "Unsupported",
                message: "IndexedDbStorage needs indexedDB (a browser page or Worker)".to_owned(),
            });
        }
        Ok(IndexedDbStorage {
            name: name.unwrap_or_else(|| "taolight".to_owned()),
        })
    }

    /// The IndexedDB database name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// The bytes last saved for `chainKey`, or `null`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Uint8Array | null>")]
    pub fn load(&self, #[wasm_bindgen(js_name = chainKey)] chain_key: String) -> Promise {
        let name = self.name.clone();
        js_sys::futures::future_to_promise(async move {
            let value = idb_run(&name, "readonly", |store| {
                call(store, "get", &[chain_key.as_str().into()])
            })
            .await?;
            if value.is_undefined() || value.is_null() {
                return Ok(JsValue::NULL);
            }
            Ok(plain_bytes(&value)
                .map_err(|_| Error {
                    code: "Storage",
                    message: format!("IndexedDB value for {chain_key} is not a Uint8Array"),
                })?
                .into())
        })
    }

    /// Stores `bytes` for `chainKey` (replacing what was there); resolves once committed.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn save(
        &self,
        #[wasm_bindgen(js_name = chainKey)] chain_key: String,
        bytes: Uint8Array,
    ) -> Promise {
        let name = self.name.clone();
        js_sys::futures::future_to_promise(async move {
            idb_run(&name, "readwrite", |store| {
                call(store, "put", &[bytes.into(), chain_key.as_str().into()])
            })
            .await?;
            Ok(JsValue::UNDEFINED)
        })
    }
}

/// Opens database `name`, runs one request on the `databases` store in a transaction of
/// `mode`, waits for the transaction to complete, closes the database, returns the request's
/// result.
async fn idb_run(
    name: &str,
    mode: &str,
    request: impl FnOnce(&JsValue) -> Result<JsValue, JsValue>,
) -> Result<JsValue, JsValue> {
    let indexed_db = get(&js_sys::global(), "indexedDB")?;
    let open = call(&indexed_db, "open", &[name.into(), 1.into()])
        .map_err(|e| storage_error("indexedDB.open", &e))?;
    let db = js_sys::futures::JsFuture::from(idb_promise(&open, "success", true))
        .await
        .map_err(|e| storage_error(&format!("opening IndexedDB {name}"), &e))?;
    let run = async {
        let tx = call(&db, "transaction", &[STORE.into(), mode.into()])?;
        let store = call(&tx, "objectStore", &[STORE.into()])?;
        let req = request(&store)?;
        let done = idb_promise(&tx, "complete", false);
        let result = js_sys::futures::JsFuture::from(idb_promise(&req, "success", false)).await?;
        js_sys::futures::JsFuture::from(done).await?;
        Ok::<_, JsValue>(result)
    };
    let result = run.await;
    let _ = call(&db, "close", &[]);
    result.map_err(|e| storage_error(&format!("IndexedDB {name} ({mode})"), &e).into())
}
