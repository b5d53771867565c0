/** iforest: public entry point. */
export {};
