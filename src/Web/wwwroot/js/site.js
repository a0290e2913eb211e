// Where Bootstrap Italia loads its fonts from (served locally, never from a CDN).
window.__PUBLIC_PATH__ = '/lib/bootstrap-italia/fonts';
