// taolight/worker.js is a Web Worker entry point (`new Worker(url, { type: 'module' })`); it
// exports nothing. Drive it with `LightClientProxy` from taolight/light-client-proxy.js.
export {};
