"""Browser checks of the example project: themes, layout, accessibility, HTML, PDF."""
