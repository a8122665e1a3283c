/** The bundled script and stylesheet of a browser entry (see browser-bundle.mjs). */
export function bundleBrowserScript(entry: string): Promise<{ script: string; style: string }>;
