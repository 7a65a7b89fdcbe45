"""Domain models and validators: pure Python, no I/O."""
