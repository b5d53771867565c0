/** model-registry: public entry point. */
export {};
