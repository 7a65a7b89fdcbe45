"""Message catalogs, one module per area of the application."""
