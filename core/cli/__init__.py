"""The `gongkai` command line: one subcommand group per noun, `--json` for
scripts, Chinese one-line errors for people."""
