"""The helper's own HTML pages under /ui: one blueprint with its core (session, CSRF, CSP), the label
tables, and one module per page; the templates are in helper/templates/web/. May import every domain
package (audit, security, school, photos, links, rules, storage); nothing imports it but helper.app."""
