/** Vite bundles `?worker` imports as a worker script; the default export starts one. */
declare module '*?worker' {
  const WorkerFactory: new () => Worker;
  export default WorkerFactory;
}
