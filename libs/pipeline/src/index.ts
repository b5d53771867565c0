/** pipeline: public entry point. */
export {};
