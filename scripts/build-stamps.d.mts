// Types of scripts/build-stamps.mjs.
export declare const ROOT: string;
export declare const EXTENSION_INPUTS: string[];
export declare const EXTENSION_STAMP: string;
export declare const SERVER_INPUTS: string[];
export declare const SERVER_STAMP: string;
export declare function sourceHash(inputs: string[]): string;
export declare function extensionCurrent(hash?: string): boolean;
export declare function serverCurrent(hash?: string): boolean;
