"""The integfacts pytest plugin (registered through the ``pytest11`` entry point).

Work in progress: the fixture, marker, claim-file collection and report option
are being written (issue 5).
"""
