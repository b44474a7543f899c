"""The officer's terminal app (Textual). Screens turn keys into calls on
`core` and results into widgets; no rule lives here."""
