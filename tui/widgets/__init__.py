"""Widgets and screen bases shared by several screens."""
