/** schema: public entry point. */
export {};
