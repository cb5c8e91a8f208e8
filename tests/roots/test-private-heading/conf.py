extensions = ["myst_parser", "cvsite"]
myst_enable_extensions = ["attrs_inline"]
myst_heading_anchors = 2
html_theme = "furo"
exclude_patterns = ["_build"]
