"""The MkDocs adapter, the only package that imports MkDocs: the `timeline` plugin
(`plugin`), building and serving for the command line (`engine`), the preview's file
watcher (`watching`) and the Material theme overrides (`theme/`)."""
