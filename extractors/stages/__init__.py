"""The document half of the pipeline: one module per group of stages, each stage a function
`DocumentState -> DocumentState` that fills its own fields.  `extractors/pipeline.py` lists
them in order (DOCUMENT_STAGES)."""
