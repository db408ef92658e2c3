"""The association document as text.

decode (strict JSON), structure (the one converter), emit (jwst's bytes), key order and
white space.
"""
