"""An official document (公文) read from any source: its GB/T 9704 elements (`elements`)."""
