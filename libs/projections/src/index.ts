// The projector runtime and read models are built in the read-models issue (#4); this library
// exists now so the dependency rules cover it from the start.
export {};
