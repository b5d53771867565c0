/** drain: public entry point. */
export {};
