"""Sub-commands of the ``fazhi-stats`` CLI, one module each."""
