"""What the public sees: the 主动公开目录 (`catalogue`), the 政府公报
(`gazette`: parse raw issues, store documents), whether a circulating copy is
the official text (`authenticity`, against the `texts` the site publishes), and the static site (`site`: render
document text as escaped HTML, generate the MkDocs sources).

Content is read from and written to the office's content tree (core.home),
never the package. `gazette.parse`, `site.render` and `authenticity` are rules
modules; `catalogue` and `site.generate` read the organisation and review
records."""
