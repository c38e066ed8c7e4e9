"""Built-in handlers, one module per family.

`shortcodes.presets` assembles them into registries; nothing here registers
itself on import.
"""
