// Types for require-node.mjs (plain JavaScript, so that a Node too old for type stripping parses it).
export declare const REQUIRED_NODE_MAJOR: number;
export declare function nodeVersionProblem(version: string, env: Record<string, string | undefined>): string | null;
