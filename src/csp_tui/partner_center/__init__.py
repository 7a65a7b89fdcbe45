"""The Partner Center adapter: wire models, the async REST client, authentication."""
