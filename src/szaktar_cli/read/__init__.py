"""Reading the user's files: YAML (libyaml), the schema, the loaded projects, their history in
git, CSV rows to import, and the cache that spares parsing an unchanged file again."""
