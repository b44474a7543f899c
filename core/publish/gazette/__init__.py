"""The gazette (政府公报): parsing raw issues into documents, and storing them in catalogs/."""
