"""The JSON Schemas of the content files (for editors' IDEs) and the field reference,
both generated from the model by `timeline schema`."""
