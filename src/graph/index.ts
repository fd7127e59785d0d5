/** The reachability graph built from the model (see build.ts). */
export * from "./build.js";
export * from "./paths.js";
