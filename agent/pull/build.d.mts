export declare const AGENT_BUNDLE: string;
export declare function buildPullAgent(): Promise<string>;
