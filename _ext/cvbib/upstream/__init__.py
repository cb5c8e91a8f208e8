"""The other projects cvbib builds on, at arm's length: one adapter module each.

cvbib uses the public APIs of pybtex (rich text, entries and persons, styles,
plugins) and of Sphinx directly. What it needs beyond them, from pybtex's and
sphinxcontrib-bibtex's internals, is reached only through
:mod:`cvbib.upstream.pybtex` and :mod:`cvbib.upstream.sphinxcontrib_bibtex`,
each of which names what it uses, why, and the upstream versions it was
checked against; ``tests/test_upstream.py`` fails clearly when an upstream
release changes one of them. ``make lint``'s import contract keeps every other
module from importing those internals.
"""
