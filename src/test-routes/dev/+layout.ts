// The test pages sit outside the (site) group, so they take the site's page options and layout explicitly.
export { prerender, trailingSlash } from '../(site)/+layout';
