extensions = ["myst_parser", "cvweb"]
project = "A site"
author = "Ada Lovelace"
html_theme = "furo"
exclude_patterns = ["_build"]
