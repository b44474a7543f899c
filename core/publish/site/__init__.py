"""The public site: Markdown sources generated from catalogs/, built by MkDocs."""
