"""UI strings, one module per area: each defines TEXTS = {key: (vietnamese, english)}."""
