// @strata/testing: the public API. Each part adds its exports below.
export {};
