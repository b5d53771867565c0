/** deeplog: public entry point. */
export {};
