"""Pure presentation shared by the pages, the report and the CLI: texts, number formats, colours, figures, escaping."""
