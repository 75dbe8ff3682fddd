// Every page is static; the engine and the diagrams run in the browser.
export const prerender = true;
export const trailingSlash = 'never';
